import type { ResponseCache } from "../core/hooks.js";
import { cacheKey } from "./cache-key.js";

/**
 * A cache that opens its store (Keyv, the SQLite driver or the Redis client) on first use or
 * warm-up rather than at start-up; keys are computed without it.
 */
export function createLazyCache(
  open: () => Promise<ResponseCache>,
): ResponseCache & { open(): Promise<ResponseCache> } {
  let opening: Promise<ResponseCache & { store?: string }> | undefined;
  const ready = () => {
    opening ??= open();
    return opening;
  };
  return {
    open: ready,
    key: cacheKey,
    async enabled() {
      return (await ready()).store !== "off";
    },
    async get(key) {
      return (await ready()).get(key);
    },
    async set(key, answer, ttlSeconds) {
      return (await ready()).set(key, answer, ttlSeconds);
    },
    async singleFlight(key, work) {
      return (await ready()).singleFlight(key, work);
    },
    async close() {
      if (opening) await (await opening).close();
    },
  };
}
