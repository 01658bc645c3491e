import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { UsageLedger, UsageRecord } from "../core/hooks.js";
import type { Logger } from "../logger.js";
import { flushOnExit } from "./exit-flush.js";
import { type LedgerDatabase, openLedgerDatabase } from "./ledger-schema.js";
import { createPostgresLedger } from "./postgres/postgres-ledger.js";
import { withRequestId } from "./request-id.js";
import { forEachIndexedFields, summarizeDatabase } from "./summarize-database.js";
import { DAY_MS } from "./usage-aggregate.js";
import { recordFromRow, type StoredRow } from "./usage-columns.js";
import { createUsageIndex, fieldsOf, MAX_INDEX_ROWS, rowsKeptAtCap, type UsageIndex } from "./usage-index.js";
import type { StoredUsageRecord, SummarizeOptions, UsageSummary, UsageWindow } from "./usage-types.js";
import { startWalCheckpointer, type WalCheckpointer } from "./wal-checkpointer.js";

export const LEDGER_FILE = "usage.sqlite";

export interface LedgerOptions {
  /** Directory for `usage.sqlite`; created if missing. `:memory:` keeps the ledger in memory (tests). */
  dataDir: string;
  logger: Logger;
  /** Longest a record waits in memory before its batch is written. Default 100 ms. */
  flushIntervalMs?: number;
  /** A batch this big is written on the next tick. Default 500. */
  batchSize?: number;
  /** How often a worker thread checkpoints the WAL (off the request thread). Default 1,000 ms. */
  checkpointIntervalMs?: number;
  /** Days of history summarize() serves from memory; older windows read SQLite. Default 32. */
  memoryDays?: number;
  /** Most rows kept in memory for summarize(); a busy ledger's older rows are read from SQLite. */
  memoryRows?: number;
  now?: () => number;
}

/**
 * The usage ledger, whatever stores it (SQLite in the data dir, or a shared PostgreSQL). record()
 * never waits and never fails; reads include every record made before them, flushed first.
 */
export interface Ledger extends UsageLedger {
  /** Where rows live: `sqlite` (this instance's file) or `postgres` (shared by every instance). */
  readonly backend: "sqlite" | "postgres";
  /** Writes buffered records now (PostgreSQL: or to the spill file, when the database is down). */
  flush(): Promise<void>;
  /** Flushes and closes the store; later records are dropped with a warning. */
  close(): Promise<void>;
  /** Stored records in the window, oldest first (`key` narrows to one caller; `limit` caps the count). */
  query(window: UsageWindow & { key?: string; limit?: number }): Promise<StoredUsageRecord[]>;
  /** Totals and per-group rows for the window; see UsageSummary for what each field means. */
  summarize(options: SummarizeOptions): Promise<UsageSummary>;
  /** The newest `limit` records, newest first (the dashboard's recent requests); `key` narrows to one caller. */
  recent(limit: number, key?: string): Promise<StoredUsageRecord[]>;
  /** Σ cost_usd of requests started in the window, optionally for one key (budgets start from this). */
  spentUsd(window: UsageWindow & { key?: string }): Promise<number>;
  /**
   * spentUsd answered synchronously, where the store can (SQLite): budgets then check and hold in
   * one event-loop turn even for a period they have not seen yet. Absent on PostgreSQL.
   */
  spentUsdSync?(window: UsageWindow & { key?: string }): number;
}

/** Named parameters for a window query; `key` only when the SQL names it. */
function windowParameters(window: UsageWindow & { key?: string }): Record<string, string | number> {
  const parameters: Record<string, string | number> = { since: window.since, until: window.until };
  if (window.key !== undefined) parameters.key = window.key;
  return parameters;
}

/**
 * Where an index of at most `rows` rows can start: `since`, or later when more rows than that
 * were recorded since then (just after the newest row that does not fit, so all later ones do).
 */
function newestRowsStart(db: LedgerDatabase["db"], since: number, rows: number): number {
  const firstLeftOut = db
    .prepare("SELECT time FROM usage WHERE time >= ? ORDER BY time DESC LIMIT 1 OFFSET ?")
    .get(since, rows) as { time: number } | undefined;
  return firstLeftOut ? Math.max(since, firstLeftOut.time + 1) : since;
}

/**
 * The SQLite usage ledger (the embedded default): record() only buffers (no I/O on the request path); batches are written in
 * one transaction on a short timer or when a batch fills, and synchronously on close, exit and
 * SIGINT/SIGTERM/SIGHUP. SQLite in WAL with synchronous=NORMAL: durable across process crashes.
 */
export function createSqliteLedger(options: LedgerOptions): Ledger {
  const { logger } = options;
  const flushIntervalMs = options.flushIntervalMs ?? 100;
  const batchSize = options.batchSize ?? 500;
  const memoryMs = (options.memoryDays ?? 32) * DAY_MS;
  const memoryRows = options.memoryRows ?? MAX_INDEX_ROWS;
  const now = options.now ?? Date.now;
  // Beyond this many unwritable records (disk full, locked file) the oldest are dropped, loudly.
  const maxBuffered = 100_000;

  const path = options.dataDir === ":memory:" ? ":memory:" : join(options.dataDir, LEDGER_FILE);
  if (path !== ":memory:") mkdirSync(options.dataDir, { recursive: true });
  // Opened on first flush or read, so a server's start-up never waits for SQLite.
  let opened: LedgerDatabase | undefined;
  let checkpointer: WalCheckpointer | undefined;
  function database(): LedgerDatabase {
    if (opened) return opened;
    const db = openLedgerDatabase(path);
    opened = db;
    if (path !== ":memory:") {
      checkpointer = startWalCheckpointer({
        path,
        intervalMs: options.checkpointIntervalMs ?? 1_000,
        logger,
        setWriterAutoCheckpoint: (on) => {
          if (db.db.open) db.db.pragma(`wal_autocheckpoint = ${on ? 1000 : 0}`);
        },
      });
    }
    return db;
  }

  let buffer: UsageRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let index: UsageIndex | undefined;
  let closed = false;
  let warnedClosed = false;

  function flush(): void {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = undefined;
    immediate = undefined;
    if (closed || buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    try {
      database().insertBatch(batch);
    } catch (error) {
      // Keep the batch and retry later: a failing write must never lose the records or fail requests.
      buffer = batch.concat(buffer);
      if (buffer.length > maxBuffered) {
        const dropped = buffer.length - maxBuffered;
        buffer = buffer.slice(dropped);
        logger.error({ dropped }, "usage ledger: buffer full, dropped the oldest records");
      }
      logger.error({ err: error, buffered: buffer.length }, "usage ledger: write failed; will retry");
      timer = setTimeout(flush, Math.max(flushIntervalMs, 1_000)).unref();
    }
  }

  const unregister = flushOnExit(flush);

  function record(record: UsageRecord): void {
    if (closed) {
      if (!warnedClosed) logger.warn("usage ledger: record after close was dropped");
      warnedClosed = true;
      return;
    }
    buffer.push(withRequestId(record));
    index?.add(fieldsOf(record));
    if (buffer.length >= batchSize) {
      immediate ??= setImmediate(flush);
    } else if (!timer) {
      // unref: a pending flush never keeps the process alive; exit flushes instead.
      timer = setTimeout(flush, flushIntervalMs).unref();
    }
  }

  /** Loads the recent rows once; from then on record() keeps the index current. */
  function recentIndex(): UsageIndex {
    // Rebuilt once it holds two retention periods, so a long-running server's memory stays bounded.
    if (index && index.coverageStart >= now() - 2 * memoryMs) return index;
    flush();
    const db = database().db;
    const coverageStart = newestRowsStart(db, now() - memoryMs, rowsKeptAtCap(memoryRows));
    const built = createUsageIndex(coverageStart, memoryRows);
    forEachIndexedFields(db, { since: coverageStart }, built.add);
    index = built;
    return built;
  }

  function summarize(summary: SummarizeOptions): UsageSummary {
    const recentRows = recentIndex();
    if (summary.since >= recentRows.coverageStart) return recentRows.summarize(summary);
    flush();
    return summarizeDatabase(database().db, summary);
  }

  function query(window: UsageWindow & { key?: string; limit?: number }): StoredUsageRecord[] {
    flush();
    const keyClause = window.key === undefined ? "" : " AND key = @key";
    const rows = database()
      .db.prepare(
        `SELECT * FROM usage WHERE time >= @since AND time < @until${keyClause} ORDER BY time, id LIMIT @limit`,
      )
      .all({ ...windowParameters(window), limit: window.limit ?? -1 }) as StoredRow[];
    return rows.map(recordFromRow);
  }

  function recent(limit: number, key?: string): StoredUsageRecord[] {
    flush();
    const statement =
      key === undefined
        ? database().db.prepare("SELECT * FROM usage ORDER BY id DESC LIMIT ?").bind(limit)
        : database()
            .db.prepare("SELECT * FROM usage WHERE key = ? ORDER BY id DESC LIMIT ?")
            .bind(key, limit);
    return (statement.all() as StoredRow[]).map(recordFromRow);
  }

  function spentUsd(window: UsageWindow & { key?: string }): number {
    flush();
    const keyClause = window.key === undefined ? "" : " AND key = @key";
    const row = database()
      .db.prepare(
        `SELECT COALESCE(SUM(cost_usd), 0) AS spent FROM usage WHERE time >= @since AND time < @until${keyClause}`,
      )
      .get(windowParameters(window)) as { spent: number };
    return row.spent;
  }

  function close(): void {
    if (closed) return;
    flush();
    closed = true;
    unregister();
    checkpointer?.stop();
    opened?.db.close();
  }

  return {
    backend: "sqlite",
    record,
    flush: async () => flush(),
    close: async () => close(),
    query: async (window) => query(window),
    summarize: async (summary) => summarize(summary),
    recent: async (limit, key) => recent(limit, key),
    spentUsd: async (window) => spentUsd(window),
    spentUsdSync: spentUsd,
  };
}

export interface CreateLedgerOptions extends LedgerOptions {
  /** A PostgreSQL URL: the ledger every instance shares. Absent: SQLite in the data dir. */
  databaseUrl?: string;
}

/** The ledger for this configuration: PostgreSQL when a database URL is set, else SQLite. */
export function createLedger(options: CreateLedgerOptions): Ledger {
  if (options.databaseUrl) {
    return createPostgresLedger({
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      logger: options.logger,
      ...(options.flushIntervalMs !== undefined && { flushIntervalMs: options.flushIntervalMs }),
      ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
    });
  }
  return createSqliteLedger(options);
}
