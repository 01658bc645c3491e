import type { UsageRecord } from "../core/hooks.js";
import type { StoredUsageRecord } from "./usage-types.js";

/** The SQL types a ledger column takes in PostgreSQL; SQLite stores the same values. */
type PgType = "text" | "int8" | "int4" | "float8" | "jsonb";

/** One column of a ledger row: its name and its PostgreSQL type. */
interface RecordColumn {
  name: string;
  pgType: PgType;
}

/**
 * Every stored field of a usage record, in one order, for both ledgers (SQLite's `usage` table and
 * PostgreSQL's `modelmux_usage`): inserts name these columns and bind pushRecordValues' values in
 * this order. Token counts are whole numbers; the attempt log is stored as JSON text (jsonb on
 * PostgreSQL).
 */
export const RECORD_COLUMNS: readonly RecordColumn[] = [
  { name: "request_id", pgType: "text" },
  { name: "time", pgType: "int8" },
  { name: "key", pgType: "text" },
  { name: "tool", pgType: "text" },
  { name: "session_id", pgType: "text" },
  { name: "requested_model", pgType: "text" },
  { name: "model", pgType: "text" },
  { name: "provider", pgType: "text" },
  { name: "tokens_in", pgType: "int8" },
  { name: "tokens_out", pgType: "int8" },
  { name: "tokens_cached", pgType: "int8" },
  { name: "cost_usd", pgType: "float8" },
  { name: "baseline_cost_usd", pgType: "float8" },
  { name: "saved_by_cache_usd", pgType: "float8" },
  { name: "latency_ms", pgType: "float8" },
  { name: "attempts", pgType: "int4" },
  { name: "cache", pgType: "text" },
  { name: "guardrail_action", pgType: "text" },
  { name: "error_class", pgType: "text" },
  { name: "attempt_log", pgType: "jsonb" },
];

/** `request_id, time, key, …`: the column list of an INSERT. */
export const RECORD_COLUMN_NAMES = RECORD_COLUMNS.map((column) => column.name).join(", ");

/**
 * The one record → row mapping of both ledgers: appends a record's values, in RECORD_COLUMNS order,
 * to `values` (SQLite binds them a chunk of rows at a time, PostgreSQL as one array per column).
 * Written out rather than a closure per column: 20 calls per row were a measurable share of a
 * request. A test reads the values back by column name (recordFromRow) to hold the two orders equal.
 */
export function pushRecordValues(record: UsageRecord, values: unknown[]): void {
  values.push(
    record.requestId ?? null,
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
  );
}

/** A stored row as either database returns it (SQLite: attempt_log as text; PostgreSQL: parsed jsonb). */
export interface StoredRow {
  id: number;
  request_id: string | null;
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
  attempt_log: string | StoredUsageRecord["attemptLog"] | null;
}

/** The record a stored row holds (optional fields absent when the row has none). */
export function recordFromRow(row: StoredRow): StoredUsageRecord {
  const attemptLog =
    typeof row.attempt_log === "string"
      ? (JSON.parse(row.attempt_log) as StoredUsageRecord["attemptLog"])
      : row.attempt_log;
  return {
    id: row.id,
    ...(row.request_id !== null && { requestId: row.request_id }),
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
    ...(attemptLog !== null && attemptLog !== undefined && { attemptLog }),
  };
}
