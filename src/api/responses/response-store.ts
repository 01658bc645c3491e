import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import type { ChatMessage } from "../../chat/types.js";
import type { Logger } from "../../logger.js";

export const RESPONSES_FILE = "responses.sqlite";
const HOUR_MS = 3_600_000;
/**
 * Longest conversation kept for chaining, in JSON characters. A chain grows by up to a request
 * body (8 MB by default) a turn; reading back a much longer one would hold the event loop, so
 * beyond this the response is kept without its conversation and cannot be chained.
 */
export const MAX_HISTORY_CHARS = 16_000_000;
/** Writes wait at most this long, or until this many are waiting. */
const FLUSH_DELAY_MS = 50;
const FLUSH_BATCH = 200;

/** A row waiting for its write, already as the JSON text it is stored as. */
interface PendingRow {
  key: string;
  createdAt: number;
  expiresAt: number;
  response: string;
  history: string;
  inputItems: string;
}

/**
 * A stored Response and the conversation it ends (chat messages, instructions apart), as the JSON
 * texts they are stored as: GET answers the Response's text as it is, and only a follow-up
 * parses the conversation.
 */
export interface StoredResponse {
  /** The Response's JSON, byte for byte as POST answered it. */
  responseJson: string;
  /** Every earlier turn, this request's input and its answer: what a follow-up chains onto; `null` when over MAX_HISTORY_CHARS. */
  historyJson: string;
  /** The items GET …/input_items lists, oldest first; null when over MAX_HISTORY_CHARS or stored before they were kept. */
  inputItemsJson: string | null;
}

/** What put() takes: the Response already serialized (as it was sent), the conversation as messages. */
export interface ResponseEntry {
  id: string;
  key: string;
  createdAt: number;
  responseJson: string;
  history: ChatMessage[];
  /** The listed input items' JSON array (see stored-input-items.ts). */
  inputItemsJson: string;
}

/** The conversation a stored response ends, or null when it was too long to keep. */
export function storedHistory(stored: StoredResponse): ChatMessage[] | null {
  return JSON.parse(stored.historyJson) as ChatMessage[] | null;
}

/**
 * Responses stored with `store: true` (the default), in `responses.sqlite` in the data dir. Each
 * belongs to the key that created it: another key reads it as missing. Rows expire after the TTL.
 */
export interface ResponseStore {
  put(entry: ResponseEntry): void;
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
  history TEXT NOT NULL,
  input_items TEXT
);
CREATE INDEX IF NOT EXISTS responses_expires_at ON responses (expires_at);
`;

/** Files written before input items were kept get the column (their rows list no items). */
function addInputItemsColumn(db: BetterSqlite3.Database): void {
  const columns = db.pragma("table_info(responses)") as { name: string }[];
  if (columns.some((column) => column.name === "input_items")) return;
  try {
    db.exec("ALTER TABLE responses ADD COLUMN input_items TEXT");
  } catch (error) {
    // Another instance on the same file may have added it first.
    if (!String(error).includes("duplicate column")) throw error;
  }
}

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
    addInputItemsColumn(db);
    statements = {
      insert: db.prepare(
        "INSERT OR REPLACE INTO responses (id, key, created_at, expires_at, response, history, input_items) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      select: db.prepare(
        "SELECT response, history, input_items AS inputItems FROM responses WHERE id = ? AND key = ? AND expires_at > ?",
      ),
      remove: db.prepare("DELETE FROM responses WHERE id = ? AND key = ? AND expires_at > ?"),
      purge: db.prepare("DELETE FROM responses WHERE expires_at <= ?"),
    };
    purgeExpired();
    purgeTimer = setInterval(purgeExpired, HOUR_MS);
    purgeTimer.unref();
    return statements;
  }

  // Writes wait here (read back from here) and go to SQLite in one transaction a moment later: a
  // synchronous insert per answer held the event loop for milliseconds on a busy disk.
  const pending = new Map<string, PendingRow>();
  let flushTimer: NodeJS.Timeout | undefined;

  function flush(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (pending.size === 0) return;
    const batch = [...pending];
    pending.clear();
    try {
      const { insert } = open();
      db?.transaction(() => {
        for (const [id, row] of batch)
          insert.run(id, row.key, row.createdAt, row.expiresAt, row.response, row.history, row.inputItems);
      })();
    } catch (error) {
      options.logger.warn(
        { error: String(error), responses: batch.length },
        "storing responses failed; they cannot be fetched or chained",
      );
    }
  }

  return {
    put({ id, key, createdAt, responseJson, history, inputItemsJson }) {
      const conversation = JSON.stringify(history);
      pending.set(id, {
        key,
        createdAt,
        expiresAt: now() + ttlMs,
        response: responseJson,
        history: conversation.length <= MAX_HISTORY_CHARS ? conversation : "null",
        inputItems: inputItemsJson.length <= MAX_HISTORY_CHARS ? inputItemsJson : "null",
      });
      if (pending.size >= FLUSH_BATCH) flush();
      else flushTimer ??= setTimeout(flush, FLUSH_DELAY_MS).unref();
    },
    get(id, key) {
      const waiting = pending.get(id);
      const row = waiting
        ? waiting.key === key && waiting.expiresAt > now()
          ? waiting
          : undefined
        : (open().select.get(id, key, now()) as
            | { response: string; history: string; inputItems: string | null }
            | undefined);
      if (!row) return undefined;
      const inputItemsJson = row.inputItems === "null" ? null : row.inputItems;
      return { responseJson: row.response, historyJson: row.history, inputItemsJson };
    },
    delete(id, key) {
      const waiting = pending.get(id);
      if (waiting?.key === key && waiting.expiresAt > now()) {
        pending.delete(id);
        return true;
      }
      return open().remove.run(id, key, now()).changes > 0;
    },
    close() {
      flush();
      if (purgeTimer) clearInterval(purgeTimer);
      db?.close();
      db = undefined;
      statements = undefined;
    },
  };
}
