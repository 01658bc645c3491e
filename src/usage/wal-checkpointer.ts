import { createRequire } from "node:module";
import type { Logger } from "../logger.js";

export interface WalCheckpointer {
  stop(): void;
}

/**
 * CommonJS for a worker thread (eval, so it runs the same from src/, dist/ or a bundle): its own
 * connection copies the WAL back into the database file on a timer.
 */
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");
setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.intervalMs);
`;

/**
 * Checkpoints the ledger's WAL from a worker thread. A checkpoint fsyncs the database file:
 * 14-24 ms measured here, which SQLite's automatic checkpoint would spend inside a batch write on
 * the request thread. The writer turns its automatic checkpoint off only while this runs; if the
 * worker fails, it is turned back on so the WAL never grows without bound.
 */
export function startWalCheckpointer(options: {
  path: string;
  intervalMs: number;
  logger: Logger;
  /** Turns the writer's own automatic checkpoint off (true) or back on (false). */
  setWriterAutoCheckpoint: (on: boolean) => void;
}): WalCheckpointer {
  const require = createRequire(import.meta.url);
  const driver = require.resolve("better-sqlite3");
  // Required here, not imported: node:worker_threads is not needed before the ledger opens.
  const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, path: options.path, intervalMs: options.intervalMs },
  });
  worker.unref(); // never keeps the process alive; SQLite checkpoints on the writer's close anyway
  options.setWriterAutoCheckpoint(false);
  let stopped = false;
  worker.once("error", (error) => {
    options.logger.warn({ err: error }, "usage ledger: WAL checkpoint worker failed; checkpointing inline");
    if (!stopped) options.setWriterAutoCheckpoint(true);
  });
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      void worker.terminate();
    },
  };
}
