import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

export interface RoundRobinProxy {
  url: string;
  /** Which upstream served each request, in order (index into the targets). */
  served: number[];
  close(): Promise<void>;
}

/**
 * A load balancer with no affinity at all: each HTTP request goes to the next target in turn,
 * streamed both ways (SSE included). Stands in for a plain round-robin LB in front of instances.
 */
export async function startRoundRobinProxy(targets: () => string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const served: number[] = [];
  const server = createServer((incoming, outgoing) => {
    const list = targets();
    const index = next++ % list.length;
    served.push(index);
    const target = new URL(incoming.url ?? "/", list[index]);
    const forwarded = httpRequest(
      target,
      { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on("error", (error) => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { "content-type": "text/plain" });
      outgoing.end(`proxy: ${error.message}`);
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
