import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createLogger } from "../src/logger.js";
import { createLedger, type GroupBy, type Ledger } from "../src/usage/index.js";
import {
  findPostgresBin,
  type PostgresServer,
  startPostgresServer,
} from "../test/support/postgres-server.js";
import { formatMs, median, printTable } from "./stats.js";

/**
 * The shared ledger on PostgreSQL: get_usage over 24 h windows (SQL aggregates over the rows, exact
 * percentile_cont) and 30 d windows (whole days from the daily rollup, the partial days from the
 * rows) of 1,000,000 rows, and write throughput through the ledger (each INSERT also feeds the rollup).
 * Starts its own throwaway PostgreSQL (Debian's `postgresql` package); skips, saying so, without it.
 */
const ROWS = 1_000_000;
const DAY_MS = 86_400_000;
const WRITES = 50_000;
const logger = createLogger("silent");

/** 1,000,000 rows over 30 days, generated inside PostgreSQL (8 keys, 6 models, 20 % cache hits, 2 % errors). */
const FILL = `INSERT INTO modelmux_usage (request_id, time, key, tool, requested_model, model, provider, tokens_in,
  tokens_out, tokens_cached, cost_usd, baseline_cost_usd, saved_by_cache_usd, latency_ms, attempts, cache,
  guardrail_action, error_class)
SELECT 'bench-' || i, $1::bigint - (i::bigint * ${30 * DAY_MS} / ${ROWS}), 'team-' || (i % 8),
  CASE WHEN i % 3 = 0 THEN 'chat_completions' ELSE 'route_completion' END,
  CASE WHEN i % 4 = 0 THEN 'auto' ELSE (ARRAY['gpt-4o','gpt-4o-mini','claude-haiku-4-5','llama-3.3-70b','gemini-2.5-flash','deepseek-chat'])[1 + i % 6] END,
  (ARRAY['gpt-4o','gpt-4o-mini','claude-haiku-4-5','llama-3.3-70b','gemini-2.5-flash','deepseek-chat'])[1 + i % 6],
  (ARRAY['openai','anthropic','groq','together','google','deepseek'])[1 + (i * 7) % 6],
  200 + i % 900, 50 + i % 300, CASE WHEN i % 2 = 0 THEN 100 ELSE 0 END,
  CASE WHEN i % 5 = 0 THEN 0 ELSE 0.0001 * (1 + i % 40) END,
  CASE WHEN i % 4 = 0 THEN 0.005 ELSE NULL END,
  CASE WHEN i % 5 = 0 THEN 0.002 ELSE 0 END,
  20 + (i * 37) % 2000, 1, CASE WHEN i % 5 = 0 THEN 'hit' ELSE 'miss' END, 'none',
  CASE WHEN i % 50 = 0 THEN 'PROVIDER_CALL_FAILED' END
FROM generate_series(1, ${ROWS}) AS i`;

async function timed(runs: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function benchWrites(server: PostgresServer, dataDir: string): Promise<[string, string][]> {
  const ledger = createLedger({ dataDir, databaseUrl: await server.createDatabase("writes"), logger });
  await ledger.flush();
  const now = Date.now();
  const started = performance.now();
  for (let index = 0; index < WRITES; index++) {
    ledger.record({
      time: now + index,
      key: `team-${index % 8}`,
      tool: "chat_completions",
      requestedModel: "gpt-4o",
      model: "gpt-4o",
      provider: "openai",
      tokensIn: 300,
      tokensOut: 80,
      tokensCached: 0,
      costUsd: 0.001,
      baselineCostUsd: null,
      savedByCacheUsd: 0,
      latencyMs: 120,
      attempts: 1,
      cache: "miss",
      guardrailAction: "none",
      errorClass: null,
    });
    // 500 requests finish per event-loop turn; batches go out in between.
    if (index % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
  await ledger.flush();
  const elapsed = performance.now() - started;
  const stored = (await ledger.summarize({ since: now, until: now + WRITES })).totals.requests;
  await ledger.close();
  if (stored !== WRITES) throw new Error(`expected ${WRITES} rows, got ${stored}`);
  return [
    [
      `write ${WRITES.toLocaleString("en")} records (batched, idempotent INSERT … unnest)`,
      `${formatMs(elapsed)} (${Math.round(WRITES / (elapsed / 1000)).toLocaleString("en")} records/s)`,
    ],
  ];
}

async function benchReads(ledger: Ledger, now: number): Promise<[string, string, string?][]> {
  const rows: [string, string, string?][] = [];
  const windows: [string, number, number][] = [
    ["24 h", DAY_MS, 15],
    ["30 d", 30 * DAY_MS, 5],
  ];
  for (const [label, span, runs] of windows) {
    const window = { since: now - span, until: now + 1 };
    for (const groupBy of [undefined, "model", "day"] satisfies (GroupBy | undefined)[]) {
      const ms = await timed(runs, () => ledger.summarize({ ...window, groupBy }));
      rows.push([
        `get_usage ${label}, group_by ${groupBy ?? "none"}: p50`,
        formatMs(ms),
        label === "24 h" ? "< 200 ms" : undefined,
      ]);
    }
    const ms = await timed(runs, () => ledger.summarize({ ...window, key: "team-3", groupBy: "model" }));
    rows.push([
      `get_usage ${label}, one key, group_by model: p50`,
      formatMs(ms),
      label === "24 h" ? "< 200 ms" : undefined,
    ]);
  }
  return rows;
}

/** How far the 30 d percentiles from the rollup are from percentile_cont over the rows, and what the rows cost. */
async function rollupAccuracy(client: pg.Client, ledger: Ledger, now: number): Promise<[string, string][]> {
  const window = { since: now - 30 * DAY_MS, until: now + 1 };
  const started = performance.now();
  const exact = await client.query<{ requests: number; p50: number; p95: number }>(
    `SELECT COUNT(*)::float8 AS requests, percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95
     FROM modelmux_usage WHERE time >= $1 AND time < $2`,
    [window.since, window.until],
  );
  const rowsMs = performance.now() - started;
  const { totals } = await ledger.summarize(window);
  const row = exact.rows[0];
  if (!row || row.requests !== totals.requests)
    throw new Error("the rollup's 30 d count differs from the rows'");
  const off = (estimate: number, truth: number) => `${((100 * (estimate - truth)) / truth).toFixed(2)} %`;
  return [
    ["30 d from the rows alone (COUNT + percentile_cont over 1,000,000 rows), once", formatMs(rowsMs)],
    [
      "30 d p50 / p95 from the rollup against exact percentile_cont",
      `${totals.latency_p50_ms} / ${totals.latency_p95_ms} ms vs ${row.p50.toFixed(2)} / ${row.p95.toFixed(2)} ms (${off(totals.latency_p50_ms, row.p50)} / ${off(totals.latency_p95_ms, row.p95)})`,
    ],
  ];
}

export async function benchLedgerPostgres(): Promise<void> {
  if (!findPostgresBin()) {
    console.log(
      "\nUsage ledger on PostgreSQL: skipped — PostgreSQL is not installed (apt-get install -y postgresql)",
    );
    return;
  }
  let server: PostgresServer;
  try {
    server = await startPostgresServer();
  } catch (error) {
    console.log(
      `\nUsage ledger on PostgreSQL: skipped — cannot start PostgreSQL: ${String(error).split("\n")[0]}`,
    );
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), "modelmux-bench-pg-"));
  try {
    const writes = await benchWrites(server, dataDir);
    const databaseUrl = await server.createDatabase("reads");
    const ledger = createLedger({ dataDir, databaseUrl, logger });
    await ledger.flush(); // applies the migrations
    const now = Date.now();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const filling = performance.now();
    await client.query(FILL, [now]);
    await client.query("ANALYZE modelmux_usage, modelmux_usage_daily, modelmux_usage_daily_latency");
    const fillMs = performance.now() - filling;
    const total = (await ledger.summarize({ since: 0, until: now + 1 })).totals.requests;
    if (total !== ROWS) throw new Error(`expected ${ROWS} rows, got ${total}`);
    const reads = await benchReads(ledger, now);
    const accuracy = await rollupAccuracy(client, ledger, now);
    await client.end();
    await ledger.close();
    printTable("Usage ledger on PostgreSQL (1,000,000 rows over 30 days)", [
      ["load 1,000,000 rows (generate_series, rolled up by the trigger) + ANALYZE", formatMs(fillMs)],
      ...writes,
      ...reads,
      ...accuracy,
    ]);
  } finally {
    await server.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchLedgerPostgres();
}
