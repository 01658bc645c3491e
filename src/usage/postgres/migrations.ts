import type { Pool } from "pg";

/**
 * The PostgreSQL ledger's schema, one entry per version, applied in order at start. Never edit a
 * released entry: add the next one. Times are epoch ms (request start); money is USD.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "usage table",
    sql: `
CREATE TABLE modelmux_usage (
  id BIGSERIAL PRIMARY KEY,
  request_id TEXT NOT NULL,
  time BIGINT NOT NULL,
  key TEXT NOT NULL,
  tool TEXT NOT NULL,
  session_id TEXT,
  requested_model TEXT NOT NULL,
  model TEXT,
  provider TEXT,
  tokens_in BIGINT NOT NULL,
  tokens_out BIGINT NOT NULL,
  tokens_cached BIGINT NOT NULL,
  cost_usd DOUBLE PRECISION NOT NULL,
  baseline_cost_usd DOUBLE PRECISION,
  saved_by_cache_usd DOUBLE PRECISION NOT NULL,
  latency_ms DOUBLE PRECISION NOT NULL,
  attempts INTEGER NOT NULL,
  cache TEXT NOT NULL,
  guardrail_action TEXT NOT NULL,
  error_class TEXT,
  attempt_log JSONB,
  CONSTRAINT modelmux_usage_request_id UNIQUE (request_id)
);
-- Window scans (get_usage, the dashboard), per-key windows (budgets, a key's own usage), per-model ones.
CREATE INDEX modelmux_usage_time ON modelmux_usage (time);
CREATE INDEX modelmux_usage_key_time ON modelmux_usage (key, time);
CREATE INDEX modelmux_usage_model_time ON modelmux_usage ((COALESCE(model, requested_model)), time);`,
  },
];

/** Any fixed number: every modelmux instance takes the same lock, so only one migrates at a time. */
const MIGRATION_LOCK = 4_242_020;

/**
 * Applies the migrations this database lacks, each in its own transaction, under an advisory lock
 * so instances starting together do not race. Refuses a database migrated by a newer modelmux.
 * Returns the versions it applied.
 */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS modelmux_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const result = await client.query<{ version: number }>("SELECT version FROM modelmux_migrations");
    const done = new Set(result.rows.map((row) => Number(row.version)));
    const newest = Math.max(0, ...done);
    const known = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
    if (newest > known) {
      throw new Error(
        `ledger database schema version ${newest} is newer than this modelmux understands (${known})`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query("INSERT INTO modelmux_migrations (version, name) VALUES ($1, $2)", [
          migration.version,
          migration.name,
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      applied.push(migration.version);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  return applied;
}
