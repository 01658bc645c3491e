import type { Pool } from "pg";
import type { UsageRecord } from "../../core/hooks.js";
import { ModelmuxError } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { appendDeadLetters, DEAD_LETTER_FILE } from "../dead-letter-file.js";
import { flushOnExit } from "../exit-flush.js";
import type { Ledger } from "../ledger.js";
import { withRequestId } from "../request-id.js";
import { claimSpills, removeSpill, spillRecords } from "../spill-file.js";
import { isUnreachable } from "./classify-pg-error.js";
import { insertIsolating } from "./insert-isolating.js";
import { migrate } from "./migrations.js";
import { openPool } from "./open-pool.js";
import { queryRecords, recentRecords, spentUsd } from "./pg-statements.js";
import { summarizePostgres } from "./pg-summarize.js";

export interface PostgresLedgerOptions {
  /** `postgres://user:password@host:port/database`. Never logged. */
  databaseUrl: string;
  /** Where the spill file lives while the database is down. */
  dataDir: string;
  logger: Logger;
  /** Longest a record waits in memory before its batch is written. Default 100 ms. */
  flushIntervalMs?: number;
  /** A batch this big is written at once. Default 500. */
  batchSize?: number;
  /** Records held in memory while a write is slow; beyond this they go to the spill file. Default 5,000. */
  maxQueued?: number;
  /** How often a down database is tried again (and the spill file replayed). Default 1,000 ms. */
  retryMs?: number;
  /** Connections in the pool. Default 5. */
  poolSize?: number;
}

/** Error text for logs and read errors: never the URL (it may hold a password). */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The usage ledger on a shared PostgreSQL. record() only buffers; batches are written behind the
 * answer with one idempotent INSERT (a request id lands once). While the database is down, batches
 * go to a spill file in the data dir instead and are replayed, in the background, once it is back
 * (and at the next start). Requests never wait for the database and never fail because of it.
 *
 * A record the database refuses for its data (a NUL byte in a text column, say) never blocks the
 * others: the batch is split until it stands alone, and it goes to the dead-letter file in the data
 * dir. Reads fail at once, with LEDGER_UNAVAILABLE, while the database is known to be down.
 *
 * What a `kill -9` can lose: the records buffered since the last write started, that is those
 * answered in the last flush interval (100 ms by default), plus one batch whose INSERT had not
 * committed. Everything written or spilled before is kept.
 */
export function createPostgresLedger(options: PostgresLedgerOptions): Ledger {
  const { logger, dataDir } = options;
  const flushIntervalMs = options.flushIntervalMs ?? 100;
  const batchSize = options.batchSize ?? 500;
  const maxQueued = options.maxQueued ?? 5_000;
  const retryMs = options.retryMs ?? 1_000;

  let pool: Pool | undefined;
  let buffer: UsageRecord[] = [];
  /** The batch an INSERT is writing now: spilled too if the process exits meanwhile. */
  let inFlight: UsageRecord[] = [];
  let writing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let down = false;
  /** Why and since when the database is down, for read errors. */
  let downReason = "";
  let downSince = 0;
  let closed = false;
  let warnedClosed = false;
  /** Records went to the spill file because traffic outran the database (not an outage). */
  let overflowed = false;

  // Connect and migrate now, in the background: a server's start never waits for the database.
  let ready: Promise<Pool> = start();
  ready.catch(() => {});

  async function start(): Promise<Pool> {
    pool ??= openPool(options.databaseUrl, options.poolSize ?? 5, logger);
    await migrate(pool);
    return pool;
  }

  /** Resolves with a migrated pool, or rejects while the database cannot be reached. */
  function database(): Promise<Pool> {
    return ready.catch(() => {
      ready = start();
      return ready;
    });
  }

  function markDown(error: unknown): void {
    if (!down) {
      logger.error({ err: describe(error) }, "usage ledger: database unavailable; spilling records to disk");
      downSince = Date.now();
    }
    downReason = describe(error);
    down = true;
    scheduleRetry();
  }

  /**
   * Stores the records; what the database refuses for its data goes to the dead-letter file, logged
   * by request id and SQLSTATE only (the refused values stay out of logs). Throws when the database
   * cannot take records at all.
   */
  async function store(db: Pool, records: readonly UsageRecord[]): Promise<number> {
    const { added, rejected } = await insertIsolating(db, records);
    if (rejected.length > 0) {
      appendDeadLetters(dataDir, rejected);
      for (const { record, code, column, constraint } of rejected)
        logger.error(
          { requestId: record.requestId, code, column, constraint, file: DEAD_LETTER_FILE },
          "usage ledger: the database refused a record; moved it to the dead-letter file",
        );
    }
    return added;
  }

  function scheduleRetry(): void {
    if (retryTimer || closed) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void enqueue(replaySpills);
    }, retryMs).unref();
  }

  /** Writes every spill file in the data dir to the database; stays down (and retries) on failure. */
  async function replaySpills(): Promise<void> {
    let db: Pool;
    try {
      db = await database();
      // A pool that worked before the outage is at hand at once: ask the server before calling it back.
      if (down) await db.query("SELECT 1");
    } catch (error) {
      markDown(error);
      return;
    }
    for (const spill of claimSpills(dataDir)) {
      try {
        let added = 0;
        for (let at = 0; at < spill.records.length; at += 1_000) {
          added += await store(db, spill.records.slice(at, at + 1_000));
        }
        removeSpill(spill);
        logger.info(
          { records: spill.records.length, added, unreadable: spill.unreadable },
          "usage ledger: replayed spilled records",
        );
      } catch (error) {
        // The claimed file keeps a spill name: the next try takes it again.
        markDown(error);
        return;
      }
    }
    if (down) logger.info("usage ledger: database is back");
    down = false;
  }

  async function writeBuffered(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.splice(0, batchSize);
      if (down) {
        spillRecords(dataDir, batch);
        continue;
      }
      inFlight = batch;
      try {
        await store(await database(), batch);
      } catch (error) {
        spillRecords(dataDir, batch);
        markDown(error);
      } finally {
        inFlight = [];
      }
    }
  }

  /** Database work runs one piece at a time, in order: writes, replays, the final flush. */
  function enqueue(work: () => Promise<void>): Promise<void> {
    // A failure here (the spill file cannot be written either) is logged; the queue keeps going.
    writing = writing.then(work).catch((error: unknown) => {
      logger.error({ err: describe(error) }, "usage ledger: write failed");
    });
    return writing;
  }

  /** Writes the buffer, then what traffic spilled past maxQueued, so a read after it sees both. */
  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const written = enqueue(writeBuffered);
    if (!overflowed) return written;
    overflowed = false;
    return enqueue(replaySpills);
  }

  /** At exit only synchronous work runs: whatever is not in the database goes to the spill file. */
  function spillAtExit(): void {
    const pending = inFlight.concat(buffer);
    buffer = [];
    inFlight = [];
    try {
      spillRecords(dataDir, pending);
    } catch (error) {
      logger.error({ err: describe(error), records: pending.length }, "usage ledger: cannot spill at exit");
    }
  }
  // A graceful stop (SIGTERM with the HTTP server's handler) flushes to the database through close();
  // the exit hook only catches what is left.
  const unregister = flushOnExit(spillAtExit, { whenSignalHandled: false });
  // Spills left by an earlier run (or another instance on this data dir) go in as soon as possible.
  void enqueue(replaySpills);

  function record(entry: UsageRecord): void {
    if (closed) {
      if (!warnedClosed) logger.warn("usage ledger: record after close was dropped");
      warnedClosed = true;
      return;
    }
    buffer.push(withRequestId(entry));
    if (buffer.length >= maxQueued) {
      // The database is slower than the traffic: keep memory bounded, lose nothing.
      spillRecords(dataDir, buffer.splice(0));
      overflowed = true;
      scheduleRetry();
    } else if (buffer.length >= batchSize) {
      void flush();
    } else {
      // unref: a pending flush never keeps the process alive; exit spills instead.
      timer ??= setTimeout(() => void flush(), flushIntervalMs).unref();
    }
  }

  function unavailable(): ModelmuxError {
    return new ModelmuxError(
      "LEDGER_UNAVAILABLE",
      `usage ledger: cannot read from PostgreSQL: it has been unavailable since ${new Date(downSince).toISOString()} (${downReason}); requests are still served and their records kept, and usage can be read again once it is back (tried every ${retryMs} ms)`,
    );
  }

  /**
   * Reads see every record made before them: flush first, then ask the database. While it is known
   * to be down a read fails at once, without waiting for a connection (budgets then seed from zero,
   * get_usage and the dashboard say why).
   */
  async function read<T>(work: (db: Pool) => Promise<T>): Promise<T> {
    if (down) throw unavailable();
    await flush();
    if (down) throw unavailable();
    try {
      return await work(await database());
    } catch (error) {
      if (!isUnreachable(error))
        throw new ModelmuxError(
          "LEDGER_UNAVAILABLE",
          `usage ledger: cannot read from PostgreSQL: ${describe(error)}`,
        );
      markDown(error);
      throw unavailable();
    }
  }

  return {
    backend: "postgres",
    record,
    flush,
    async close() {
      if (closed) return;
      await flush();
      if (!down) await enqueue(replaySpills);
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      unregister();
      // Anything a failed write left in memory is on disk for the next start.
      spillAtExit();
      await pool?.end().catch(() => {});
    },
    query: (window) => read((db) => queryRecords(db, window)),
    summarize: (summary) => read((db) => summarizePostgres(db, summary)),
    recent: (limit, key) => read((db) => recentRecords(db, limit, key)),
    spentUsd: (window) => read((db) => spentUsd(db, window)),
  };
}
