import { Agent, createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createNetServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createConnectionPool, targetOf } from "../../src/providers/node-http.js";
import { createCompletionPoster, fixedHeaderList } from "../../src/providers/post-json.js";

let server: Server | undefined;
afterEach(async () => {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** An upstream that keeps every request's raw header lines and answers `{}`. */
async function recorder(host: string): Promise<{ port: number; seen: string[][] }> {
  const seen: string[][] = [];
  server = createServer((incoming: IncomingMessage, response) => {
    seen.push(incoming.rawHeaders);
    incoming.resume();
    incoming.once("end", () => response.end("{}"));
  });
  await new Promise<void>((resolve) => server?.listen(0, host, resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

/** What http.request writes from a headers object, as the poster once called it. */
function objectRequest(url: string, headers: Record<string, string>, body: string): Promise<void> {
  const target = targetOf(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        auth: target.auth,
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
      },
      (answer) => {
        answer.resume();
        answer.once("end", resolve);
      },
    );
    outgoing.once("error", reject);
    outgoing.end(body);
  });
}

const HEADERS = {
  accept: "application/json",
  "content-type": "application/json",
  "user-agent": "modelmux/test",
  authorization: "Bearer sk-test",
};

describe("the poster's request headers", () => {
  const cases: [string, string, Record<string, string>][] = [
    ["a plain URL with a port", "127.0.0.1", HEADERS],
    ["a URL with credentials and no authorization header", "127.0.0.1", { accept: "application/json" }],
    [
      "a given Host and names differing in case",
      "127.0.0.1",
      { Host: "example.test", accept: "a", Accept: "b" },
    ],
  ];
  for (const [name, host, headers] of cases) {
    it(`are the ones http.request writes from a headers object: ${name}`, async () => {
      const { port, seen } = await recorder(host);
      const credentials = name.includes("credentials") ? "user:p%40ss@" : "";
      const url = `http://${credentials}${host}:${port}/v1/chat/completions?x=1`;
      const body = JSON.stringify({ model: "m", text: "héllo" });
      await objectRequest(url, headers, body);
      const poster = createCompletionPoster({ url, headers, pool: createConnectionPool() });
      await poster.json(JSON.parse(body), undefined);
      const [expected, actual] = seen;
      // The object request went without an agent (Connection: close); the poster keeps its connection.
      const withoutConnection = (raw: string[] | undefined) =>
        (raw ?? []).flatMap((value, index, all) =>
          index % 2 === 0 && value.toLowerCase() !== "connection" ? [[value, all[index + 1]]] : [],
        );
      expect(withoutConnection(actual)).toEqual(withoutConnection(expected));
    });
  }
});

/** A TCP upstream that keeps every byte a request sends and answers `{}` once it has the body. */
async function byteRecorder(): Promise<{ port: number; requests: Buffer[]; close(): void }> {
  const requests: Buffer[] = [];
  const sockets = new Set<Socket>();
  const raw = createNetServer((socket) => {
    sockets.add(socket);
    let bytes = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      const end = bytes.indexOf("\r\n\r\n");
      const length = /\r\ncontent-length: (\d+)/i.exec(bytes.subarray(0, end).toString("latin1"));
      if (end === -1 || !length || bytes.length < end + 4 + Number(length[1])) return;
      requests.push(bytes);
      bytes = Buffer.alloc(0);
      socket.write("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}");
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
  return {
    port: (raw.address() as AddressInfo).port,
    requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      raw.close();
    },
  };
}

describe("the poster's request bytes", () => {
  it("are the ones http.request writes for the body as a Buffer, ASCII or not, with a latin1 header value", async () => {
    const { port, requests, close } = await byteRecorder();
    const url = `http://127.0.0.1:${port}/v1/chat/completions`;
    const headers = { ...HEADERS, "x-note": "caf\u00e9" };
    const bodies = [
      { model: "m", text: "hello" },
      { model: "m", text: "h\u00e9llo \u{1f600}" },
    ];
    const agent = new Agent({ keepAlive: true });
    for (const body of bodies) {
      const text = JSON.stringify(body);
      const { list } = fixedHeaderList(headers, targetOf(url));
      await new Promise<void>((resolve, reject) => {
        const outgoing = request(
          {
            hostname: "127.0.0.1",
            port,
            path: "/v1/chat/completions",
            method: "POST",
            headers: list.map((value, index) =>
              value === "0" && list[index - 1] === "content-length" ? String(Buffer.byteLength(text)) : value,
            ),
            agent,
          },
          (answer) => {
            answer.resume();
            answer.once("end", resolve);
          },
        );
        outgoing.once("error", reject);
        outgoing.end(Buffer.from(text));
      });
    }
    agent.destroy();
    const poster = createCompletionPoster({ url, headers, pool: createConnectionPool() });
    for (const body of bodies) await poster.json(body, undefined);
    close();
    expect(requests).toHaveLength(4);
    expect(requests[2]?.toString("latin1")).toContain("x-note: caf\u00e9\r\n");
    expect(requests[2]).toEqual(requests[0]);
    expect(requests[3]).toEqual(requests[1]);
  });
});
