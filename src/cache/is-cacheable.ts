import type { Config } from "../config/schema.js";
import type { CacheMode } from "../core/route-types.js";

/** The request fields that decide whether its answer may come from, or go to, the cache. */
export interface CacheableRequest {
  temperature?: number;
  cache?: { mode?: CacheMode | string };
}

/**
 * Whether a request takes part in caching. Off when the store is off or the caller bypasses it.
 * A sampled answer (temperature > 0) is meant to vary, so it is cached only when config says
 * `cacheSampled` or the caller asks explicitly with `cache.mode` "use" or "refresh". An omitted
 * temperature counts as deterministic; JSON-schema requests are cacheable like any other.
 */
export function isCacheable(request: CacheableRequest, config: Config["cache"]): boolean {
  if (config.store === "off") return false;
  const mode = request.cache?.mode;
  if (mode === "bypass") return false;
  const sampled = request.temperature !== undefined && request.temperature > 0;
  if (!sampled) return true;
  return config.cacheSampled || mode === "use" || mode === "refresh";
}
