import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LEDGER_FILE, type Ledger } from "../../src/usage/index.js";
import { BACKENDS, type BackendName, type LedgerFixture, useLedgerFixture } from "./ledger-backends.js";
import { usageRecord } from "./usage-record.js";

const ALL_TIME = { since: 0, until: Number.MAX_SAFE_INTEGER };
const fixture: LedgerFixture = useLedgerFixture();

/** Runs ledger-child.ts on `ledger`'s store; resolves with the child once it has recorded its rows. */
async function startChild(ledger: Ledger, count: number, flushIntervalMs: number) {
  const { dataDir, databaseUrl } = fixture.settingsOf(ledger);
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(import.meta.dirname, "ledger-child.ts"),
      dataDir,
      String(count),
      String(flushIntervalMs),
      ...(databaseUrl ? [databaseUrl] : []),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("recorded")) resolve();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`child exited with ${code}: ${output}`)));
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (_, signal) => resolve(signal)),
  );
  return { child, exited };
}

async function waitForRows(ledger: Ledger, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const reader = fixture.reopen(ledger);
    const rows = (await reader.query(ALL_TIME)).length;
    await reader.close();
    if (rows >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`ledger never reached ${count} rows`);
}

describe.each(BACKENDS)("usage ledger on %s", (backend: BackendName) => {
  it("keeps every one of 1,000 concurrent records across close and reopen", async () => {
    const ledger = await fixture.open(backend, { batchSize: 64 });
    await Promise.all(
      Array.from({ length: 1_000 }, async (_, index) => {
        // Interleave the writers with batch flushes on the event loop.
        await new Promise((resolve) => setImmediate(resolve));
        ledger.record(usageRecord({ latencyMs: index, key: `key-${index % 7}` }));
      }),
    );
    await ledger.close();
    const rows = await fixture.reopen(ledger).query(ALL_TIME);
    expect(rows).toHaveLength(1_000);
    expect(new Set(rows.map((row) => row.latencyMs)).size).toBe(1_000);
  });

  it("round-trips every field, including the attempt log and nulls", async () => {
    const ledger = await fixture.open(backend);
    const full = usageRecord({
      sessionId: "session-1",
      baselineCostUsd: 0.005,
      savedByCacheUsd: 0.002,
      tokensCached: 30,
      attempts: 2,
      cache: "hit",
      guardrailAction: "redact",
      attemptLog: [
        {
          provider: "groq",
          model: "llama",
          deployment: "groq/llama",
          outcome: "error",
          status: 503,
          latency_ms: 12,
        },
        { provider: "openai", model: "gpt-4o", deployment: "openai/gpt-4o", outcome: "ok", latency_ms: 180 },
      ],
    });
    const blocked = usageRecord({
      time: full.time + 1,
      model: null,
      provider: null,
      costUsd: 0,
      errorClass: "GUARDRAIL_BLOCKED",
      guardrailAction: "block",
      cache: "off",
    });
    ledger.record(full);
    ledger.record({ ...blocked, requestId: "request-2" });
    await ledger.close();
    const [first, second] = await fixture.reopen(ledger).query(ALL_TIME);
    expect(first).toEqual({ id: 1, requestId: expect.any(String), ...full });
    expect(second).toEqual({ id: 2, ...blocked, requestId: "request-2" });
  });

  it("serves query, recent and spentUsd including records not yet flushed", async () => {
    const ledger = await fixture.open(backend, { flushIntervalMs: 60_000 });
    const start = Date.UTC(2025, 5, 10);
    ledger.record(usageRecord({ time: start, key: "team-a", costUsd: 0.25 }));
    ledger.record(usageRecord({ time: start + 1_000, key: "team-b", costUsd: 0.5 }));
    ledger.record(usageRecord({ time: start + 2_000, key: "team-a", costUsd: 1 }));
    expect(await ledger.spentUsd({ since: start, until: start + 2_000 })).toBeCloseTo(0.75, 12);
    expect(await ledger.spentUsd({ since: start, until: start + 5_000, key: "team-a" })).toBeCloseTo(
      1.25,
      12,
    );
    expect(
      (await ledger.query({ since: start, until: start + 5_000, key: "team-b" })).map((row) => row.costUsd),
    ).toEqual([0.5]);
    expect(await ledger.query({ ...ALL_TIME, limit: 2 })).toHaveLength(2);
    expect((await ledger.recent(2)).map((row) => row.time)).toEqual([start + 2_000, start + 1_000]);
  });

  it("writes batches on its timer without close: rows survive SIGKILL", async () => {
    const ledger = await fixture.open(backend);
    const { child, exited } = await startChild(ledger, 250, 20);
    await waitForRows(ledger, 250);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const rows = await fixture.reopen(ledger).query(ALL_TIME);
    expect(rows).toHaveLength(250);
  });

  it("flushes on SIGTERM before the process dies by the signal", async () => {
    const ledger = await fixture.open(backend);
    // A one-minute timer: only the signal handler can have written these rows (PostgreSQL: to the
    // spill file, synchronously, which the next ledger on this data dir replays).
    const { child, exited } = await startChild(ledger, 300, 60_000);
    child.kill("SIGTERM");
    expect(await exited).toBe("SIGTERM");
    expect(await fixture.reopen(ledger).query(ALL_TIME)).toHaveLength(300);
  });

  it("drops records after close with a warning instead of throwing", async () => {
    const ledger = await fixture.open(backend);
    await ledger.close();
    expect(() => ledger.record(usageRecord())).not.toThrow();
  });

  it("stores a request id once, however often it is recorded", async () => {
    const ledger = await fixture.open(backend);
    const record = usageRecord({ requestId: "same-request" });
    ledger.record(record);
    await ledger.flush();
    ledger.record(record);
    ledger.record({ ...record, costUsd: 9 });
    await ledger.close();
    const rows = await fixture.reopen(ledger).query(ALL_TIME);
    expect(rows.map((row) => [row.requestId, row.costUsd])).toEqual([["same-request", record.costUsd]]);
  });
});

describe("SQLite usage ledger", () => {
  it("checkpoints the WAL from a worker thread, so batch writes on the request thread never do", async () => {
    const ledger = await fixture.open("sqlite", { flushIntervalMs: 3_600_000, checkpointIntervalMs: 50 });
    const { dataDir } = fixture.settingsOf(ledger);
    const databaseBytes = () => statSync(join(dataDir, LEDGER_FILE)).size;
    await ledger.flush();
    for (let index = 0; index < 2_000; index++) ledger.record(usageRecord({ time: index }));
    await ledger.flush();
    const before = databaseBytes();
    // 2,000 rows fill far fewer than the 1,000 WAL pages SQLite's own checkpoint waits for, and the
    // writer's is off: only the worker can have copied them into the database file.
    for (let attempt = 0; attempt < 100 && databaseBytes() <= before + 100_000; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(databaseBytes()).toBeGreaterThan(before + 100_000);
    expect(await ledger.query(ALL_TIME)).toHaveLength(2_000);
  });
});
