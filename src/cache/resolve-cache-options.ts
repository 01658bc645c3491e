import type { Config } from "../config/schema.js";
import type { CacheMode } from "../core/route-types.js";
import { ModelmuxError } from "../errors.js";
import { isValidTtl, MAX_TTL_SECONDS, MIN_TTL_SECONDS } from "./ttl.js";

const MODES: readonly CacheMode[] = ["use", "refresh", "bypass"];

/** A request's `cache` option as either front door spells it (`ttl_s` on the wire, `ttlSeconds` inside). */
export interface RequestCacheOptions {
  mode?: string;
  ttlSeconds?: number;
  ttl_s?: number;
}

export interface ResolvedCacheOptions {
  mode: CacheMode;
  ttlSeconds: number;
  /** True when the caller set `mode` explicitly: that opts sampled answers into the cache. */
  explicitMode: boolean;
}

/** Validates a request's cache options and fills the defaults from config; throws INVALID_INPUT naming the field. */
export function resolveCacheOptions(
  requestCache: RequestCacheOptions | undefined,
  config: Config["cache"],
): ResolvedCacheOptions {
  const mode = requestCache?.mode;
  if (mode !== undefined && !MODES.includes(mode as CacheMode)) {
    throw new ModelmuxError(
      "INVALID_INPUT",
      `cache.mode must be one of ${MODES.join(", ")}; got ${JSON.stringify(mode)}`,
      {
        field: "cache.mode",
      },
    );
  }
  const ttl = requestCache?.ttl_s ?? requestCache?.ttlSeconds;
  if (ttl !== undefined && !isValidTtl(ttl)) {
    throw new ModelmuxError(
      "INVALID_INPUT",
      `cache.ttl_s must be a whole number of seconds from ${MIN_TTL_SECONDS} to ${MAX_TTL_SECONDS} (1 year); got ${ttl}`,
      { field: "cache.ttl_s", min: MIN_TTL_SECONDS, max: MAX_TTL_SECONDS },
    );
  }
  return {
    mode: (mode as CacheMode | undefined) ?? "use",
    ttlSeconds: ttl ?? config.ttlSeconds,
    explicitMode: mode !== undefined,
  };
}
