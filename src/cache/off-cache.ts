import { cacheKey } from "./cache-key.js";
import type { StoreBackedCache } from "./keyv-response-cache.js";

/** `cache.store: "off"` (or a store that cannot open): every lookup misses, nothing is kept or shared. */
export function createOffCache(): StoreBackedCache {
  return {
    store: "off",
    key: cacheKey,
    get: async () => undefined,
    set: async () => {},
    // Sharing one caller's answer with another is caching too: off means each runs its own.
    singleFlight: (_key, work) => work(),
    close: async () => {},
  };
}
