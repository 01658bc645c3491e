import { mkdirSync } from "node:fs";
import { join } from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import type { Logger } from "../logger.js";
import { type CacheStore, createKeyv, LOCAL_READ_TIMEOUT_MS } from "./cache-store.js";

export const SQLITE_FILE = "cache.sqlite";
const TABLE = "responses";
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * @keyv/sqlite in `<dataDir>/cache.sqlite`. Its connection is tuned for a cache: WAL (readers never
 * wait for the writer) and synchronous=NORMAL (no fsync per write; a crash may lose the last writes,
 * which for a cache only means a few misses). Expired rows are pruned at start and hourly, since
 * @keyv/sqlite keeps them until they are read. Throws when the file cannot be opened or is not SQLite.
 */
export async function openSqliteStore(dataDir: string, logger: Logger): Promise<CacheStore> {
  mkdirSync(dataDir, { recursive: true });
  const adapter = new KeyvSqlite({
    uri: `sqlite://${join(dataDir, SQLITE_FILE)}`,
    table: TABLE,
    busyTimeout: 5_000,
  });
  const keyv = createKeyv(adapter);
  try {
    await adapter.query("PRAGMA journal_mode=WAL");
    await adapter.query("PRAGMA synchronous=NORMAL");
  } catch (error) {
    await adapter.disconnect().catch(() => {});
    throw error;
  }
  const prune = async () => {
    try {
      await adapter.query(
        `DELETE FROM ${TABLE} WHERE json_valid(value) AND json_extract(value, '$.expires') < ?`,
        Date.now(),
      );
    } catch (error) {
      logger.debug({ error: String(error) }, "cache prune failed");
    }
  };
  const pruning = prune();
  const timer = setInterval(() => void prune(), PRUNE_EVERY_MS);
  timer.unref();
  return {
    name: "sqlite",
    keyv,
    // WAL readers never wait for the writer, so a read is never stuck behind a lock.
    readTimeoutMs: LOCAL_READ_TIMEOUT_MS,
    async close() {
      clearInterval(timer);
      await pruning;
      await adapter.disconnect();
    },
  };
}
