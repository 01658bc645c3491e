import type { Pool } from "pg";
import { histogramPercentiles } from "../latency-histogram.js";
import { roundUsd } from "../round-usd.js";
import { DAY_MS, dayLabel, NONE, ratio, roundMs, summaryOf } from "../usage-aggregate.js";
import type { GroupBy, SummarizeOptions, UsageGroupRow, UsageRow, UsageSummary } from "../usage-types.js";
import { windowWhere } from "./pg-statements.js";

/**
 * Windows up to this long are summed from the rows, with exact percentiles. Longer ones take their
 * whole UTC days from the daily rollup (migration 2) and only the partial days at their edges from
 * the rows: the same totals, latency percentiles within 5 % (see latency-histogram.ts).
 */
export const EXACT_WINDOW_MS = 2 * DAY_MS;

/** The SQL value each grouping reads from a usage row; `day` is the UTC day number, labelled in JS. */
const ROW_GROUP: Record<GroupBy, string> = {
  model: "COALESCE(model, requested_model)",
  provider: `COALESCE(provider, '${NONE}')`,
  key: "key",
  tool: "tool",
  day: `(time / ${DAY_MS})::text`,
};

/** The same from a rollup row, whose model and provider are stored coalesced. */
const ROLLUP_GROUP: Record<GroupBy, string> = {
  model: "model",
  provider: "provider",
  key: "key",
  tool: "tool",
  day: "day::text",
};

/** Every summed figure over usage rows, named as the rollup's columns (float8: pg parses it to a number). */
const ROW_SUMS = `COUNT(*)::float8 AS requests,
  COUNT(error_class)::float8 AS errors,
  COALESCE(SUM(tokens_in), 0)::float8 AS tokens_in,
  COALESCE(SUM(tokens_out), 0)::float8 AS tokens_out,
  COALESCE(SUM(tokens_cached), 0)::float8 AS tokens_cached,
  COALESCE(SUM(cost_usd), 0)::float8 AS cost_usd,
  (COUNT(*) FILTER (WHERE cache = 'hit'))::float8 AS cache_hits,
  (COUNT(*) FILTER (WHERE cache IN ('hit', 'miss')))::float8 AS cache_lookups,
  COALESCE(SUM(saved_by_cache_usd), 0)::float8 AS saved_by_cache_usd,
  COALESCE(SUM(baseline_cost_usd - cost_usd), 0)::float8 AS saved_by_routing_usd`;

const SUM_COLUMNS = [
  "requests",
  "errors",
  "tokens_in",
  "tokens_out",
  "tokens_cached",
  "cost_usd",
  "cache_hits",
  "cache_lookups",
  "saved_by_cache_usd",
  "saved_by_routing_usd",
] as const;

/** Σ of rollup rows (and of ROW_SUMS rows unioned with them). */
const SUMS_OF_SUMS = SUM_COLUMNS.map((column) => `COALESCE(SUM(${column}), 0)::float8 AS ${column}`).join(
  ",\n  ",
);

/**
 * Latency percentiles over rows: percentile_cont (rank p·(n−1), interpolated between the two
 * requests around it), which the SQLite ledger computes the same way.
 */
const ROW_PERCENTILES = `COALESCE(percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms), 0)::float8 AS p50,
  COALESCE(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms), 0)::float8 AS p95`;

type SumsRow = { grp: string | null; is_total: number } & Record<(typeof SUM_COLUMNS)[number], number>;

interface Latency {
  p50: number;
  p95: number;
}

function usageRow(row: SumsRow | undefined, latency: Latency): UsageRow {
  const requests = row?.requests ?? 0;
  return {
    requests,
    errors: row?.errors ?? 0,
    tokens_in: row?.tokens_in ?? 0,
    tokens_out: row?.tokens_out ?? 0,
    tokens_cached: row?.tokens_cached ?? 0,
    cost_usd: roundUsd(row?.cost_usd ?? 0),
    error_rate: ratio(row?.errors ?? 0, requests),
    cache_hits: row?.cache_hits ?? 0,
    cache_hit_rate: ratio(row?.cache_hits ?? 0, row?.cache_lookups ?? 0),
    latency_p50_ms: roundMs(latency.p50),
    latency_p95_ms: roundMs(latency.p95),
    saved_by_cache_usd: roundUsd(row?.saved_by_cache_usd ?? 0),
    saved_by_routing_usd: roundUsd(row?.saved_by_routing_usd ?? 0),
  };
}

/** SELECT and GROUP BY text giving one row per group plus the totals row GROUPING() marks. */
function grouping(expression: string | undefined): { select: string; groupBy: string } {
  if (expression === undefined) return { select: "NULL::text AS grp, 1 AS is_total", groupBy: "" };
  return {
    select: `${expression} AS grp, GROUPING(${expression}) AS is_total`,
    groupBy: `GROUP BY GROUPING SETS ((${expression}), ())`,
  };
}

/** Shapes the totals row and the group rows into a UsageSummary. */
function summaryFrom<T extends SumsRow>(
  options: SummarizeOptions,
  rows: readonly T[],
  latencyOf: (row: T | undefined) => Latency,
): UsageSummary {
  const { groupBy } = options;
  const totals = rows.find((row) => row.is_total);
  const groups: UsageGroupRow[] = [];
  if (groupBy !== undefined)
    for (const row of rows) {
      if (row.is_total) continue;
      const label = groupBy === "day" ? dayLabel(Number(row.grp)) : (row.grp ?? NONE);
      groups.push({ group: label, ...usageRow(row, latencyOf(row)) });
    }
  return summaryOf(options, groupBy, usageRow(totals, latencyOf(totals)), groups);
}

/** Totals and groups in one scan of the rows, with exact percentiles. */
async function summarizeRows(pool: Pool, options: SummarizeOptions): Promise<UsageSummary> {
  const where = windowWhere(options);
  const group = grouping(options.groupBy && ROW_GROUP[options.groupBy]);
  const result = await pool.query<SumsRow & Latency>(
    `SELECT ${group.select}, ${ROW_SUMS}, ${ROW_PERCENTILES} FROM modelmux_usage ${where.sql} ${group.groupBy}`,
    where.parameters,
  );
  return summaryFrom(options, result.rows, (row) => row ?? { p50: 0, p95: 0 });
}

/**
 * Whole UTC days [firstDay, lastDay) from the daily rollup, the partial days around them from the
 * rows: sums in one query, latency histograms (bucket counts per group) in another, run together.
 */
async function summarizeWithRollup(
  pool: Pool,
  options: SummarizeOptions,
  firstDay: number,
  lastDay: number,
): Promise<UsageSummary> {
  const parameters: unknown[] = [options.since, options.until, firstDay, lastDay];
  let keyClause = "";
  if (options.key !== undefined) {
    parameters.push(options.key);
    keyClause = " AND key = $5";
  }
  const edges = `(time >= $1 AND time < $3 * ${DAY_MS} OR time >= $4 * ${DAY_MS} AND time < $2)${keyClause}`;
  const days = `day >= $3 AND day < $4${keyClause}`;
  const { groupBy } = options;
  const rowGroup = groupBy === undefined ? "NULL::text" : ROW_GROUP[groupBy];
  const rollupGroup = groupBy === undefined ? "NULL::text" : ROLLUP_GROUP[groupBy];
  const outer = grouping(groupBy && "grp");
  const sums = pool.query<SumsRow>(
    `SELECT ${outer.select}, ${SUMS_OF_SUMS} FROM (
       SELECT ${rollupGroup} AS grp, ${SUM_COLUMNS.join(", ")} FROM modelmux_usage_daily WHERE ${days}
       UNION ALL
       SELECT ${rowGroup} AS grp, ${ROW_SUMS} FROM modelmux_usage WHERE ${edges} GROUP BY 1
     ) AS parts ${outer.groupBy}`,
    parameters,
  );
  const histograms = pool.query<{ grp: string | null; bucket: number; requests: number }>(
    `SELECT grp, bucket, SUM(requests)::float8 AS requests FROM (
       SELECT ${rollupGroup} AS grp, bucket, requests FROM modelmux_usage_daily_latency WHERE ${days}
       UNION ALL
       SELECT ${rowGroup} AS grp, modelmux_latency_bucket(latency_ms) AS bucket, 1 AS requests
       FROM modelmux_usage WHERE ${edges}
     ) AS parts GROUP BY grp, bucket`,
    parameters,
  );
  const [sumsResult, histogramsResult] = await Promise.all([sums, histograms]);
  const byGroup = new Map<string | null, Map<number, number>>();
  const overall = new Map<number, number>();
  for (const { grp, bucket, requests } of histogramsResult.rows) {
    const histogram = byGroup.get(grp) ?? new Map<number, number>();
    byGroup.set(grp, histogram.set(bucket, requests));
    overall.set(bucket, (overall.get(bucket) ?? 0) + requests);
  }
  return summaryFrom(options, sumsResult.rows, (row) =>
    histogramPercentiles(!row || row.is_total ? overall : (byGroup.get(row.grp) ?? new Map())),
  );
}

/**
 * get_usage on PostgreSQL: only aggregates leave the database. Windows longer than
 * EXACT_WINDOW_MS read their whole days from the daily rollup.
 */
export function summarizePostgres(pool: Pool, options: SummarizeOptions): Promise<UsageSummary> {
  const firstDay = Math.ceil(options.since / DAY_MS);
  const lastDay = Math.floor(options.until / DAY_MS);
  if (options.until - options.since <= EXACT_WINDOW_MS || lastDay <= firstDay)
    return summarizeRows(pool, options);
  return summarizeWithRollup(pool, options, firstDay, lastDay);
}
