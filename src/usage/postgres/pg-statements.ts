import type { Pool } from "pg";
import type { UsageRecord } from "../../core/hooks.js";
import type { StoredUsageRecord } from "../usage-types.js";

const COLUMNS = `request_id, time, key, tool, session_id, requested_model, model, provider, tokens_in,
  tokens_out, tokens_cached, cost_usd, baseline_cost_usd, saved_by_cache_usd, latency_ms, attempts, cache,
  guardrail_action, error_class, attempt_log`;

/**
 * One statement for any batch size: the columns go as arrays and unnest() turns them into rows.
 * A request id already stored is skipped, so a retried or replayed batch lands once.
 */
const INSERT = `INSERT INTO modelmux_usage (${COLUMNS})
SELECT r, t, k, tl, s, rm, m, p, ti, tou, tc, c, b, sc, l, a, ca, g, e, al::jsonb
FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
  $9::int8[], $10::int8[], $11::int8[], $12::float8[], $13::float8[], $14::float8[], $15::float8[], $16::int4[],
  $17::text[], $18::text[], $19::text[], $20::text[])
  AS batch (r, t, k, tl, s, rm, m, p, ti, tou, tc, c, b, sc, l, a, ca, g, e, al)
ON CONFLICT (request_id) DO NOTHING`;

/** Inserts the records in one statement (one implicit transaction); returns how many were new. */
export async function insertRecords(pool: Pool, records: readonly UsageRecord[]): Promise<number> {
  const columns: unknown[][] = Array.from({ length: 20 }, () => new Array(records.length));
  records.forEach((record, row) => {
    const values = [
      record.requestId,
      record.time,
      record.key,
      record.tool,
      record.sessionId ?? null,
      record.requestedModel,
      record.model,
      record.provider,
      Math.round(record.tokensIn),
      Math.round(record.tokensOut),
      Math.round(record.tokensCached),
      record.costUsd,
      record.baselineCostUsd,
      record.savedByCacheUsd,
      record.latencyMs,
      record.attempts,
      record.cache,
      record.guardrailAction,
      record.errorClass,
      record.attemptLog ? JSON.stringify(record.attemptLog) : null,
    ];
    values.forEach((value, column) => {
      (columns[column] as unknown[])[row] = value;
    });
  });
  const result = await pool.query(INSERT, columns);
  return result.rowCount ?? 0;
}

interface PgUsageRow {
  id: number;
  request_id: string;
  time: number;
  key: string;
  tool: string;
  session_id: string | null;
  requested_model: string;
  model: string | null;
  provider: string | null;
  tokens_in: number;
  tokens_out: number;
  tokens_cached: number;
  cost_usd: number;
  baseline_cost_usd: number | null;
  saved_by_cache_usd: number;
  latency_ms: number;
  attempts: number;
  cache: string;
  guardrail_action: string;
  error_class: string | null;
  attempt_log: StoredUsageRecord["attemptLog"] | null;
}

function fromPgRow(row: PgUsageRow): StoredUsageRecord {
  return {
    id: row.id,
    requestId: row.request_id,
    time: row.time,
    key: row.key,
    tool: row.tool,
    ...(row.session_id !== null && { sessionId: row.session_id }),
    requestedModel: row.requested_model,
    model: row.model,
    provider: row.provider,
    tokensIn: row.tokens_in,
    tokensOut: row.tokens_out,
    tokensCached: row.tokens_cached,
    costUsd: row.cost_usd,
    baselineCostUsd: row.baseline_cost_usd,
    savedByCacheUsd: row.saved_by_cache_usd,
    latencyMs: row.latency_ms,
    attempts: row.attempts,
    cache: row.cache as StoredUsageRecord["cache"],
    guardrailAction: row.guardrail_action,
    errorClass: row.error_class,
    ...(row.attempt_log !== null && { attemptLog: row.attempt_log }),
  };
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
  const result = await pool.query<PgUsageRow>(
    `SELECT * FROM modelmux_usage ${where.sql} ORDER BY time, id${limit}`,
    where.parameters,
  );
  return result.rows.map(fromPgRow);
}

/** Newest first by request time: ids interleave across instances, times do not. */
export async function recentRecords(pool: Pool, limit: number, key?: string): Promise<StoredUsageRecord[]> {
  const count = Math.max(0, Math.floor(limit));
  // `key` narrows to one caller's rows (a tenant's dashboard).
  const result =
    key === undefined
      ? await pool.query<PgUsageRow>("SELECT * FROM modelmux_usage ORDER BY time DESC, id DESC LIMIT $1", [
          count,
        ])
      : await pool.query<PgUsageRow>(
          "SELECT * FROM modelmux_usage WHERE key = $2 ORDER BY time DESC, id DESC LIMIT $1",
          [count, key],
        );
  return result.rows.map(fromPgRow);
}

export async function spentUsd(pool: Pool, window: WindowFilter): Promise<number> {
  const where = windowWhere(window);
  const result = await pool.query<{ spent: number }>(
    `SELECT COALESCE(SUM(cost_usd), 0)::float8 AS spent FROM modelmux_usage ${where.sql}`,
    where.parameters,
  );
  return result.rows[0]?.spent ?? 0;
}
