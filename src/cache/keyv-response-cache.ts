import type { CachedAnswer, ResponseCache } from "../core/hooks.js";
import type { Logger } from "../logger.js";
import { cacheKey } from "./cache-key.js";
import type { CacheStore, StoreName } from "./cache-store.js";
import { parseCachedAnswer } from "./parse-cached-answer.js";
import { createSingleFlight } from "./single-flight.js";
import { createStoreHealth } from "./store-health.js";
import { clampTtl } from "./ttl.js";
import { withTimeout } from "./with-timeout.js";
import { createWriteBehind, type PendingWrite } from "./write-behind.js";

export interface KeyvResponseCacheOptions {
  store: CacheStore;
  logger: Logger;
  /** Longest a store read may take before it counts as a failure (a miss). Default: the store's. */
  timeoutMs?: number;
  /** Answers waiting to be written; beyond this new ones are dropped. Default 10,000. */
  maxPendingWrites?: number;
  now?: () => number;
}

export interface StoreBackedCache extends ResponseCache {
  readonly store: StoreName | "off";
}

/** The response cache over any Keyv store: reads with a time limit, writes behind, failures degrade to misses. */
export function createKeyvResponseCache(options: KeyvResponseCacheOptions): StoreBackedCache {
  const { store, logger } = options;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? store.readTimeoutMs;
  // Writes are off the request's path, so they may wait out a busy SQLite lock; only a stuck store fails them.
  const writeTimeoutMs = Math.max(timeoutMs, 5_000);
  const health = createStoreHealth(logger, store.name, now);
  let closed = false;
  /** Deletions of corrupt entries still running: close waits for them. */
  const removals = new Set<Promise<unknown>>();
  if (store.unavailable) {
    const error = new Error(store.unavailable);
    health.failed("read", error);
    health.failed("write", error);
  }
  // A store that connects (late at start, or again after a crash) is used at once, not after the back-off.
  store.onConnected?.(() => {
    health.succeeded("read");
    health.succeeded("write");
  });

  async function persist(key: string, { answer, expiresAt }: PendingWrite): Promise<void> {
    if (!health.available("write")) return;
    try {
      await withTimeout(
        store.keyv.set(key, answer, expiresAt - now()),
        writeTimeoutMs,
        `${store.name} write`,
      );
      health.succeeded("write");
    } catch (error) {
      health.failed("write", error);
    }
  }

  const writes = createWriteBehind({ write: persist, maxPending: options.maxPendingWrites ?? 10_000, now });

  async function read(key: string): Promise<CachedAnswer | undefined> {
    if (!health.available("read")) return undefined;
    let stored: unknown;
    try {
      stored = await withTimeout(store.keyv.get(key), timeoutMs, `${store.name} read`);
      health.succeeded("read");
    } catch (error) {
      health.failed("read", error);
      return undefined;
    }
    if (stored === undefined) return undefined;
    const answer = parseCachedAnswer(stored);
    if (answer) return answer;
    // One bad entry is its own small incident: warn, delete it, and it cannot come back.
    logger.warn({ store: store.name, key }, "corrupt cache entry dropped");
    const removal = store.keyv
      .delete(key)
      .catch(() => false)
      .finally(() => removals.delete(removal));
    removals.add(removal);
    return undefined;
  }

  return {
    store: store.name,
    key: cacheKey,
    singleFlight: createSingleFlight(),
    async get(key) {
      if (closed) return undefined;
      // An answer written while this read was under way is in the write buffer: check it again.
      return writes.peek(key) ?? (await read(key)) ?? writes.peek(key);
    },
    async set(key, answer, ttlSeconds) {
      if (closed) return;
      if (!writes.add(key, { answer, expiresAt: now() + clampTtl(ttlSeconds) * 1000 })) {
        logger.debug({ store: store.name }, "cache write buffer full: answer not cached");
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await writes.drain();
      await Promise.all(removals);
      await store
        .close()
        .catch((error: unknown) => logger.debug({ error: String(error) }, "cache close failed"));
    },
  };
}
