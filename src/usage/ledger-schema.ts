import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import type { Database } from "better-sqlite3";
import type { UsageRecord } from "../core/hooks.js";
import { pushRecordValues, RECORD_COLUMN_NAMES, RECORD_COLUMNS } from "./usage-columns.js";

const SCHEMA_VERSION = 2;

/** One row per request. Times are epoch ms (request start); money is USD. */
const CREATE = `
CREATE TABLE IF NOT EXISTS usage (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  key TEXT NOT NULL,
  tool TEXT NOT NULL,
  session_id TEXT,
  requested_model TEXT NOT NULL,
  model TEXT,
  provider TEXT,
  tokens_in INTEGER NOT NULL,
  tokens_out INTEGER NOT NULL,
  tokens_cached INTEGER NOT NULL,
  cost_usd REAL NOT NULL,
  baseline_cost_usd REAL,
  saved_by_cache_usd REAL NOT NULL,
  latency_ms REAL NOT NULL,
  attempts INTEGER NOT NULL,
  cache TEXT NOT NULL,
  guardrail_action TEXT NOT NULL,
  error_class TEXT,
  attempt_log TEXT
);
-- Covers window scans and the per-key spend sums budgets start from.
CREATE INDEX IF NOT EXISTS usage_time_key_cost ON usage (time, key, cost_usd);
`;

/** Version 2: each record carries a request id, so a batch written twice (a retry, a replayed spill) lands once. */
const ADD_REQUEST_ID = `
ALTER TABLE usage ADD COLUMN request_id TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS usage_request_id ON usage (request_id);
`;

/** Opens the tables (creating them on first use) with the pragmas the ledger relies on. */
export function prepareSchema(db: Database): void {
  // WAL + NORMAL: a commit survives a process crash; only an OS crash may lose the last ones.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  // A reader (`modelmux usage`) or a second writer waits instead of failing with SQLITE_BUSY.
  db.pragma("busy_timeout = 5000");
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `ledger schema version ${version} is newer than this modelmux understands (${SCHEMA_VERSION})`,
    );
  }
  if (version >= SCHEMA_VERSION) return;
  db.transaction(() => {
    if (version < 1) db.exec(CREATE);
    if (version < 2) db.exec(ADD_REQUEST_ID);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/** The INSERT of `rows` records at once (OR IGNORE: a request id already stored is skipped). */
export function insertSql(rows: number): string {
  const row = `(${RECORD_COLUMNS.map(() => "?").join(", ")})`;
  return `INSERT OR IGNORE INTO usage (${RECORD_COLUMN_NAMES})\n  VALUES ${Array(rows).fill(row).join(",\n    ")}`;
}

/**
 * Most records one INSERT statement carries. One statement per row cost a native call, a result
 * object and a statement start/stop each; a chunk pays those once. 32 rows bind 640 values, far
 * below SQLite's 32,766 parameter limit.
 */
export const INSERT_CHUNK_ROWS = 32;

export interface LedgerDatabase {
  db: Database;
  /** Inserts the records in one transaction, in order (row ids follow the records' order). */
  insertBatch(records: UsageRecord[]): void;
}

/** Opens (creating if needed) the ledger file. The native binding loads here, on first use, not at start-up. */
export function openLedgerDatabase(path: string): LedgerDatabase {
  const Sqlite = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
  const db = new Sqlite(path);
  try {
    prepareSchema(db);
  } catch (error) {
    db.close();
    throw error;
  }
  // One prepared statement per chunk size, made when a batch first needs it.
  const inserts: BetterSqlite3.Statement[] = [];
  const insertOf = (rows: number) => (inserts[rows] ??= db.prepare(insertSql(rows)));
  const insertBatch = db.transaction((records: UsageRecord[]) => {
    // The record must have its request id by now (the ledger gives one). Values as arguments, not
    // one array: the binding reads an array's items back one by one through V8's API.
    const chunkValues = INSERT_CHUNK_ROWS * RECORD_COLUMNS.length;
    let values: unknown[] = [];
    for (const record of records) {
      pushRecordValues(record, values);
      if (values.length === chunkValues) {
        insertOf(INSERT_CHUNK_ROWS).run(...values);
        values = [];
      }
    }
    if (values.length > 0) insertOf(values.length / RECORD_COLUMNS.length).run(...values);
  });
  return { db, insertBatch };
}
