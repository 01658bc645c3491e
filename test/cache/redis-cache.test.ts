import { createClient } from "@keyv/redis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createResponseCache, type StoreBackedCache } from "../../src/cache/index.js";
import { createKeyvResponseCache } from "../../src/cache/keyv-response-cache.js";
import { openRedisStore } from "../../src/cache/redis-store.js";
import { parseConfig } from "../../src/config/load-config.js";
import type { Logger } from "../../src/logger.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";
import { answer } from "./answer.js";
import { captureLogger } from "./capture-logger.js";

let redis: RedisServer;
const open: StoreBackedCache[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await redis?.stop();
});

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(open.splice(0).map((cache) => cache.close()));
});

async function openCache(
  url = redis.url,
  logger: Logger = captureLogger().logger,
): Promise<StoreBackedCache> {
  const config = parseConfig({ cache: { store: "redis", redisUrl: url } }).cache;
  const cache = await createResponseCache({ config, dataDir: "/nonexistent", logger });
  open.push(cache);
  return cache;
}

function keyFor(cache: StoreBackedCache, content: string, namespace = "local"): string {
  return cache.key({
    route: { model: "gpt-4o" },
    messages: [{ role: "user", content }],
    params: {},
    namespace,
  });
}

/** Waits until `probe` answers something (a write lands, Redis comes back); no timing is asserted. */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("Redis response cache (real redis-server)", () => {
  it("shares entries between two instances", async () => {
    const first = await openCache();
    const second = await openCache();
    expect(first.store).toBe("redis");
    const key = keyFor(first, "shared");
    expect(await second.get(key)).toBeUndefined();
    await first.set(key, answer("from the first instance"), 3600);
    expect((await eventually(() => second.get(key))).text).toBe("from the first instance");
    await second.set(keyFor(second, "other way"), answer("from the second"), 3600);
    expect((await eventually(() => first.get(keyFor(first, "other way")))).text).toBe("from the second");
  });

  it("keeps tenants apart", async () => {
    const writer = await openCache();
    const reader = await openCache();
    await writer.set(keyFor(writer, "tenant", "team-a"), answer("team a only"), 3600);
    await eventually(() => reader.get(keyFor(reader, "tenant", "team-a")));
    expect(await reader.get(keyFor(reader, "tenant", "team-b"))).toBeUndefined();
  });

  it("stores the TTL in Redis and honours it on read", async () => {
    const writer = await openCache();
    const key = keyFor(writer, "ttl");
    await writer.set(key, answer(), 10);
    await writer.close();
    const client = createClient({ url: redis.url });
    await client.connect();
    const ttlMs = await client.pTTL(`modelmux::${key}`);
    await client.close();
    expect(ttlMs).toBeGreaterThan(0);
    expect(ttlMs).toBeLessThanOrEqual(10_000);

    const reader = await openCache();
    expect(await reader.get(key)).toBeDefined();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 11_000);
    expect(await reader.get(key)).toBeUndefined();
  });

  it("drops a corrupt entry with a warning", async () => {
    const { logger, warnings } = captureLogger();
    const cache = await openCache(redis.url, logger);
    const key = keyFor(cache, "corrupt");
    const client = createClient({ url: redis.url });
    await client.connect();
    await client.set(`modelmux::${key}`, "{not json");
    expect(await cache.get(key)).toBeUndefined();
    expect(warnings().map((line) => line.msg)).toEqual(["corrupt cache entry dropped"]);
    expect(
      await eventually(async () => ((await client.exists(`modelmux::${key}`)) === 0 ? true : undefined)),
    ).toBe(true);
    await client.close();
  });

  it("keeps answering (misses) when Redis dies mid-run, warns once, and picks Redis up again", async () => {
    const own = await startRedisServer();
    try {
      const { logger, warnings, lines } = captureLogger();
      const cache = await openCache(own.url, logger);
      const key = keyFor(cache, "before the crash");
      await cache.set(key, answer("cached"), 3600);
      expect(await eventually(async () => ((await cache.get(key)) ? true : undefined))).toBe(true);

      await own.kill();
      for (let index = 0; index < 20; index++) {
        expect(await cache.get(keyFor(cache, `during ${index}`))).toBeUndefined();
        await cache.set(keyFor(cache, `during ${index}`), answer(), 3600);
      }
      expect(await cache.get(key)).toBeUndefined();
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]?.msg).toBe("cache store failing: serving without cache until it recovers");

      // Same port, empty server: the client reconnects on its own; another instance's entry is seen again.
      const restarted = await startRedisServer({ port: own.port });
      try {
        const other = await openCache(restarted.url);
        const written = keyFor(other, "written after the restart");
        await other.set(written, answer("back"), 3600);
        expect((await eventually(() => cache.get(written))).text).toBe("back");
        let attempt = 0;
        await eventually(async () => {
          await cache.set(keyFor(cache, `write probe ${attempt++}`), answer(), 3600);
          await new Promise((resolve) => setTimeout(resolve, 20));
          return lines.some((line) => line.msg === "cache store recovered") ? true : undefined;
        });
        expect(warnings()).toHaveLength(1);
      } finally {
        await restarted.stop();
      }
    } finally {
      await own.stop();
    }
  });

  it("uses Redis the moment it connects after a start without it, not after the back-off", async () => {
    const late = await startRedisServer();
    await late.stop();
    const { logger, lines } = captureLogger();
    // The clock never moves: only the connection itself can end the failing state.
    const cache = createKeyvResponseCache({ store: await openRedisStore(late.url), logger, now: () => 0 });
    open.push(cache);
    const key = keyFor(cache, "written while Redis was away");
    expect(await cache.get(key)).toBeUndefined();
    const restarted = await startRedisServer({ port: late.port });
    try {
      const other = await openCache(restarted.url);
      await other.set(key, answer("there"), 3600);
      expect((await eventually(() => cache.get(key))).text).toBe("there");
      expect(lines.some((line) => line.msg === "cache store recovered")).toBe(true);
    } finally {
      await restarted.stop();
    }
  });

  it("starts without Redis (a warning, misses) instead of failing", async () => {
    const gone = await startRedisServer();
    await gone.stop();
    const { logger, warnings } = captureLogger();
    const cache = await openCache(gone.url, logger);
    expect(cache.store).toBe("redis");
    expect(await cache.get(keyFor(cache, "x"))).toBeUndefined();
    await cache.set(keyFor(cache, "x"), answer(), 3600);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.error).toMatch(/not reachable at start/);
  });
});
