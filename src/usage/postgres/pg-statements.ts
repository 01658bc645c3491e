import type { Pool } from "pg";
import type { UsageRecord } from "../../core/hooks.js";
import {
  pushRecordValues,
  RECORD_COLUMN_NAMES,
  RECORD_COLUMNS,
  recordFromRow,
  type StoredRow,
} from "../usage-columns.js";
import type { StoredUsageRecord } from "../usage-types.js";

/** PostgreSQL takes a jsonb array parameter as text[]; the SELECT casts each value. */
const arrayType = (pgType: string) => (pgType === "jsonb" ? "text" : pgType);

/**
 * One statement for any batch size: the columns go as arrays and unnest() turns them into rows.
 * A request id already stored is skipped, so a retried or replayed batch lands once.
 */
const INSERT = `INSERT INTO modelmux_usage (${RECORD_COLUMN_NAMES})
SELECT ${RECORD_COLUMNS.map((column, index) => (column.pgType === "jsonb" ? `c${index}::jsonb` : `c${index}`)).join(", ")}
FROM unnest(${RECORD_COLUMNS.map((column, index) => `$${index + 1}::${arrayType(column.pgType)}[]`).join(", ")})
  AS batch (${RECORD_COLUMNS.map((_, index) => `c${index}`).join(", ")})
ON CONFLICT (request_id) DO NOTHING`;

/** Inserts the records in one statement (one implicit transaction); returns how many were new. */
export async function insertRecords(pool: Pool, records: readonly UsageRecord[]): Promise<number> {
  const values: unknown[] = [];
  for (const record of records) pushRecordValues(record, values);
  // The rows' values, row after row, as one array per column (what unnest takes).
  const width = RECORD_COLUMNS.length;
  const columns = RECORD_COLUMNS.map((_, column) => records.map((_, row) => values[row * width + column]));
  const result = await pool.query(INSERT, columns);
  return result.rowCount ?? 0;
}

export interface WindowFilter {
  since: number;
  until: number;
  key?: string;
}

/** `WHERE …` for a window (and key), with its parameters from $1. */
export function windowWhere(window: WindowFilter): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [window.since, window.until];
  let sql = "WHERE time >= $1 AND time < $2";
  if (window.key !== undefined) {
    parameters.push(window.key);
    sql += " AND key = $3";
  }
  return { sql, parameters };
}

export async function queryRecords(
  pool: Pool,
  window: WindowFilter & { limit?: number },
): Promise<StoredUsageRecord[]> {
  const where = windowWhere(window);
  const limit = window.limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(window.limit))}`;
  const result = await pool.query<StoredRow>(
    `SELECT * FROM modelmux_usage ${where.sql} ORDER BY time, id${limit}`,
    where.parameters,
  );
  return result.rows.map(recordFromRow);
}

/** Newest first by request time: ids interleave across instances, times do not. */
export async function recentRecords(pool: Pool, limit: number, key?: string): Promise<StoredUsageRecord[]> {
  const count = Math.max(0, Math.floor(limit));
  // `key` narrows to one caller's rows (a tenant's dashboard).
  const result =
    key === undefined
      ? await pool.query<StoredRow>("SELECT * FROM modelmux_usage ORDER BY time DESC, id DESC LIMIT $1", [
          count,
        ])
      : await pool.query<StoredRow>(
          "SELECT * FROM modelmux_usage WHERE key = $2 ORDER BY time DESC, id DESC LIMIT $1",
          [count, key],
        );
  return result.rows.map(recordFromRow);
}

export async function spentUsd(pool: Pool, window: WindowFilter): Promise<number> {
  const where = windowWhere(window);
  const result = await pool.query<{ spent: number }>(
    `SELECT COALESCE(SUM(cost_usd), 0)::float8 AS spent FROM modelmux_usage ${where.sql}`,
    where.parameters,
  );
  return result.rows[0]?.spent ?? 0;
}
