import type { UsageRecord } from "../core/hooks.js";
import type { HealthSnapshot } from "../router/health-tracker.js";
import { roundUsd } from "../usage/round-usd.js";
import type { SummarizeOptions, UsageRow, UsageSummary } from "../usage/usage-types.js";
import type { DashboardWindow } from "./parse-window.js";

/** The part of the usage ledger the dashboard reads (sync or async, whichever the ledger is). */
export interface DashboardLedger {
  summarize(options: SummarizeOptions): UsageSummary | Promise<UsageSummary>;
  recent(limit: number, key?: string): UsageRecord[] | Promise<UsageRecord[]>;
}

export interface DashboardSources {
  ledger?: DashboardLedger;
  health?: { snapshotAll(): Record<string, HealthSnapshot> };
  now?: () => number;
  /** Only this virtual key's requests (a tenant's view); every key's when absent (the operator's). */
  key?: string;
  /** Deployments whose health the caller may see (core/access-policy.ts `seesDeployment`); all when absent. */
  seesDeployment?: (deployment: string) => boolean;
}

export interface SpendBucket {
  start: string;
  requests: number;
  cost_usd: number;
}

export interface DashboardData {
  generated_at: string;
  /** The virtual key the figures are limited to, or null for every caller. */
  key: string | null;
  window: string;
  since: string;
  until: string;
  bucket: "hour" | "day";
  totals: UsageRow & { saved_usd: number };
  spend_over_time: SpendBucket[];
  by_model: (UsageRow & { model: string })[];
  by_provider: (UsageRow & { provider: string })[];
  health: {
    deployment: string;
    breaker: string;
    available: boolean;
    uptime: number | null;
    latency_ms: number | null;
    requests: number;
    failures: number;
  }[];
  recent: {
    time: string;
    key: string;
    tool: string;
    requested_model: string;
    model: string | null;
    provider: string | null;
    cache: string;
    tokens_in: number;
    tokens_out: number;
    cost_usd: number;
    latency_ms: number;
    error: string | null;
  }[];
}

const RECENT_LIMIT = 25;
const EMPTY_ROW: UsageRow = {
  requests: 0,
  errors: 0,
  tokens_in: 0,
  tokens_out: 0,
  tokens_cached: 0,
  cost_usd: 0,
  error_rate: 0,
  cache_hits: 0,
  cache_hit_rate: 0,
  latency_p50_ms: 0,
  latency_p95_ms: 0,
  saved_by_cache_usd: 0,
  saved_by_routing_usd: 0,
};

function emptySummary(since: number, until: number): UsageSummary {
  return {
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    group_by: null,
    totals: EMPTY_ROW,
    groups: [],
  };
}

function keyed(key: string | undefined): { key?: string } {
  return key === undefined ? {} : { key };
}

/** Buckets aligned to whole hours (or UTC days), oldest first, zero-filled so the chart has no gaps. */
async function spendOverTime(
  ledger: DashboardLedger | undefined,
  window: DashboardWindow,
  until: number,
  key: string | undefined,
) {
  const first = Math.floor((until - window.durationMs) / window.bucketMs) * window.bucketMs;
  const starts: number[] = [];
  for (let start = first; start < until; start += window.bucketMs) starts.push(start);
  if (!ledger)
    return starts.map((start) => ({ start: new Date(start).toISOString(), requests: 0, cost_usd: 0 }));

  if (window.bucket === "day") {
    // One scan grouped by UTC day, matched to the buckets by date label.
    const byDay = await ledger.summarize({ since: first, until, groupBy: "day", ...keyed(key) });
    const rows = new Map(byDay.groups.map((row) => [row.group, row]));
    return starts.map((start) => {
      const row = rows.get(new Date(start).toISOString().slice(0, 10));
      return {
        start: new Date(start).toISOString(),
        requests: row?.requests ?? 0,
        cost_usd: row?.cost_usd ?? 0,
      };
    });
  }
  return Promise.all(
    starts.map(async (start) => {
      const { totals } = await ledger.summarize({
        since: start,
        until: Math.min(start + window.bucketMs, until),
        ...keyed(key),
      });
      return { start: new Date(start).toISOString(), requests: totals.requests, cost_usd: totals.cost_usd };
    }),
  );
}

function healthRows(
  snapshots: Record<string, HealthSnapshot>,
  visible: (deployment: string) => boolean = () => true,
): DashboardData["health"] {
  return Object.entries(snapshots)
    .filter(([deployment]) => visible(deployment))
    .map(([deployment, snapshot]) => ({
      deployment,
      breaker: snapshot.breaker,
      available: snapshot.available,
      uptime: snapshot.uptime,
      latency_ms: snapshot.latencyMs === null ? null : Math.round(snapshot.latencyMs),
      requests: snapshot.requests,
      failures: snapshot.failures,
    }))
    .sort((a, b) => a.deployment.localeCompare(b.deployment));
}

function recentRow(record: UsageRecord): DashboardData["recent"][number] {
  return {
    time: new Date(record.time).toISOString(),
    key: record.key,
    tool: record.tool,
    requested_model: record.requestedModel,
    model: record.model,
    provider: record.provider,
    cache: record.cache,
    tokens_in: record.tokensIn,
    tokens_out: record.tokensOut,
    cost_usd: record.costUsd,
    latency_ms: Math.round(record.latencyMs),
    error: record.errorClass,
  };
}

/** Everything the dashboard page shows, for one window ending now. */
export async function buildDashboardData(
  sources: DashboardSources,
  window: DashboardWindow,
): Promise<DashboardData> {
  const until = (sources.now ?? Date.now)();
  const since = until - window.durationMs;
  const { ledger, key } = sources;
  const [byModel, byProvider, timeline, recent] = await Promise.all([
    ledger ? ledger.summarize({ since, until, groupBy: "model", ...keyed(key) }) : emptySummary(since, until),
    ledger
      ? ledger.summarize({ since, until, groupBy: "provider", ...keyed(key) })
      : emptySummary(since, until),
    spendOverTime(ledger, window, until, key),
    ledger ? ledger.recent(RECENT_LIMIT, key) : [],
  ]);
  const totals = byModel.totals;
  return {
    generated_at: new Date(until).toISOString(),
    key: key ?? null,
    window: window.name,
    since: byModel.since,
    until: byModel.until,
    bucket: window.bucket,
    totals: {
      ...totals,
      saved_usd: roundUsd(totals.saved_by_cache_usd + totals.saved_by_routing_usd),
    },
    spend_over_time: timeline,
    by_model: byModel.groups.map(({ group, ...row }) => ({ model: group, ...row })),
    by_provider: byProvider.groups.map(({ group, ...row }) => ({ provider: group, ...row })),
    health: healthRows(sources.health?.snapshotAll() ?? {}, sources.seesDeployment),
    recent: recent.map(recentRow),
  };
}
