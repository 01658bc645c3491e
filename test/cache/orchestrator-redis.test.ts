import { createClient } from "@keyv/redis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";
import { type CachedGateway, startCachedGateway } from "./cache-fixture.js";
import { captureLogger } from "./capture-logger.js";

let upstream: FakeUpstream;
let redis: RedisServer;
const gateways: CachedGateway[] = [];

async function gateway(logger = captureLogger().logger): Promise<CachedGateway> {
  const started = await startCachedGateway({
    upstream,
    cache: { store: "redis", redisUrl: redis.url },
    logger,
  });
  gateways.push(started);
  return started;
}

/** Resolves once Redis holds `count` cache entries (writes land in the background). */
async function entriesInRedis(count: number): Promise<void> {
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    while ((await client.keys("modelmux::*")).length < count)
      await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    await client.close();
  }
}

beforeEach(async () => {
  [upstream, redis] = await Promise.all([startFakeUpstream(), startRedisServer()]);
});

afterEach(async () => {
  await Promise.all(gateways.splice(0).map((started) => started.close()));
  await Promise.all([upstream.close(), redis.stop()]);
});

describe("response cache through the orchestrator (Redis)", () => {
  it("two server instances sharing one Redis see each other's entries", async () => {
    const [first, second] = await Promise.all([gateway(), gateway()]);
    const miss = await first.run();
    expect(miss.cache).toBe("miss");
    await entriesInRedis(1);
    const hit = await second.run();
    expect(hit).toMatchObject({ cache: "hit", costUsd: 0, text: miss.text, provider: "pa", model: "m1" });

    await second.run({ messages: [{ role: "user", content: "asked on the second instance" }] });
    await entriesInRedis(2);
    const back = await first.run({ messages: [{ role: "user", content: "asked on the second instance" }] });
    expect(back.cache).toBe("hit");
    expect(upstream.requests).toHaveLength(2);
  });

  it("keeps tenants apart across instances", async () => {
    const [first, second] = await Promise.all([gateway(), gateway()]);
    await first.run({ caller: { key: "team-a", tool: "test" } });
    await entriesInRedis(1);
    expect((await second.run({ caller: { key: "team-b", tool: "test" } })).cache).toBe("miss");
    expect((await second.run({ caller: { key: "team-a", tool: "test" } })).cache).toBe("hit");
  });

  it("keeps serving requests when Redis is killed mid-run, with one warning", async () => {
    const { logger, warnings } = captureLogger();
    const mux = await gateway(logger);
    await mux.run();
    await entriesInRedis(1);
    expect((await mux.run()).cache).toBe("hit");

    await redis.kill();
    // Distinct prompts: each must reach upstream, none may fail.
    const ask = (index: number) =>
      mux.run({ messages: [{ role: "user", content: `after the crash ${index}` }] });
    const during = [];
    for (let index = 0; index < 10; index++) during.push(await ask(index));
    during.push(...(await Promise.all(Array.from({ length: 10 }, (_, index) => ask(100 + index)))));
    expect(during.every((result) => result.cache === "miss" && result.text.length > 0)).toBe(true);
    expect(upstream.requests).toHaveLength(21);
    // Other Redis users (budgets) log their own incidents; the cache warns once.
    const cacheWarnings = warnings().filter((line) => line.msg.startsWith("cache"));
    expect(cacheWarnings.map((line) => line.msg)).toEqual([
      "cache store failing: serving without cache until it recovers",
    ]);
  });
});
