import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { APIConnectionError, APIError } from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { Cancellation } from "../../src/cancel-signal.js";
import { createConnectionPool } from "../../src/providers/node-http.js";
import { createCompletionPoster } from "../../src/providers/post-json.js";

const ANSWER = {
  id: "chatcmpl-1",
  choices: [{ index: 0, message: { role: "assistant", content: "salut" } }],
};
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A one-off upstream whose answer the test writes by hand (the shared fake cannot gzip or cut a body short). */
async function upstream(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
}

const poster = (url: string) =>
  createCompletionPoster({
    url,
    headers: { "content-type": "application/json" },
    pool: createConnectionPool(),
  });

describe("createCompletionPoster", () => {
  it("decodes a gzip answer", async () => {
    const url = await upstream((_request, response) => {
      const body = gzipSync(JSON.stringify(ANSWER));
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      response.end(body);
    });
    await expect(poster(url).json({ model: "m" }, undefined)).resolves.toEqual(ANSWER);
  });

  it("a body cut short is a connection error, never a short answer", async () => {
    const url = await upstream((_request, response) => {
      const body = JSON.stringify(ANSWER);
      response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      response.write(body.slice(0, 10), () => response.socket?.destroy());
    });
    await expect(poster(url).json({ model: "m" }, undefined)).rejects.toBeInstanceOf(APIConnectionError);
  });

  it("sends the JSON body and headers, and keeps one connection alive", async () => {
    const seen: { body: string; type: string | undefined; port: number | undefined }[] = [];
    const url = await upstream((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on("end", () => {
        seen.push({ body, type: request.headers["content-type"], port: request.socket.remotePort });
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(ANSWER));
      });
    });
    const post = poster(url);
    for (let index = 0; index < 10; index++) await post.json({ index }, undefined);
    expect(seen.map((entry) => entry.body)).toEqual(
      Array.from({ length: 10 }, (_, index) => `{"index":${index}}`),
    );
    expect(seen[0]?.type).toBe("application/json");
    expect(new Set(seen.map((entry) => entry.port)).size).toBe(1);
  });

  it("an error status is the SDK's APIError with the parsed body and headers", async () => {
    const url = await upstream((_request, response) => {
      response.writeHead(429, { "content-type": "application/json", "retry-after": "7" });
      response.end(JSON.stringify({ error: { message: "slow down", type: "rate_limit" } }));
    });
    const error = (await poster(url)
      .json({}, undefined)
      .catch((thrown: unknown) => thrown)) as APIError;
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(429);
    expect(error.message).toContain("slow down");
    expect(error.headers?.get("retry-after")).toBe("7");
  });

  it("a Cancellation aborts the call with its own reason and closes the connection", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const url = await upstream((request) => {
      request.socket.once("close", closed); // never answers
    });
    const cancellation = new Cancellation();
    const pending = poster(url)
      .json({}, cancellation)
      .catch((thrown: unknown) => thrown);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reason = new Error("caller left");
    cancellation.abort(reason);
    await expect(pending).resolves.toBe(reason);
    await connectionClosed;
  });

  it("streams events in order, decoded, with a character split between two writes", async () => {
    const frames = ['data: {"delta":"caf\u00e9 "}\n\n', 'data: {"delta":"ol\u00e9"}\n\n', "data: [DONE]\n\n"];
    const url = await upstream((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream", "content-encoding": "gzip" });
      const bytes = gzipSync(Buffer.from(frames.join(""), "utf8"));
      response.write(bytes.subarray(0, 7));
      setTimeout(() => response.end(bytes.subarray(7)), 10);
    });
    const events: unknown[] = [];
    await poster(url).stream({ stream: true }, undefined, (event) => events.push(event));
    expect(events).toEqual([{ delta: "café " }, { delta: "olé" }]);

    const plain = await upstream((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      const bytes = Buffer.from(frames.join(""), "utf8");
      const split = bytes.indexOf(0xa9); // the second byte of the first é
      response.write(bytes.subarray(0, split));
      setTimeout(() => response.end(bytes.subarray(split)), 10);
    });
    events.length = 0;
    await poster(plain).stream({ stream: true }, undefined, (event) => events.push(event));
    expect(events).toEqual([{ delta: "café " }, { delta: "olé" }]);
  });

  it("an error event mid-stream is the SDK's APIError with the provider's error", async () => {
    const url = await upstream((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write('data: {"delta":"a"}\n\n');
      response.end('data: {"error":{"message":"overloaded","type":"server_error"}}\n\n');
    });
    const events: unknown[] = [];
    const error = (await poster(url)
      .stream({}, undefined, (event) => events.push(event))
      .catch((thrown: unknown) => thrown)) as APIError;
    expect(events).toEqual([{ delta: "a" }]);
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBeUndefined();
    expect(error.message).toContain("overloaded");
  });

  it("an error the caller throws ends the stream with that error and closes the connection", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const url = await upstream((request, response) => {
      request.socket.once("close", closed);
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write('data: {"delta":"a"}\n\n'); // and never ends
    });
    const mine = new Error("the caller's own");
    const outcome = poster(url)
      .stream({}, undefined, () => {
        throw mine;
      })
      .catch((thrown: unknown) => thrown);
    await expect(outcome).resolves.toBe(mine);
    await connectionClosed;
  });
});
