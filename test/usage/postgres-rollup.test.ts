import pg from "pg";
import { describe, expect, it } from "vitest";
import type { UsageRecord } from "../../src/core/hooks.js";
import { createLogger } from "../../src/logger.js";
import { createLedger, type GroupBy, type Ledger, type UsageRow } from "../../src/usage/index.js";
import { MIGRATIONS } from "../../src/usage/postgres/migrations.js";
import { openPool } from "../../src/usage/postgres/open-pool.js";
import { insertRecords } from "../../src/usage/postgres/pg-statements.js";
import { EXACT_WINDOW_MS } from "../../src/usage/postgres/pg-summarize.js";
import { tempDataDir } from "../support/cli-process.js";
import { useLedgerFixture } from "./ledger-backends.js";
import { usageRecord } from "./usage-record.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const FIRST_DAY = Date.UTC(2025, 4, 1);
const fixture = useLedgerFixture();

/** 1,200 requests over ten UTC days, of every kind, from a fixed pseudo-random sequence. */
function tenDays(): UsageRecord[] {
  let state = 7;
  const next = (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % below;
  };
  return Array.from({ length: 1_200 }, (_, index) => {
    const served = next(10) !== 0;
    const cache = (["hit", "miss", "miss", "off", "bypass"] as const)[next(5)];
    return usageRecord({
      requestId: `ten-days-${index}`,
      time: FIRST_DAY + Math.floor((index * 10 * DAY) / 1_200) + next(HOUR),
      key: ["team-a", "team-b", "local"][next(3)],
      tool: next(2) ? "route_completion" : "v1/chat/completions",
      requestedModel: ["gpt-4o", "auto", "claude-haiku-4-5"][next(3)],
      model: served ? ["gpt-4o", "llama-3.3-70b", "claude-haiku-4-5"][next(3)] : null,
      provider: served ? ["openai", "groq", "anthropic"][next(3)] : null,
      tokensIn: next(4_000),
      tokensOut: next(900),
      tokensCached: next(3) === 0 ? next(500) : 0,
      costUsd: next(10_000) / 1e6,
      baselineCostUsd: next(2) ? next(20_000) / 1e6 : null,
      savedByCacheUsd: cache === "hit" ? next(5_000) / 1e6 : 0,
      latencyMs: next(20) === 0 ? 0 : 1 + next(next(2) ? 400 : 6_000),
      cache,
      errorClass: served ? null : "PROVIDER_CALL_FAILED",
    });
  });
}

/** Everything but the latency percentiles must be equal; those within the rollup's 5 % (one bucket, plus rounding). */
function expectSameUsage(fromRollup: UsageRow, exact: UsageRow): void {
  const { latency_p50_ms: p50, latency_p95_ms: p95, ...sums } = fromRollup;
  const { latency_p50_ms: exactP50, latency_p95_ms: exactP95, ...exactSums } = exact;
  expect(sums).toEqual(exactSums);
  expect(Math.abs(p50 - exactP50)).toBeLessThanOrEqual(0.05 * exactP50 + 0.02);
  expect(Math.abs(p95 - exactP95)).toBeLessThanOrEqual(0.05 * exactP95 + 0.02);
}

async function seeded(records: UsageRecord[]): Promise<{ rollup: Ledger; exact: Ledger }> {
  const rollup = await fixture.open("postgres");
  // SQLite computes every window from the rows (its in-memory index), percentiles exact.
  const exact = await fixture.open("sqlite", { now: () => FIRST_DAY + 10 * DAY });
  for (const record of records) {
    rollup.record(record);
    exact.record(record);
  }
  await rollup.flush();
  return { rollup, exact };
}

describe("PostgreSQL ledger daily rollup", () => {
  it("answers windows longer than two days with the rows' totals and percentiles within 5 %", async () => {
    const { rollup, exact } = await seeded(tenDays());
    const windows = [
      { since: FIRST_DAY, until: FIRST_DAY + 10 * DAY }, // whole days only
      { since: FIRST_DAY + 5 * HOUR + 17, until: FIRST_DAY + 9 * DAY + 7 * HOUR }, // partial days at both ends
      { since: FIRST_DAY - 3 * DAY, until: FIRST_DAY + 2 * DAY + HOUR, key: "team-b" },
    ];
    for (const window of windows) {
      expect(window.until - window.since).toBeGreaterThan(EXACT_WINDOW_MS);
      for (const groupBy of [undefined, "model", "provider", "key", "tool", "day"] as (
        | GroupBy
        | undefined
      )[]) {
        const fromRollup = await rollup.summarize({ ...window, groupBy });
        const fromRows = await exact.summarize({ ...window, groupBy });
        expect(fromRollup.totals.requests).toBeGreaterThan(0);
        expectSameUsage(fromRollup.totals, fromRows.totals);
        expect(fromRollup.groups.map((row) => row.group).sort()).toEqual(
          fromRows.groups.map((row) => row.group).sort(),
        );
        for (const row of fromRollup.groups) {
          const twin = fromRows.groups.find((candidate) => candidate.group === row.group);
          expectSameUsage(row, twin as UsageRow);
        }
      }
    }
    // Whole days really come from the rollup: rows removed behind its back are still counted there.
    const { databaseUrl } = fixture.settingsOf(rollup);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const removed = await client.query("DELETE FROM modelmux_usage WHERE time >= $1 AND time < $2", [
      FIRST_DAY + 3 * DAY,
      FIRST_DAY + 4 * DAY,
    ]);
    await client.end();
    expect(removed.rowCount).toBeGreaterThan(0);
    const tenDayWindow = { since: FIRST_DAY, until: FIRST_DAY + 10 * DAY };
    expect((await rollup.summarize(tenDayWindow)).totals.requests).toBe(
      (await exact.summarize(tenDayWindow)).totals.requests,
    );
    // A window of two days or less reads the rows, with exact percentile_cont.
    const twoDays = { since: FIRST_DAY + 3 * DAY, until: FIRST_DAY + 5 * DAY };
    expect((await rollup.summarize(twoDays)).totals.requests).toBe(
      (await exact.summarize(twoDays)).totals.requests - Number(removed.rowCount),
    );
  });

  it("counts a request id once in the rollup, however often its record is written", async () => {
    const ledger = await fixture.open("postgres");
    const record = usageRecord({ requestId: "twice", time: FIRST_DAY + HOUR, costUsd: 0.25 });
    ledger.record(record);
    await ledger.flush();
    ledger.record(record);
    ledger.record(usageRecord({ requestId: "once", time: FIRST_DAY + 2 * HOUR, costUsd: 0.5 }));
    await ledger.flush();
    const week = { since: FIRST_DAY - 3 * DAY, until: FIRST_DAY + 4 * DAY };
    expect((await ledger.summarize(week)).totals).toMatchObject({ requests: 2, cost_usd: 0.75 });
  });

  it("rolls up the rows a ledger stored before the rollup existed (migration 2)", async () => {
    const databaseUrl = await fixture.server().createDatabase();
    const logger = createLogger("silent");
    const pool = openPool(databaseUrl, 1, logger);
    const [first] = MIGRATIONS;
    await pool.query(first?.sql ?? "");
    await pool.query(
      "CREATE TABLE modelmux_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    );
    await pool.query("INSERT INTO modelmux_migrations (version, name) VALUES (1, 'usage table')");
    const records = tenDays();
    await insertRecords(pool, records);
    await pool.end();
    const ledger = createLedger({ dataDir: tempDataDir(), databaseUrl, logger });
    const exact = await fixture.open("sqlite", { now: () => FIRST_DAY + 10 * DAY });
    for (const record of records) exact.record(record);
    const window = { since: FIRST_DAY, until: FIRST_DAY + 10 * DAY };
    try {
      expectSameUsage((await ledger.summarize(window)).totals, (await exact.summarize(window)).totals);
    } finally {
      await ledger.close();
    }
  });
});
