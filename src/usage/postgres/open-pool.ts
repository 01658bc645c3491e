import { createRequire } from "node:module";
import type * as Pg from "pg";
import type { Logger } from "../../logger.js";

const INT8 = 20;

/**
 * A node-postgres pool for the ledger. BIGINT columns (times, ids, token sums) come back as numbers,
 * not strings: they stay far below 2^53. An idle connection that breaks (the database restarted)
 * is logged and replaced, never an uncaught error.
 */
export function openPool(databaseUrl: string, size: number, logger: Logger): Pg.Pool {
  // Loaded on first use, so an instance on SQLite never loads pg.
  const pg = createRequire(import.meta.url)("pg") as typeof Pg;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: size,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    // A hung database must not hold a batch forever: the write fails and the batch spills.
    query_timeout: 15_000,
    application_name: "modelmux",
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8
          ? Number
          : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
    },
  });
  pool.on("error", (error) => {
    logger.warn({ err: error.message }, "usage ledger: a database connection broke; the pool reconnects");
  });
  return pool;
}
