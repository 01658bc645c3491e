import type { Config } from "../config/schema.js";
import { errorMessage } from "../errors.js";
import type { Logger } from "../logger.js";
import type { CacheStore } from "./cache-store.js";
import { createKeyvResponseCache, type StoreBackedCache } from "./keyv-response-cache.js";
import { openMemoryStore } from "./memory-store.js";
import { createOffCache } from "./off-cache.js";
import { openRedisStore } from "./redis-store.js";
import { openSqliteStore } from "./sqlite-store.js";

export interface CreateResponseCacheOptions {
  config: Config["cache"];
  /** Where `cache.sqlite` lives (MODELMUX_DATA_DIR, default ~/.modelmux). */
  dataDir: string;
  logger: Logger;
  /** Longest a store read may take before it counts as a failure (a miss). Default: 1 s on Redis, 10 s local. */
  timeoutMs?: number;
}

async function openStore(config: Config["cache"], dataDir: string, logger: Logger): Promise<CacheStore> {
  if (config.store === "memory") return openMemoryStore();
  if (config.store === "redis") {
    if (!config.redisUrl)
      throw new Error("cache.store is redis but no cache.redisUrl / MODELMUX_REDIS_URL is set");
    return openRedisStore(config.redisUrl);
  }
  return openSqliteStore(dataDir, logger);
}

/**
 * The response cache for `config.cache.store`: SQLite in the data dir (default), Redis, memory, or
 * off. A store that cannot be opened (unwritable dir, corrupt file, bad Redis URL) is reported once
 * and the server runs without a cache rather than not at all.
 */
export async function createResponseCache(options: CreateResponseCacheOptions): Promise<StoreBackedCache> {
  const { config, dataDir, logger } = options;
  if (config.store === "off") return createOffCache();
  try {
    const store = await openStore(config, dataDir, logger);
    return createKeyvResponseCache({
      store,
      logger,
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    });
  } catch (error) {
    logger.warn(
      { store: config.store, error: errorMessage(error) },
      "cache store unavailable: running without cache",
    );
    return createOffCache();
  }
}
