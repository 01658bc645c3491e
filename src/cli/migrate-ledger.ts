import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ModelmuxError } from "../errors.js";
import type { Logger } from "../logger.js";
import { appendDeadLetters, DEAD_LETTER_FILE } from "../usage/dead-letter-file.js";
import { LEDGER_FILE } from "../usage/ledger.js";
import { openLedgerDatabase } from "../usage/ledger-schema.js";
import { insertIsolating } from "../usage/postgres/insert-isolating.js";
import { migrate } from "../usage/postgres/migrations.js";
import { openPool } from "../usage/postgres/open-pool.js";
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
 * A row PostgreSQL refuses for its data (SQLite keeps a NUL byte in text, PostgreSQL does not)
 * does not stop the copy: it goes to the dead-letter file in the data dir, and the command fails
 * at the end naming how many, after copying and verifying everything else.
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
    const refusedCodes = new Set<string>();
    let refused = 0;
    for (;;) {
      const rows = select.all(lastId, BATCH) as StoredRow[];
      if (rows.length === 0) break;
      lastId = rows[rows.length - 1]?.id ?? lastId;
      const records = rows.map((row) => ({ ...recordFromRow(row), requestId: requestIdOf(row) }));
      const outcome = await insertIsolating(
        pool,
        records.map(({ id: _, ...record }) => record),
      );
      added += outcome.added;
      appendDeadLetters(context.dataDir, outcome.rejected);
      const refusedIds = new Set(outcome.rejected.map((letter) => letter.record.requestId));
      for (const letter of outcome.rejected) refusedCodes.add(letter.code ?? "unknown");
      refused += refusedIds.size;
      const kept = records.filter((record) => !refusedIds.has(record.requestId));
      const ids = kept.map((record) => record.requestId);
      const check = await pool.query<{ count: number; cost: number }>(
        "SELECT count(*)::int8 AS count, COALESCE(SUM(cost_usd), 0)::float8 AS cost FROM modelmux_usage WHERE request_id = ANY($1)",
        [ids],
      );
      present += check.rows[0]?.count ?? 0;
      targetCost += check.rows[0]?.cost ?? 0;
      for (const record of kept) sourceCost += record.costUsd;
      copied += kept.length;
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
    if (refused > 0) {
      throw new Error(
        `${refused.toLocaleString("en")} rows were refused by PostgreSQL (SQLSTATE ${[...refusedCodes].join(", ")}) and written to ${join(context.dataDir, DEAD_LETTER_FILE)}; every other row is copied and verified`,
      );
    }
  } finally {
    sqlite.db.close();
    await pool.end();
  }
}
