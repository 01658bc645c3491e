import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import type { ChatMessage } from "../../chat/types.js";
import type { Logger } from "../../logger.js";

export const RESPONSES_FILE = "responses.sqlite";
const HOUR_MS = 3_600_000;

/** A stored Response and the conversation it ends (chat messages, instructions apart). */
export interface StoredResponse {
  response: Record<string, unknown>;
  /** Every earlier turn, this request's input and its answer: what a follow-up chains onto. */
  history: ChatMessage[];
}

/**
 * Responses stored with `store: true` (the default), in `responses.sqlite` in the data dir. Each
 * belongs to the key that created it: another key reads it as missing. Rows expire after the TTL.
 */
export interface ResponseStore {
  put(entry: { id: string; key: string; createdAt: number } & StoredResponse): void;
  get(id: string, key: string): StoredResponse | undefined;
  /** True when the key's response existed and is now gone. */
  delete(id: string, key: string): boolean;
  close(): void;
}

const CREATE = `
CREATE TABLE IF NOT EXISTS responses (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  response TEXT NOT NULL,
  history TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS responses_expires_at ON responses (expires_at);
`;

export interface ResponseStoreOptions {
  /** Directory for the file; `:memory:` keeps responses in memory. */
  dataDir: string;
  ttlDays: number;
  logger: Logger;
  now?: () => number;
}

/** Opens the store on first use (start-up never waits for SQLite); expired rows are purged hourly. */
export function createResponseStore(options: ResponseStoreOptions): ResponseStore {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlDays * 24 * HOUR_MS;
  let db: BetterSqlite3.Database | undefined;
  let statements:
    | {
        insert: BetterSqlite3.Statement;
        select: BetterSqlite3.Statement;
        remove: BetterSqlite3.Statement;
        purge: BetterSqlite3.Statement;
      }
    | undefined;
  let purgeTimer: NodeJS.Timeout | undefined;

  function purgeExpired(): void {
    try {
      const removed = statements?.purge.run(now()).changes ?? 0;
      if (removed > 0) options.logger.debug({ removed }, "expired stored responses purged");
    } catch (error) {
      options.logger.warn({ error: String(error) }, "purging expired stored responses failed");
    }
  }

  function open() {
    if (statements) return statements;
    const Sqlite = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
    const memory = options.dataDir === ":memory:";
    if (!memory) mkdirSync(options.dataDir, { recursive: true });
    db = new Sqlite(memory ? ":memory:" : join(options.dataDir, RESPONSES_FILE));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    db.exec(CREATE);
    statements = {
      insert: db.prepare(
        "INSERT OR REPLACE INTO responses (id, key, created_at, expires_at, response, history) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      select: db.prepare(
        "SELECT response, history FROM responses WHERE id = ? AND key = ? AND expires_at > ?",
      ),
      remove: db.prepare("DELETE FROM responses WHERE id = ? AND key = ? AND expires_at > ?"),
      purge: db.prepare("DELETE FROM responses WHERE expires_at <= ?"),
    };
    purgeExpired();
    purgeTimer = setInterval(purgeExpired, HOUR_MS);
    purgeTimer.unref();
    return statements;
  }

  return {
    put({ id, key, createdAt, response, history }) {
      open().insert.run(id, key, createdAt, now() + ttlMs, JSON.stringify(response), JSON.stringify(history));
    },
    get(id, key) {
      const row = open().select.get(id, key, now()) as { response: string; history: string } | undefined;
      if (!row) return undefined;
      return { response: JSON.parse(row.response), history: JSON.parse(row.history) };
    },
    delete(id, key) {
      return open().remove.run(id, key, now()).changes > 0;
    },
    close() {
      if (purgeTimer) clearInterval(purgeTimer);
      db?.close();
      db = undefined;
      statements = undefined;
    },
  };
}
