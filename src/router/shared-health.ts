import type { Logger } from "../logger.js";
import { connectRedis } from "../redis/connect-redis.js";
import { countsAgainstDeployment, type HealthSnapshot, type HealthTracker } from "./health-tracker.js";

export interface SharedHealthOptions {
  redisUrl: string;
  logger?: Logger;
  /** How often the shared view is re-read from Redis. Default 1 s. */
  refreshMs?: number;
  /** How far back shared outcomes count. Default 60 s. */
  windowMs?: number;
  now?: () => number;
}

/** Counters of one deployment in one time bucket, summed over every instance. */
interface SharedStats {
  uptime: number;
  latencyMs: number | null;
  ttftMs: number | null;
  throughputTps: number | null;
  samples: number;
}

const BUCKET_MS = 10_000;
const CONNECT_WAIT_MS = 1_000;
const PREFIX = "modelmux:health:";

function bucketKey(id: string, bucket: number): string {
  return `${PREFIX}${id}:${bucket}`;
}

function merge(local: Readonly<HealthSnapshot>, shared: SharedStats | undefined): HealthSnapshot {
  if (!shared || shared.samples === 0) return { ...local };
  return {
    ...local,
    uptime: shared.uptime,
    latencyMs: shared.latencyMs ?? local.latencyMs,
    ttftMs: shared.ttftMs ?? local.ttftMs,
    throughputTps: shared.throughputTps ?? local.throughputTps,
    samples: shared.samples,
  };
}

/**
 * Health stats shared by every instance on one Redis: each outcome is added to per-deployment
 * 10 s buckets with atomic MULTI/HINCRBY, and every instance scores from the sum of the last
 * minute. Breakers stay per instance (each decides for its own traffic).
 */
export async function createSharedHealth(
  local: HealthTracker,
  options: SharedHealthOptions,
): Promise<HealthTracker & { refresh(): Promise<void>; close(): Promise<void> }> {
  const now = options.now ?? Date.now;
  const windowMs = options.windowMs ?? 60_000;
  const { client, connecting } = await connectRedis(options.redisUrl, {
    logger: options.logger,
    purpose: "shared health",
  });
  // Wait briefly for the first connection; if Redis is down, start anyway and score from local health.
  await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, CONNECT_WAIT_MS).unref())]);

  const shared = new Map<string, SharedStats>();
  const known = new Set<string>();

  function add(id: string, fields: Record<string, number>): void {
    known.add(id);
    if (!client.isReady) return;
    const key = bucketKey(id, Math.floor(now() / BUCKET_MS));
    const transaction = client.multi();
    for (const [field, amount] of Object.entries(fields)) transaction.hIncrBy(key, field, Math.round(amount));
    transaction.pExpire(key, windowMs + BUCKET_MS * 2);
    transaction.exec().catch(() => undefined);
  }

  async function refresh(): Promise<void> {
    if (!client.isReady || known.size === 0) return;
    const newest = Math.floor(now() / BUCKET_MS);
    const buckets = Math.ceil(windowMs / BUCKET_MS);
    const ids = [...known];
    const transaction = client.multi();
    for (const id of ids)
      for (let back = 0; back <= buckets; back++) transaction.hGetAll(bucketKey(id, newest - back));
    const replies = (await transaction.exec()) as unknown as Record<string, string>[];
    ids.forEach((id, index) => {
      const sum = { s: 0, f: 0, lat: 0, n: 0, ttft: 0, tok: 0, gen: 0 };
      for (let back = 0; back <= buckets; back++) {
        const reply = replies[index * (buckets + 1) + back] ?? {};
        for (const field of Object.keys(sum) as (keyof typeof sum)[]) sum[field] += Number(reply[field] ?? 0);
      }
      const samples = sum.s + sum.f;
      shared.set(id, {
        samples,
        uptime: samples > 0 ? sum.s / samples : 0,
        latencyMs: sum.n > 0 ? sum.lat / sum.n : null,
        ttftMs: sum.n > 0 ? sum.ttft / sum.n : null,
        throughputTps: sum.gen > 0 ? sum.tok / (sum.gen / 1000) : null,
      });
    });
  }

  const timer = setInterval(() => {
    refresh().catch(() => undefined);
  }, options.refreshMs ?? 1_000);
  timer.unref();

  return {
    recordSuccess(id, sample) {
      local.recordSuccess(id, sample);
      const ttft = sample.ttftMs ?? sample.latencyMs;
      add(id, {
        s: 1,
        lat: sample.latencyMs,
        n: 1,
        ttft,
        tok: sample.outputTokens ?? 0,
        gen: Math.max(0, sample.latencyMs - ttft),
      });
    },
    recordFailure(id, failure) {
      local.recordFailure(id, failure);
      if (countsAgainstDeployment(failure)) add(id, { f: 1 });
    },
    recordCancelled: (id) => local.recordCancelled(id),
    beginAttempt: (id) => local.beginAttempt(id),
    isAvailable: (id) => local.isAvailable(id),
    now: () => local.now(),
    snapshot: (id) => merge(local.snapshot(id), shared.get(id)),
    peek(id, at) {
      known.add(id);
      return merge(local.peek(id, at), shared.get(id));
    },
    snapshotAll() {
      const all = local.snapshotAll();
      for (const id of Object.keys(all)) all[id] = merge(all[id] as HealthSnapshot, shared.get(id));
      return all;
    },
    refresh,
    async close() {
      clearInterval(timer);
      if (client.isReady) await client.quit().catch(() => undefined);
      else client.destroy();
    },
  };
}
