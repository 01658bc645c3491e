import { createServer, get, type IncomingMessage, type OutgoingHttpHeader, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { contentEncodingOf } from "../../src/providers/node-http.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** The answer a server gives with these header lines. */
async function answerWith(lines: [string, OutgoingHttpHeader][]): Promise<IncomingMessage> {
  server = createServer((_request, response) => {
    response.writeHead(200, lines as unknown as OutgoingHttpHeader[]);
    response.end();
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return new Promise((resolve) => get(`http://127.0.0.1:${port}/`, resolve));
}

describe("contentEncodingOf", () => {
  const cases: [string, [string, OutgoingHttpHeader][]][] = [
    ["none", [["x-other", "1"]]],
    ["one", [["Content-Encoding", "gzip"]]],
    [
      "repeated, in any case",
      [
        ["content-encoding", "gzip"],
        ["x-other", "1"],
        ["CONTENT-ENCODING", "br"],
      ],
    ],
    ["empty", [["content-encoding", ""]]],
  ];
  for (const [name, lines] of cases) {
    it(`reads what message.headers holds: ${name}`, async () => {
      const message = await answerWith(lines);
      message.resume();
      const raw = contentEncodingOf(message);
      expect(raw).toBe(message.headers["content-encoding"]);
    });
  }
});
