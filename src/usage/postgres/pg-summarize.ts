import type { Pool } from "pg";
import { roundUsd } from "../round-usd.js";
import { DAY_MS, dayLabel, NONE, ratio, roundMs, summaryOf } from "../usage-aggregate.js";
import type { GroupBy, SummarizeOptions, UsageGroupRow, UsageRow, UsageSummary } from "../usage-types.js";
import { windowWhere } from "./pg-statements.js";

/** The SQL value each grouping reads; `day` is the UTC day number, labelled in JS. */
const GROUP_EXPRESSION: Record<GroupBy, string> = {
  model: "COALESCE(model, requested_model)",
  provider: `COALESCE(provider, '${NONE}')`,
  key: "key",
  tool: "tool",
  day: `(time / ${DAY_MS})::text`,
};

/**
 * Every figure of a UsageRow, computed by PostgreSQL. Latency percentiles are percentile_cont
 * (rank p·(n−1), interpolated between the two requests around it); SQLite computes the same.
 */
const AGGREGATES = `COUNT(*)::float8 AS requests,
  COUNT(error_class)::float8 AS errors,
  COALESCE(SUM(tokens_in), 0)::float8 AS tokens_in,
  COALESCE(SUM(tokens_out), 0)::float8 AS tokens_out,
  COALESCE(SUM(tokens_cached), 0)::float8 AS tokens_cached,
  COALESCE(SUM(cost_usd), 0)::float8 AS cost_usd,
  (COUNT(*) FILTER (WHERE cache = 'hit'))::float8 AS cache_hits,
  (COUNT(*) FILTER (WHERE cache IN ('hit', 'miss')))::float8 AS cache_lookups,
  COALESCE(SUM(saved_by_cache_usd), 0)::float8 AS saved_by_cache_usd,
  COALESCE(SUM(baseline_cost_usd - cost_usd), 0)::float8 AS saved_by_routing_usd,
  COALESCE(percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms), 0)::float8 AS p50,
  COALESCE(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms), 0)::float8 AS p95`;

interface AggregateRow {
  grp: string | null;
  is_total: number;
  requests: number;
  errors: number;
  tokens_in: number;
  tokens_out: number;
  tokens_cached: number;
  cost_usd: number;
  cache_hits: number;
  cache_lookups: number;
  saved_by_cache_usd: number;
  saved_by_routing_usd: number;
  p50: number;
  p95: number;
}

function usageRow(row: AggregateRow | undefined): UsageRow {
  if (!row)
    return usageRow({
      grp: null,
      is_total: 1,
      requests: 0,
      errors: 0,
      tokens_in: 0,
      tokens_out: 0,
      tokens_cached: 0,
      cost_usd: 0,
      cache_hits: 0,
      cache_lookups: 0,
      saved_by_cache_usd: 0,
      saved_by_routing_usd: 0,
      p50: 0,
      p95: 0,
    });
  return {
    requests: row.requests,
    errors: row.errors,
    tokens_in: row.tokens_in,
    tokens_out: row.tokens_out,
    tokens_cached: row.tokens_cached,
    cost_usd: roundUsd(row.cost_usd),
    error_rate: ratio(row.errors, row.requests),
    cache_hits: row.cache_hits,
    cache_hit_rate: ratio(row.cache_hits, row.cache_lookups),
    latency_p50_ms: roundMs(row.p50),
    latency_p95_ms: roundMs(row.p95),
    saved_by_cache_usd: roundUsd(row.saved_by_cache_usd),
    saved_by_routing_usd: roundUsd(row.saved_by_routing_usd),
  };
}

/**
 * Totals and groups in one scan: GROUPING SETS ((group), ()) returns a row per group plus the
 * totals row, which GROUPING() marks. Only the aggregates leave the database.
 */
export async function summarizePostgres(pool: Pool, options: SummarizeOptions): Promise<UsageSummary> {
  const where = windowWhere(options);
  const { groupBy } = options;
  if (groupBy === undefined) {
    const result = await pool.query<AggregateRow>(
      `SELECT NULL AS grp, 1 AS is_total, ${AGGREGATES} FROM modelmux_usage ${where.sql}`,
      where.parameters,
    );
    return summaryOf(options, undefined, usageRow(result.rows[0]), []);
  }
  const expression = GROUP_EXPRESSION[groupBy];
  const result = await pool.query<AggregateRow>(
    `SELECT ${expression} AS grp, GROUPING(${expression}) AS is_total, ${AGGREGATES}
     FROM modelmux_usage ${where.sql} GROUP BY GROUPING SETS ((${expression}), ())`,
    where.parameters,
  );
  let totals: AggregateRow | undefined;
  const groups: UsageGroupRow[] = [];
  for (const row of result.rows) {
    if (row.is_total) {
      totals = row;
      continue;
    }
    const label = groupBy === "day" ? dayLabel(Number(row.grp)) : (row.grp ?? NONE);
    groups.push({ group: label, ...usageRow(row) });
  }
  return summaryOf(options, groupBy, usageRow(totals), groups);
}
