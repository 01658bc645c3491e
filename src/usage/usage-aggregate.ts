import { roundUsd } from "./round-usd.js";
import { medianAndP95 } from "./select-rank.js";
import type { GroupBy, UsageGroupRow, UsageRow, UsageSummary, UsageWindow } from "./usage-types.js";

export const DAY_MS = 86_400_000;
/** Group value for rows that name no provider (blocked or failed before any upstream call). */
export const NONE = "(none)";

/** The numbers one request contributes to a summary; reused per row to avoid allocation. */
export interface Sample {
  costUsd: number;
  /** NaN when unknown. */
  baselineCostUsd: number;
  savedByCacheUsd: number;
  latencyMs: number;
  tokensIn: number;
  tokensOut: number;
  tokensCached: number;
  error: boolean;
  cacheHit: boolean;
  cacheLookup: boolean;
}

export interface Bucket {
  requests: number;
  errors: number;
  tokensIn: number;
  tokensOut: number;
  tokensCached: number;
  costUsd: number;
  cacheHits: number;
  cacheLookups: number;
  savedByCacheUsd: number;
  savedByRoutingUsd: number;
  /** Unsorted; a Float64Array is reordered in place when the bucket is finished. */
  latencies: number[] | Float64Array;
}

export function createSample(): Sample {
  return {
    costUsd: 0,
    baselineCostUsd: Number.NaN,
    savedByCacheUsd: 0,
    latencyMs: 0,
    tokensIn: 0,
    tokensOut: 0,
    tokensCached: 0,
    error: false,
    cacheHit: false,
    cacheLookup: false,
  };
}

export function createBucket(): Bucket {
  return {
    requests: 0,
    errors: 0,
    tokensIn: 0,
    tokensOut: 0,
    tokensCached: 0,
    costUsd: 0,
    cacheHits: 0,
    cacheLookups: 0,
    savedByCacheUsd: 0,
    savedByRoutingUsd: 0,
    latencies: [],
  };
}

export function addSample(bucket: Bucket, sample: Sample): void {
  bucket.requests += 1;
  if (sample.error) bucket.errors += 1;
  bucket.tokensIn += sample.tokensIn;
  bucket.tokensOut += sample.tokensOut;
  bucket.tokensCached += sample.tokensCached;
  bucket.costUsd += sample.costUsd;
  if (sample.cacheHit) bucket.cacheHits += 1;
  if (sample.cacheLookup) bucket.cacheLookups += 1;
  bucket.savedByCacheUsd += sample.savedByCacheUsd;
  if (!Number.isNaN(sample.baselineCostUsd))
    bucket.savedByRoutingUsd += sample.baselineCostUsd - sample.costUsd;
  (bucket.latencies as number[]).push(sample.latencyMs);
}

/**
 * Latency percentiles to 0.01 ms: interpolation leaves float noise (1289.9999999999998), and both
 * ledgers round the same doubles the same way.
 */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

export function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

export function finishBucket(bucket: Bucket): UsageRow {
  const latency = medianAndP95(
    bucket.latencies instanceof Float64Array ? bucket.latencies : Float64Array.from(bucket.latencies),
  );
  return {
    requests: bucket.requests,
    errors: bucket.errors,
    tokens_in: bucket.tokensIn,
    tokens_out: bucket.tokensOut,
    tokens_cached: bucket.tokensCached,
    cost_usd: roundUsd(bucket.costUsd),
    error_rate: ratio(bucket.errors, bucket.requests),
    cache_hits: bucket.cacheHits,
    cache_hit_rate: ratio(bucket.cacheHits, bucket.cacheLookups),
    latency_p50_ms: roundMs(latency.p50),
    latency_p95_ms: roundMs(latency.p95),
    saved_by_cache_usd: roundUsd(bucket.savedByCacheUsd),
    saved_by_routing_usd: roundUsd(bucket.savedByRoutingUsd),
  };
}

export function dayLabel(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Shapes totals and labelled groups into the stable UsageSummary. */
export function buildSummary(
  window: UsageWindow,
  groupBy: GroupBy | undefined,
  totals: Bucket,
  groups: Iterable<[string, Bucket]>,
): UsageSummary {
  const rows: UsageGroupRow[] = [];
  for (const [group, bucket] of groups) rows.push({ group, ...finishBucket(bucket) });
  return summaryOf(window, groupBy, finishBucket(totals), rows);
}

/** The UsageSummary for finished totals and group rows (sorted here: by day, else by cost then requests). */
export function summaryOf(
  window: UsageWindow,
  groupBy: GroupBy | undefined,
  totals: UsageRow,
  rows: UsageGroupRow[],
): UsageSummary {
  if (groupBy === "day") rows.sort((a, b) => a.group.localeCompare(b.group));
  else
    rows.sort((a, b) => b.cost_usd - a.cost_usd || b.requests - a.requests || a.group.localeCompare(b.group));
  return {
    since: new Date(window.since).toISOString(),
    until: new Date(window.until).toISOString(),
    group_by: groupBy ?? null,
    totals,
    groups: rows,
  };
}
