import { Agent, createServer, request } from "node:http";
import { parseArgs } from "node:util";

/**
 * The least a Node gateway can do per request: read the body, POST it upstream on a keep-alive
 * agent, parse the JSON answer and send it back. No routing, accounting or safety. The gateway
 * bench runs it beside modelmux to show the ceiling any single Node process reaches on this
 * machine. Prints `{"port":N}` once listening.
 */
const { values } = parseArgs({ options: { upstream: { type: "string" } } });
const upstreamPort = Number(values.upstream);
if (!Number.isInteger(upstreamPort) || upstreamPort <= 0)
  throw new Error("usage: bare-proxy-server --upstream PORT");
const agent = new Agent({ keepAlive: true });

const server = createServer((incoming, outgoing) => {
  const chunks: Buffer[] = [];
  incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
  incoming.on("end", () => {
    const body = Buffer.concat(chunks);
    const upstream = request(
      {
        host: "127.0.0.1",
        port: upstreamPort,
        path: incoming.url,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": body.length },
      },
      (answer) => {
        const parts: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => parts.push(chunk));
        answer.on("end", () => {
          const text = Buffer.concat(parts).toString();
          JSON.parse(text); // a gateway must at least read the answer
          outgoing.writeHead(answer.statusCode ?? 502, {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(text),
          });
          outgoing.end(text);
        });
      },
    );
    upstream.on("error", () => outgoing.writeHead(502).end());
    upstream.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`,
  );
});
process.once("SIGTERM", () => process.exit(0));
process.once("SIGINT", () => process.exit(0));
