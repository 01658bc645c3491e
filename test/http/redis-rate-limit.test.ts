import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisRateLimiter, type SharedRateLimiter } from "../../src/http/redis-rate-limit.js";
import { createLogger } from "../../src/logger.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";

let redis: RedisServer;
const limiters: SharedRateLimiter[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await Promise.allSettled(limiters.map((limiter) => limiter.close()));
  await redis?.stop();
});

async function connected(): Promise<SharedRateLimiter> {
  const limiter = createRedisRateLimiter({ url: redis.url, logger: createLogger("silent") });
  limiters.push(limiter);
  // Connected once take() answers through Redis (a promise) rather than from local memory.
  for (let attempt = 0; attempt < 100; attempt++) {
    if (limiter.take("probe", 1_000_000) instanceof Promise) return limiter;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("rate limiter never connected to Redis");
}

describe("rpm shared through Redis", () => {
  it("gives a key one sliding window across three instances, not one each", async () => {
    const instances = await Promise.all([connected(), connected(), connected()]);
    const decisions = await Promise.all(
      Array.from({ length: 30 }, (_, index) => instances[index % 3]?.take("team-a", 10)),
    );
    expect(decisions.filter((decision) => decision?.allowed)).toHaveLength(10);
    const refused = decisions.find((decision) => decision && !decision.allowed);
    expect(refused).toMatchObject({ allowed: false });
    expect(refused && !refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(0);
    // Another key has its own window.
    expect(await instances[0]?.take("team-b", 10)).toEqual({ allowed: true });
  });

  it("keeps answering from its own window when Redis goes away", async () => {
    const limiter = await connected();
    await redis.kill();
    const decisions = await Promise.all(Array.from({ length: 5 }, () => limiter.take("team-c", 3)));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false, false]);
    redis = await startRedisServer({ port: redis.port });
  });
});
