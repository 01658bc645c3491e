export { cacheKey } from "./cache-key.js";
export { canonicalJson } from "./canonical-json.js";
export { type CreateResponseCacheOptions, createResponseCache } from "./create-response-cache.js";
export { type CacheableRequest, isCacheable } from "./is-cacheable.js";
export type { StoreBackedCache } from "./keyv-response-cache.js";
export {
  type RequestCacheOptions,
  type ResolvedCacheOptions,
  resolveCacheOptions,
} from "./resolve-cache-options.js";
export { MAX_TTL_SECONDS, MIN_TTL_SECONDS } from "./ttl.js";
