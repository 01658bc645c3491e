import { randomUUID } from "node:crypto";
import type { Logger } from "../logger.js";
import { connectRedis, type RedisClient } from "../redis/connect-redis.js";
import { createRateLimiter, type RateDecision, type RateLimiter } from "./rate-limit.js";

const WINDOW_MS = 60_000;
// One hash tag: every limiter key lands in the same Redis Cluster slot.
const PREFIX = "modelmux:{rpm}:";

/**
 * One sliding-window log per key in a sorted set scored by arrival time (Redis' clock, so instances
 * with skewed clocks agree). Trim, count, and add only when it fits, in one atomic script: however
 * many instances take from it, a key gets `limit` requests per rolling minute, not `limit` each.
 */
const TAKE = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + window - now}
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return {1, 0}
`;

export interface SharedRateLimiter extends RateLimiter {
  close(): Promise<void>;
}

/**
 * Per-key rpm shared by every instance on this Redis. While Redis is unreachable each instance
 * limits with its own window (one warning), so a Redis outage never refuses or stalls requests.
 */
export function createRedisRateLimiter(options: { url: string; logger?: Logger }): SharedRateLimiter {
  const local = createRateLimiter();
  let client: RedisClient | undefined;
  const loading = connectRedis(options.url, { logger: options.logger, purpose: "rate limiter" }).then(
    (connected) => {
      client = connected.client;
      return connected.client;
    },
  );
  let fallbackWarned = false;

  function fallBack(key: string, perMinute: number, error: unknown): RateDecision {
    if (!fallbackWarned) {
      fallbackWarned = true;
      options.logger?.warn(
        { err: String(error) },
        "rate limiter: Redis unavailable, limiting with this instance's window",
      );
    }
    return local.take(key, perMinute);
  }

  async function takeShared(live: RedisClient, key: string, perMinute: number): Promise<RateDecision> {
    try {
      const reply = (await live.eval(TAKE, {
        keys: [`${PREFIX}${key}`],
        arguments: [String(WINDOW_MS), String(perMinute), randomUUID()],
      })) as number[];
      fallbackWarned = false;
      if (reply[0] === 1) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(reply[1]) / 1000)) };
    } catch (error) {
      return fallBack(key, perMinute, error);
    }
  }

  return {
    take(key, perMinute) {
      if (!client?.isReady) return fallBack(key, perMinute, new Error("not connected"));
      return takeShared(client, key, perMinute);
    },
    async close() {
      const created = await loading;
      if (created.isReady) await created.close();
      else if (created.isOpen) created.destroy();
    },
  };
}
