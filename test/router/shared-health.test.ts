import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHealthTracker } from "../../src/router/health-tracker.js";
import { createSharedHealth } from "../../src/router/shared-health.js";
import { startRedisServer } from "../support/redis-server.js";

let redis: Awaited<ReturnType<typeof startRedisServer>>;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});

describe("health stats shared through Redis", () => {
  it("lets every instance score from the outcomes all instances saw", async () => {
    const first = await createSharedHealth(createHealthTracker(), { redisUrl: redis.url, refreshMs: 60_000 });
    const second = await createSharedHealth(createHealthTracker(), {
      redisUrl: redis.url,
      refreshMs: 60_000,
    });
    for (let index = 0; index < 6; index++)
      first.recordSuccess("p/m", { latencyMs: 100, ttftMs: 40, outputTokens: 60 });
    for (let index = 0; index < 2; index++) second.recordFailure("p/m", { isRetryable: true, status: 503 });
    // Writes are fire-and-forget; give them a moment to land before reading the shared view.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all([first.refresh(), second.refresh()]);
    for (const instance of [first, second]) {
      const snapshot = instance.peek("p/m");
      expect(snapshot.samples).toBe(8);
      expect(snapshot.uptime).toBeCloseTo(6 / 8, 10);
      expect(snapshot.latencyMs).toBeCloseTo(100, 10);
      expect(snapshot.throughputTps).toBeCloseTo(60 / 0.06, 6);
    }
    // Breakers stay local: the second instance saw the failures, the first did not.
    expect(second.snapshot("p/m").consecutiveFailures).toBe(2);
    expect(first.snapshot("p/m").consecutiveFailures).toBe(0);
    await Promise.all([first.close(), second.close()]);
  });

  it("falls back to local health when Redis is unreachable", async () => {
    const tracker = await createSharedHealth(createHealthTracker(), {
      redisUrl: "redis://127.0.0.1:1",
      refreshMs: 60_000,
    });
    tracker.recordSuccess("q/m", { latencyMs: 50 });
    await tracker.refresh();
    expect(tracker.peek("q/m")).toMatchObject({ uptime: 1, samples: 1 });
    await tracker.close();
  });
});
