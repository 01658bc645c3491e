import { afterEach, describe, expect, it, vi } from "vitest";
import { type CacheStore, createKeyv } from "../../src/cache/cache-store.js";
import { createKeyvResponseCache } from "../../src/cache/keyv-response-cache.js";
import { answer } from "./answer.js";
import { captureLogger } from "./capture-logger.js";

/** A real Map-backed store whose reads or writes can be made to fail or hang, like a full disk or a stuck server. */
class FlakyMap extends Map<string, unknown> {
  readFailure: Error | "hang" | undefined;
  writeFailure: Error | undefined;

  override get(key: string): unknown {
    if (this.readFailure === "hang") return new Promise(() => {});
    if (this.readFailure) throw this.readFailure;
    return super.get(key);
  }

  override set(key: string, value: unknown): this {
    if (this.writeFailure) throw this.writeFailure;
    return super.set(key, value);
  }
}

function flakyCache(timeoutMs = 250) {
  const map = new FlakyMap();
  const store: CacheStore = {
    name: "memory",
    keyv: createKeyv(map),
    readTimeoutMs: 250,
    close: async () => {},
  };
  const { logger, lines, warnings } = captureLogger();
  const clock = { time: 1_000_000 };
  const cache = createKeyvResponseCache({ store, logger, timeoutMs, now: () => clock.time });
  const key = (content: string) =>
    cache.key({
      route: { model: "m" },
      messages: [{ role: "user", content }],
      params: {},
      namespace: "local",
    });
  /** Lets the write-behind loop run (it starts on the next macrotask). */
  const settle = async () => {
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
  };
  return { map, cache, key, lines, warnings, clock, settle };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("a failing store degrades to no-cache", () => {
  it("keeps serving stored entries when writes fail (disk full), with one warning for many failures", async () => {
    const { map, cache, key, warnings, lines, clock, settle } = flakyCache();
    await cache.set(key("stored"), answer("stored"), 3600);
    await settle();
    map.writeFailure = Object.assign(new Error("SQLITE_FULL: database or disk is full"), {
      code: "SQLITE_FULL",
    });
    for (let index = 0; index < 20; index++) {
      await cache.set(key(`new ${index}`), answer(), 3600);
      await settle();
      clock.time += 2_000;
    }
    expect(await cache.get(key("new 3"))).toBeUndefined();
    expect((await cache.get(key("stored")))?.text).toBe("stored");
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({
      operation: "write",
      error: "SQLITE_FULL: database or disk is full",
    });

    map.writeFailure = undefined;
    clock.time += 60_000;
    await cache.set(key("after"), answer("after"), 3600);
    await settle();
    expect(lines.at(-1)).toMatchObject({ msg: "cache store recovered", store: "memory" });
    expect((await cache.get(key("after")))?.text).toBe("after");
  });

  it("answers misses while reads fail, skips the store during the back-off, and recovers", async () => {
    const { map, cache, key, warnings, lines, clock, settle } = flakyCache();
    await cache.set(key("a"), answer("a"), 3600);
    await settle();
    map.readFailure = new Error("connection lost");
    const reads = vi.spyOn(map, "get");
    expect(await cache.get(key("a"))).toBeUndefined();
    expect(await cache.get(key("a"))).toBeUndefined();
    expect(reads).toHaveBeenCalledTimes(1);
    clock.time += 1_500;
    expect(await cache.get(key("a"))).toBeUndefined();
    expect(reads).toHaveBeenCalledTimes(2);
    expect(warnings()).toHaveLength(1);

    map.readFailure = undefined;
    clock.time += 60_000;
    expect((await cache.get(key("a")))?.text).toBe("a");
    expect(lines.at(-1)?.msg).toBe("cache store recovered");
  });

  it("gives up on a read that hangs after the time limit", async () => {
    const { map, cache, key, warnings } = flakyCache(20);
    map.readFailure = "hang";
    expect(await cache.get(key("a"))).toBeUndefined();
    expect(warnings()[0]).toMatchObject({ operation: "read", error: "memory read took longer than 20 ms" });
  });

  it("never throws from set or get, and is inert after close", async () => {
    const { map, cache, key } = flakyCache();
    map.readFailure = new Error("boom");
    map.writeFailure = new Error("boom");
    await expect(cache.set(key("a"), answer(), 3600)).resolves.toBeUndefined();
    await expect(cache.get(key("b"))).resolves.toBeUndefined();
    await cache.close();
    await cache.set(key("c"), answer(), 3600);
    expect(await cache.get(key("c"))).toBeUndefined();
  });
});
