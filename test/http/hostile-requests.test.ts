import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { startTestHttp } from "./http-fixture.js";

/** Issue 21, finding 10: trickled bodies, a 500,000-character model name, a byte-order mark. */
type Server = Awaited<ReturnType<typeof startTestHttp>>;

const TOKEN = "mmx-hostile-test-9c8b7a6f";

/**
 * Opens a raw connection, sends the head of a POST declaring `length` bytes, then one body byte
 * every 100 ms. Resolves with what the server sent and when the connection closed (ms after start).
 */
function trickle(url: string, path: string, headers: Record<string, string>, length = 200) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  const started = performance.now();
  let received = "";
  const head = [
    `POST ${path} HTTP/1.1`,
    `host: ${hostname}:${port}`,
    "content-type: application/json",
    `content-length: ${length}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    "",
    "",
  ].join("\r\n");
  socket.write(head);
  const timer = setInterval(() => {
    if (!socket.destroyed && socket.writable) socket.write(" ");
  }, 100);
  socket.on("data", (chunk) => {
    received += chunk.toString();
  });
  socket.on("error", () => {}); // writes after the server closed: expected
  return new Promise<{ response: string; closedAfterMs: number }>((resolve) => {
    socket.once("close", () => {
      clearInterval(timer);
      resolve({ response: received, closedAfterMs: performance.now() - started });
    });
  });
}

describe("hostile requests (issue 21)", () => {
  let upstream: FakeUpstream;
  let open: Server;
  let keyed: Server;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    const providers = {
      lab: { baseURL: upstream.url, apiKey: "lab-key", models: { m1: { price: { input: 1, output: 2 } } } },
    };
    open = await startTestHttp({ providers, server: { bodyTimeoutMs: 800 }, cache: { store: "off" } });
    keyed = await startTestHttp({
      providers,
      keys: [{ name: "team-a", sha256: sha256Hex(TOKEN) }],
      cache: { store: "off" },
    });
  });
  afterAll(async () => {
    await open?.stop();
    await keyed?.stop();
    await upstream?.close();
  });

  it("answers a trickled body with 408 after server.bodyTimeoutMs and closes the connection", async () => {
    for (const path of ["/v1/chat/completions", "/mcp"]) {
      const { response, closedAfterMs } = await trickle(open.url, path, {
        accept: "application/json, text/event-stream",
      });
      expect(response).toMatch(/^HTTP\/1\.1 408/);
      expect(response).toContain("request body not received within 0.8 s");
      expect(closedAfterMs).toBeLessThan(10_000);
    }
  }, 30_000);

  it("closes an unauthenticated connection after its 401, even while its body trickles in", async () => {
    for (const path of ["/v1/chat/completions", "/mcp"]) {
      const { response, closedAfterMs } = await trickle(keyed.url, path, {}, 100_000);
      expect(response).toMatch(/^HTTP\/1\.1 401/);
      expect(response.toLowerCase()).toContain("connection: close");
      // The default body deadline is 30 s and node's own is 300 s: closing comes from the 401.
      expect(closedAfterMs).toBeLessThan(10_000);
    }
  }, 30_000);

  const unknownModel = (model: string) =>
    fetch(`${open.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
    });

  it("answers a 500,000-character model name quickly, echoing only its start", async () => {
    const name = `x${"y".repeat(500_000)}`;
    // An ordinary unknown name first, so the catalog's first load is not counted below.
    await unknownModel("lab/m2");
    // CPU time of this process (the server runs in it), not wall time: a landing at load 12 took
    // 4.2 s of wall time for what a quiet machine answers at once.
    const started = process.cpuUsage();
    const response = await unknownModel(name);
    const used = process.cpuUsage(started);
    const cpuMs = (used.user + used.system) / 1000;
    const text = await response.text();
    expect(response.status).toBe(404);
    expect(text.length).toBeLessThan(2000);
    expect(text).toContain("(500001 characters)");
    // The "did you mean" search over this name took 6.8 s; it now takes about 25 ms of CPU.
    expect(cpuMs).toBeLessThan(1000);
    await open.deps.ledger.flush();
    const [latest] = await open.deps.ledger.recent(1);
    expect(latest?.requestedModel.length).toBeLessThan(300);
    expect(latest?.requestedModel).toMatch(/^xyyy.*\(500001 characters\)$/);
  }, 30_000);

  it("keeps only the start of a 500,000-character embedding model name in the ledger", async () => {
    const name = `e${"z".repeat(500_000)}`;
    const response = await fetch(`${open.url}/v1/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: name, input: "hi" }),
    });
    expect(response.status).toBe(404);
    expect((await response.text()).length).toBeLessThan(2000);
    await open.deps.ledger.flush();
    const [latest] = await open.deps.ledger.recent(1);
    expect(latest?.tool).toBe("v1/embeddings");
    expect(latest?.requestedModel).toMatch(/^ezzz.*\(500001 characters\)$/);
  }, 30_000);

  it("still suggests close names for an ordinary typo", async () => {
    const response = await unknownModel("lab/m2");
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/did you mean .*lab\/m1/);
  });

  it("accepts a body that starts with a UTF-8 byte-order mark", async () => {
    const json = JSON.stringify({ model: "lab/m1", messages: [{ role: "user", content: "hi" }] });
    const response = await fetch(`${open.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]),
    });
    expect(response.status).toBe(200);
  });
});
