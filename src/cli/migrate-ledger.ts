import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ModelmuxError } from "../errors.js";
import type { Logger } from "../logger.js";
import { LEDGER_FILE } from "../usage/ledger.js";
import { openLedgerDatabase } from "../usage/ledger-schema.js";
import { migrate } from "../usage/postgres/migrations.js";
import { openPool } from "../usage/postgres/open-pool.js";
import { insertRecords } from "../usage/postgres/pg-statements.js";
import { recordFromRow, type StoredRow } from "../usage/usage-columns.js";

const BATCH = 5_000;

export interface MigrateLedgerArgs {
  /** PostgreSQL URL to copy into. */
  to: string;
  /** SQLite ledger to copy from; default: usage.sqlite in the data dir. */
  from?: string;
}

/**
 * A row's request id: its own, or, for rows written before ledgers kept one, a digest of the row
 * (its id included), so running the copy again finds the same ids and adds nothing twice.
 */
function requestIdOf(row: StoredRow): string {
  if (row.request_id) return row.request_id;
  return `sqlite-${createHash("sha256").update(JSON.stringify(row)).digest("hex").slice(0, 32)}`;
}

/**
 * `modelmux migrate-ledger --to postgres://…`: copies every row of the SQLite ledger into the
 * PostgreSQL ledger (schema created if needed) in batches, skipping rows already there, then
 * checks that every copied request id is in PostgreSQL and that the costs add up to the same.
 */
export async function runMigrateLedger(
  args: MigrateLedgerArgs,
  context: { dataDir: string; logger: Logger; write?: (text: string) => void },
): Promise<void> {
  const write = context.write ?? ((text: string) => process.stdout.write(text));
  if (!/^postgres(?:ql)?:\/\//.test(args.to)) {
    throw new ModelmuxError("INVALID_INPUT", "--to: expected a postgres:// or postgresql:// URL");
  }
  const source = args.from ?? join(context.dataDir, LEDGER_FILE);
  if (!existsSync(source)) throw new ModelmuxError("INVALID_INPUT", `--from: no SQLite ledger at ${source}`);
  const sqlite = openLedgerDatabase(source);
  const pool = openPool(args.to, 2, context.logger);
  try {
    await migrate(pool);
    const select = sqlite.db.prepare("SELECT * FROM usage WHERE id > ? ORDER BY id LIMIT ?");
    let lastId = 0;
    let copied = 0;
    let added = 0;
    let present = 0;
    let sourceCost = 0;
    let targetCost = 0;
    for (;;) {
      const rows = select.all(lastId, BATCH) as StoredRow[];
      if (rows.length === 0) break;
      lastId = rows[rows.length - 1]?.id ?? lastId;
      const records = rows.map((row) => ({ ...recordFromRow(row), requestId: requestIdOf(row) }));
      added += await insertRecords(
        pool,
        records.map(({ id: _, ...record }) => record),
      );
      const ids = records.map((record) => record.requestId);
      const check = await pool.query<{ count: number; cost: number }>(
        "SELECT count(*)::int8 AS count, COALESCE(SUM(cost_usd), 0)::float8 AS cost FROM modelmux_usage WHERE request_id = ANY($1)",
        [ids],
      );
      present += check.rows[0]?.count ?? 0;
      targetCost += check.rows[0]?.cost ?? 0;
      for (const record of records) sourceCost += record.costUsd;
      copied += rows.length;
      write(`\rcopied ${copied.toLocaleString("en")} rows`);
    }
    write(
      `\rcopied ${copied.toLocaleString("en")} rows from ${source}: ${added.toLocaleString("en")} new, ` +
        `${(copied - added).toLocaleString("en")} already in PostgreSQL\n`,
    );
    const costMatches = Math.abs(sourceCost - targetCost) <= 1e-6 * Math.max(1, Math.abs(sourceCost));
    if (present !== copied || !costMatches) {
      throw new Error(
        `verification failed: ${present} of ${copied} rows found in PostgreSQL, cost $${targetCost} against $${sourceCost}`,
      );
    }
    write(
      `verified: all ${copied.toLocaleString("en")} rows are in PostgreSQL, total cost $${sourceCost.toFixed(6)} on both sides\n`,
    );
  } finally {
    sqlite.db.close();
    await pool.end();
  }
}
