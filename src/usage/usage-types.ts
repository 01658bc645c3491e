import type { UsageRecord } from "../core/hooks.js";

/** Dimensions get_usage, the CLI and the dashboard can group by. `day` is the UTC calendar day. */
export const GROUP_BY = ["model", "provider", "key", "tool", "day"] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** A time range in epoch milliseconds: `since` inclusive, `until` exclusive. */
export interface UsageWindow {
  since: number;
  until: number;
}

export interface SummarizeOptions extends UsageWindow {
  groupBy?: GroupBy;
  /** Only this caller's (virtual key's) requests. */
  key?: string;
}

/**
 * Aggregates for a set of requests. Stable: get_usage, `modelmux usage`, the dashboard and the
 * metrics read these fields.
 *
 * - `requests` counts every ledger row: successes, cache hits, blocked requests and failures.
 * - `errors` / `error_rate`: rows with an error class (failures and blocks), over `requests`.
 * - `cache_hit_rate`: hits over cache lookups (`hit` + `miss`); bypassed or uncached requests do not count.
 * - `latency_p50_ms` / `latency_p95_ms`: percentiles over every request as PostgreSQL's `percentile_cont`
 *   computes them (interpolated between the two requests around rank p·(n−1)), to 0.01 ms; 0 when there are none.
 * - `saved_by_cache_usd`: what cache hits would have cost upstream (the original calls' cost).
 * - `saved_by_routing_usd`: Σ (baselineCostUsd − costUsd) over requests with a known baseline
 *   (the requested model on its first-party provider, or the configured baseline model for `auto`);
 *   negative when routing chose something dearer.
 */
export interface UsageRow {
  requests: number;
  errors: number;
  tokens_in: number;
  tokens_out: number;
  tokens_cached: number;
  cost_usd: number;
  error_rate: number;
  cache_hits: number;
  cache_hit_rate: number;
  latency_p50_ms: number;
  latency_p95_ms: number;
  saved_by_cache_usd: number;
  saved_by_routing_usd: number;
}

export interface UsageGroupRow extends UsageRow {
  /**
   * The group's value: served model (or the requested one when nothing was served), provider
   * (`(none)` when nothing was served), key, tool, or `YYYY-MM-DD` for `day`.
   */
  group: string;
}

export interface UsageSummary {
  /** ISO 8601 bounds: `since` inclusive, `until` exclusive. */
  since: string;
  until: string;
  group_by: GroupBy | null;
  totals: UsageRow;
  /** One row per group: by day ascending for `day`, otherwise by cost then requests, descending. Empty without `group_by`. */
  groups: UsageGroupRow[];
}

/** A stored record with its row id (newest rows have the highest ids). */
export interface StoredUsageRecord extends UsageRecord {
  id: number;
}
