import { createHook } from "node:async_hooks";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import {
  createServer,
  Agent as HttpAgent,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer, Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { FastReuseHttpAgent, FastReuseHttpsAgent } from "../../src/providers/keep-alive-agent.js";

/** How a scenario reaches its upstreams: plain HTTP, or TLS with a certificate made for the test. */
interface Transport {
  listen(handler: (incoming: IncomingMessage, response: ServerResponse) => void): Server;
  send: typeof request;
}

const HTTP: Transport = { listen: (handler) => createServer(handler), send: request };
let tls: { key: string; cert: string };
const HTTPS: Transport = {
  listen: (handler) => createHttpsServer(tls, handler),
  send: httpsRequest as typeof request,
};

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "keep-alive-agent-"));
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
      .concat(["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", join(dir, "key.pem")])
      .concat(["-out", join(dir, "cert.pem")]),
    { stdio: "ignore" },
  );
  tls = {
    key: readFileSync(join(dir, "key.pem"), "utf8"),
    cert: readFileSync(join(dir, "cert.pem"), "utf8"),
  };
  rmSync(dir, { recursive: true, force: true });
});

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** An upstream that answers each request with the number of the connection it came on. */
async function numberingServer(
  keepAliveTimeoutMs: number,
  transport = HTTP,
): Promise<{ port: number; server: Server }> {
  let connections = 0;
  const numbers = new WeakMap<Socket, number>();
  const server = transport.listen((incoming, response) => {
    incoming.resume();
    incoming.once("end", () => response.end(String(numbers.get(incoming.socket))));
  });
  server.on(transport === HTTP ? "connection" : "secureConnection", (socket: Socket) =>
    numbers.set(socket, ++connections),
  );
  server.keepAliveTimeout = keepAliveTimeoutMs;
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

/** One POST as the poster sends it (flat header list, hostname and port): which connection, and was the socket reused. */
function post(agent: HttpAgent, port: number, transport = HTTP): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = transport.send(
      {
        hostname: "127.0.0.1",
        port: String(port),
        path: "/v1/chat/completions",
        method: "POST",
        headers: ["content-type", "application/json", "content-length", "2", "Host", `127.0.0.1:${port}`],
        agent,
      },
      (answer) => {
        let body = "";
        answer.setEncoding("utf8");
        answer.on("data", (text: string) => {
          body += text;
        });
        answer.once("end", () => resolve(`${body}${outgoing.reusedSocket ? " reused" : ""}`));
      },
    );
    outgoing.once("error", reject);
    outgoing.end("{}");
  });
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

/** The pool as node's agent keeps it: idle sockets per key, with their timeouts. */
function pool(agent: HttpAgent): Record<string, number[]> {
  const idle: Record<string, number[]> = {};
  for (const [name, sockets] of Object.entries(agent.freeSockets))
    idle[name] = (sockets ?? []).map((socket) => (socket as Socket).timeout ?? -1);
  for (const [name, sockets] of Object.entries(agent.sockets)) if (sockets?.length) idle[`busy ${name}`] = [];
  return idle;
}

/**
 * Everything an agent decides in a run: which connection each request used and whether it was a
 * reused one, the pool after each step, and the async resources node created.
 */
async function scenario(agent: HttpAgent, transport = HTTP): Promise<unknown[]> {
  const send = (port: number) => post(agent, port, transport);
  const trace: unknown[] = [];
  const labels = new Map<string, string>();
  const resources: string[] = [];
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type === "TCPWRAP" || type === "HTTPCLIENTREQUEST")
        resources.push(`${type} ${(resource as object).constructor.name}`);
    },
  }).enable();
  try {
    const a = await numberingServer(5_000, transport); // hints `timeout=5`: idle sockets time out after 4 s
    const b = await numberingServer(10_000, transport); // `timeout=10`
    const short = await numberingServer(1_000, transport); // `timeout=1`: too short to reuse
    labels.set(String(a.port), "a").set(String(b.port), "b").set(String(short.port), "short");
    for (let step = 0; step < 3; step++) trace.push(await send(a.port));
    await tick();
    trace.push(pool(agent));
    trace.push((await Promise.all([send(a.port), send(a.port), send(a.port)])).sort());
    await tick();
    trace.push(pool(agent));
    for (let step = 0; step < 3; step++) trace.push(await send(a.port));
    trace.push(await send(b.port), await send(b.port), await send(a.port));
    trace.push(await send(short.port), await send(short.port));
    await tick();
    trace.push(pool(agent));
    // The upstream closes its idle connections: the next request must not pick a dead one.
    a.server.closeIdleConnections();
    await tick();
    trace.push(pool(agent));
    trace.push(await send(a.port), await send(a.port));
    await tick();
    trace.push(pool(agent));
  } finally {
    hook.disable();
    agent.destroy();
  }
  // Ports differ from run to run: pool keys name the server instead.
  const named = JSON.stringify(trace).replace(
    /127\.0\.0\.1:(\d+):[^"]*/g,
    (_key, port: string) => labels.get(port) ?? port,
  );
  return [JSON.parse(named), resources];
}

describe("FastReuseHttpAgent", () => {
  it("pools, reuses, expires and drops sockets exactly as node's keep-alive agent does", async () => {
    const expected = await scenario(new HttpAgent({ keepAlive: true }));
    const actual = await scenario(new FastReuseHttpAgent({ keepAlive: true }));
    expect(actual).toEqual(expected);
    // What both did, so that the comparison cannot pass on two agents that never reuse.
    const [trace, resources] = actual as [unknown[], string[]];
    expect(trace.slice(0, 5)).toEqual(["1", "1 reused", "1 reused", { a: [0] }, ["1 reused", "2", "3"]]);
    expect(trace.slice(12, 15)).toEqual(["1", "2", { a: [0, 0, 0], b: [0] }]);
    expect(trace.slice(15)).toEqual([{ b: [0] }, "4", "4 reused", { a: [0], b: [0] }]);
    expect(resources.filter((resource) => resource === "TCPWRAP ReusedHandle")).toHaveLength(9);
  });

  it("times idle sockets out as node's agent does, by the agent's timeout and the server's hint", async () => {
    const expected = await scenario(new HttpAgent({ keepAlive: true, timeout: 8_000 }));
    const actual = await scenario(new FastReuseHttpAgent({ keepAlive: true, timeout: 8_000 }));
    expect(actual).toEqual(expected);
    // `timeout=5` → 4 s, under the agent's 8 s; `timeout=10` → 9 s, over it.
    expect((actual as [unknown[]])[0][14]).toEqual({ a: [4000, 4000, 4000], b: [8000] });
  });

  it("does the same over TLS, where the pool key also holds the agent's TLS options", async () => {
    const expected = await scenario(new HttpsAgent({ keepAlive: true, ca: tls.cert }), HTTPS);
    const actual = await scenario(new FastReuseHttpsAgent({ keepAlive: true, ca: tls.cert }), HTTPS);
    expect(actual).toEqual(expected);
    expect((actual as [unknown[]])[0].slice(0, 5)).toEqual([
      "1",
      "1 reused",
      "1 reused",
      { a: [0] },
      ["1 reused", "2", "3"],
    ]);
  });

  it("lets each request through the same socket in turn when one is idle", async () => {
    const agent = new FastReuseHttpAgent({ keepAlive: true });
    const { port } = await numberingServer(5_000);
    const answers: string[] = [];
    for (let step = 0; step < 5; step++) answers.push(await post(agent, port));
    agent.destroy();
    expect(answers).toEqual(["1", "1 reused", "1 reused", "1 reused", "1 reused"]);
  });
});
