import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnHttp, tempDataDir } from "../support/cli-process.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";

let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

/** A spawned `modelmux http` in front of the fake upstream, with its own data dir. */
async function start(server: Record<string, unknown> = {}) {
  const dataDir = tempDataDir();
  const config = join(dataDir, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      providers: { fake: { baseURL: upstream.url, models: { m1: { price: { input: 1, output: 2 } } } } },
      routing: { exploration: 0, maxAttempts: 1 },
      cache: { store: "off" },
      server,
    }),
  );
  const process = await spawnHttp({ args: ["--config", config], env: { MODELMUX_DATA_DIR: dataDir } });
  return { process, dataDir };
}

function chat(url: string, content: string): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "fake/m1", messages: [{ role: "user", content }] }),
  });
}

function ledgerRows(dataDir: string): { error_class: string | null }[] {
  const db = new Database(join(dataDir, "usage.sqlite"), { readonly: true });
  try {
    return db.prepare("SELECT error_class FROM usage").all() as { error_class: string | null }[];
  } finally {
    db.close();
  }
}

function exited(child: ReturnType<typeof spawnHttp> extends Promise<infer T> ? T : never) {
  return new Promise<number | null>((resolve) => {
    if (child.child.exitCode !== null) resolve(child.child.exitCode);
    else child.child.once("exit", (code) => resolve(code));
  });
}

describe("graceful shutdown (spawned modelmux http)", () => {
  it("SIGTERM lets 20 requests in flight finish, records all 20, refuses new work, exits 0", async () => {
    const { process: server, dataDir } = await start();
    upstream.setDefault({ type: "ok", latencyMs: 2_000 });
    const before = upstream.requests.length;
    const answers = Array.from({ length: 20 }, (_, index) => chat(server.url, `question ${index}`));
    await upstream.waitForRequests(before + 20, 10_000);
    const exit = exited(server);
    server.child.kill("SIGTERM");
    const settled = await Promise.allSettled(answers);
    const statuses = settled.map((result) => (result.status === "fulfilled" ? result.value.status : 0));
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 200));
    // New work is refused while draining (503) or, once the listener closed, not accepted at all.
    const late = await chat(server.url, "too late").then(
      (response) => response.status,
      () => "refused",
    );
    expect([503, "refused"]).toContain(late);
    expect(await exit).toBe(0);
    const rows = ledgerRows(dataDir);
    expect(rows).toHaveLength(20);
    expect(rows.every((row) => row.error_class === null)).toBe(true);
    upstream.setDefault({ type: "ok" });
  }, 60_000);

  it("stops waiting at server.drainTimeoutMs, records the cut requests, and a second signal exits at once", async () => {
    const { process: server, dataDir } = await start({ drainTimeoutMs: 300 });
    upstream.setDefault({ type: "ok", latencyMs: 20_000 });
    const before = upstream.requests.length;
    const answers = Promise.allSettled(
      Array.from({ length: 3 }, (_, index) => chat(server.url, `slow ${index}`)),
    );
    await upstream.waitForRequests(before + 3, 10_000);
    const exit = exited(server);
    server.child.kill("SIGTERM");
    expect(await exit).toBe(0);
    await answers;
    // The cut requests are in the ledger, as cancelled.
    const rows = ledgerRows(dataDir);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.error_class === "CANCELLED")).toBe(true);

    const second = await start();
    const slow = chat(second.process.url, "never answered").catch(() => undefined);
    await upstream.waitForRequests(before + 4, 10_000);
    const secondExit = exited(second.process);
    second.process.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    second.process.child.kill("SIGTERM");
    expect(await secondExit).toBe(143);
    // "At once": far sooner than the 20 s answer or the 30 s default drain.
    expect(Date.now() - started).toBeLessThan(5_000);
    await slow;
    upstream.setDefault({ type: "ok" });
  }, 60_000);
});
