import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createConnectionPool, targetOf } from "../../src/providers/node-http.js";
import { createCompletionPoster } from "../../src/providers/post-json.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
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
