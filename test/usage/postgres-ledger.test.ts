import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import type { ModelmuxError } from "../../src/errors.js";
import { createLogger } from "../../src/logger.js";
import { createBudgetGate, createLedger } from "../../src/usage/index.js";
import { MIGRATION_LOCK, migrate } from "../../src/usage/postgres/migrations.js";
import { openPool } from "../../src/usage/postgres/open-pool.js";
import { createPostgresLedger } from "../../src/usage/postgres/postgres-ledger.js";
import { SPILL_FILE } from "../../src/usage/spill-file.js";
import { tempDataDir } from "../support/cli-process.js";
import { useLedgerFixture } from "./ledger-backends.js";
import { usageRecord } from "./usage-record.js";

const ALL_TIME = { since: 0, until: Number.MAX_SAFE_INTEGER };
const fixture = useLedgerFixture();
const logger = createLogger("silent");

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const spillFiles = (dataDir: string) => readdirSync(dataDir).filter((name) => name.startsWith("usage-spill"));

describe("PostgreSQL ledger", () => {
  it("applies versioned migrations once, even when three instances start together", async () => {
    const ledger = await fixture.open("postgres");
    const instances = [ledger, fixture.reopen(ledger), fixture.reopen(ledger)];
    await Promise.all(instances.map((instance) => instance.flush()));
    await Promise.all(instances.map((instance) => instance.query(ALL_TIME)));
    const { databaseUrl } = fixture.settingsOf(ledger);
    const versions = await sql<{ version: number }>(
      `${databaseUrl}`,
      "SELECT version FROM modelmux_migrations",
    );
    expect(versions.map((row) => row.version)).toEqual([1, 2]);
    const indexes = await sql<{ indexname: string }>(
      `${databaseUrl}`,
      "SELECT indexname FROM pg_indexes WHERE tablename = 'modelmux_usage' ORDER BY indexname",
    );
    expect(indexes.map((row) => row.indexname)).toEqual([
      "modelmux_usage_key_time",
      "modelmux_usage_model_time",
      "modelmux_usage_pkey",
      "modelmux_usage_request_id",
      "modelmux_usage_time",
    ]);
  });

  it("refuses a database migrated by a newer modelmux, without failing record()", async () => {
    const ledger = await fixture.open("postgres");
    await ledger.query(ALL_TIME);
    const { databaseUrl } = fixture.settingsOf(ledger);
    await sql(`${databaseUrl}`, "INSERT INTO modelmux_migrations (version, name) VALUES (99, 'future')");
    const newer = fixture.reopen(ledger);
    expect(() => newer.record(usageRecord())).not.toThrow();
    await expect(newer.summarize(ALL_TIME)).rejects.toThrow(/schema version 99 is newer/);
  });

  it("never fails a record while the database is down: spills to disk, then replays it once back", async () => {
    const ledger = await fixture.open("postgres", { flushIntervalMs: 20 });
    const { dataDir } = fixture.settingsOf(ledger);
    for (let index = 0; index < 50; index++) ledger.record(usageRecord({ requestId: `before-${index}` }));
    await ledger.flush();
    const server = fixture.server();
    await server.kill();
    try {
      for (let index = 0; index < 200; index++) ledger.record(usageRecord({ requestId: `during-${index}` }));
      await ledger.flush();
      expect(existsSync(join(dataDir, SPILL_FILE))).toBe(true);
      await expect(ledger.summarize(ALL_TIME)).rejects.toThrow(/usage ledger: cannot read from PostgreSQL/);
    } finally {
      await server.start();
    }
    for (let index = 0; index < 25; index++) ledger.record(usageRecord({ requestId: `after-${index}` }));
    // The retry (every second) replays the spill file, then the ledger writes to the database again.
    await until(
      async () =>
        spillFiles(dataDir).length === 0 && (await ledger.query(ALL_TIME).catch(() => [])).length === 275,
    );
    const ids = (await ledger.query(ALL_TIME)).map((row) => row.requestId);
    expect(new Set(ids).size).toBe(275);
  });

  it("a read sees records that traffic spilled past maxQueued while the database was up", async () => {
    const dataDir = tempDataDir();
    const databaseUrl = await fixture.server().createDatabase("overflow");
    const ledger = createPostgresLedger({
      databaseUrl,
      dataDir,
      logger,
      batchSize: 10,
      maxQueued: 25,
      retryMs: 60_000,
    });
    // One synchronous burst: the buffer passes maxQueued before any write can start.
    for (let index = 0; index < 200; index++) ledger.record(usageRecord({ requestId: `burst-${index}` }));
    expect(spillFiles(dataDir).length).toBeGreaterThan(0);
    expect(await ledger.query(ALL_TIME)).toHaveLength(200);
    expect(spillFiles(dataDir)).toEqual([]);
    await ledger.close();
  });

  it("a read that fails in modelmux's own code does not mark the database down for the next read", async () => {
    const ledger = await fixture.open("postgres");
    ledger.record(usageRecord({ requestId: "kept" }));
    // An until past JavaScript's last date makes summarize throw a RangeError before any SQL runs.
    await expect(ledger.summarize(ALL_TIME)).rejects.toThrow(/Invalid time value/);
    expect(await ledger.query(ALL_TIME)).toHaveLength(1);
  });

  it("replays at the next start what a stop during an outage left in the spill file", async () => {
    const ledger = await fixture.open("postgres");
    const { dataDir } = fixture.settingsOf(ledger);
    await ledger.flush();
    const server = fixture.server();
    await server.kill();
    try {
      for (let index = 0; index < 120; index++) ledger.record(usageRecord({ requestId: `stopped-${index}` }));
      await ledger.close();
      expect(spillFiles(dataDir)).toEqual([SPILL_FILE]);
    } finally {
      await server.start();
    }
    const next = fixture.reopen(ledger);
    expect(await next.query(ALL_TIME)).toHaveLength(120);
    expect(spillFiles(dataDir)).toEqual([]);
  });

  it("survives the database dropping a migration's connection: the migration fails, the next one runs", async () => {
    const databaseUrl = await fixture.server().createDatabase("dropped_migration");
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    const pool = openPool(databaseUrl, 1, logger);
    try {
      const migrating = migrate(pool);
      // Handled now: it may reject while the terminate query below is still waiting for its answer,
      // before the expectation is attached, which Node reports as an unhandled rejection.
      migrating.catch(() => {});
      // The migration waits on the lock the holder has; the database then drops its connection.
      await until(
        async () =>
          (
            await holder.query(
              "SELECT 1 FROM pg_stat_activity WHERE application_name = 'modelmux' AND wait_event_type = 'Lock'",
            )
          ).rowCount === 1,
      );
      await holder.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'modelmux'",
      );
      await expect(migrating).rejects.toThrow(/terminat/);
      await holder.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
      expect(await migrate(pool)).toEqual([1, 2]);
    } finally {
      await holder.end();
      await pool.end();
    }
  });

  it("kill -9 loses at most the last flush interval plus the batch being written", async () => {
    const ledger = await fixture.open("postgres");
    const { dataDir, databaseUrl } = fixture.settingsOf(ledger);
    const gapMs = 2;
    const flushIntervalMs = 100;
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(import.meta.dirname, "ledger-stream-child.ts"),
        dataDir,
        `${databaseUrl}`,
        String(gapMs),
        String(flushIntervalMs),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let lastSeen = -1;
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const lines = output.trimEnd().split("\n");
      lastSeen = Number(lines.at(-1));
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await until(() => lastSeen >= 600, 30_000);
    child.kill("SIGKILL");
    await exited;
    const answered = lastSeen + 1;
    const rows = await fixture.reopen(ledger).query(ALL_TIME);
    const stored = rows.map((row) => Number(row.requestId?.replace("stream-", "")));
    // What is kept is everything up to some point: only the newest records can be missing.
    const kept = stored.filter((index) => index < answered).length;
    const highest = Math.max(...stored);
    expect(stored.sort((a, b) => a - b)).toEqual(Array.from({ length: stored.length }, (_, index) => index));
    const lost = answered - kept;
    // Two intervals of records at one per gapMs, plus slack for timer jitter on a busy machine.
    const bound = (2 * flushIntervalMs) / gapMs + 20;
    console.info(
      `kill -9: ${answered} records made, ${kept} stored, ${lost} lost (bound ${bound}); highest ${highest}`,
    );
    expect(lost).toBeLessThanOrEqual(bound);
  });

  it("seeds budgets from the shared ledger's spend (asynchronously) and refuses past the limit", async () => {
    const ledger = await fixture.open("postgres");
    const now = Date.UTC(2025, 5, 10, 15);
    ledger.record(usageRecord({ time: Date.UTC(2025, 5, 10, 9), key: "local", costUsd: 0.9 }));
    await ledger.flush();
    const other = createLedger({ ...fixture.settingsOf(ledger), dataDir: tempDataDir(), logger });
    const gate = createBudgetGate({
      config: parseConfig({ budgets: { global: { dailyUsd: 1 } } }),
      ledger: other,
      logger,
      now: () => now,
    });
    const caller = { key: "local", tool: "route_completion" };
    await expect(Promise.resolve(gate.reserve(caller, 0.2))).rejects.toMatchObject({
      code: "BUDGET_EXCEEDED",
    } satisfies Partial<ModelmuxError>);
    const reservation = await gate.reserve(caller, 0.05);
    reservation.settle(0.05);
    expect((await gate.status()).budgets[0]?.spent_usd).toBe(0.95);
    await gate.close();
    await other.close();
  });
});
