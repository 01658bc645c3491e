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
  {
    version: 2,
    name: "daily rollup",
    // Per UTC day and (key, tool, model, provider): the sums get_usage reports and a latency
    // histogram, kept by a statement trigger from the rows each INSERT really added (a request id
    // already stored adds nothing), so long windows read a few thousand rows instead of millions.
    sql: `
LOCK TABLE modelmux_usage IN SHARE ROW EXCLUSIVE MODE;
CREATE TABLE modelmux_usage_daily (
  day BIGINT NOT NULL,
  key TEXT NOT NULL,
  tool TEXT NOT NULL,
  model TEXT NOT NULL,
  provider TEXT NOT NULL,
  requests BIGINT NOT NULL,
  errors BIGINT NOT NULL,
  tokens_in BIGINT NOT NULL,
  tokens_out BIGINT NOT NULL,
  tokens_cached BIGINT NOT NULL,
  cost_usd DOUBLE PRECISION NOT NULL,
  cache_hits BIGINT NOT NULL,
  cache_lookups BIGINT NOT NULL,
  saved_by_cache_usd DOUBLE PRECISION NOT NULL,
  saved_by_routing_usd DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (day, key, tool, model, provider)
);
CREATE TABLE modelmux_usage_daily_latency (
  day BIGINT NOT NULL,
  key TEXT NOT NULL,
  tool TEXT NOT NULL,
  model TEXT NOT NULL,
  provider TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  requests BIGINT NOT NULL,
  PRIMARY KEY (day, key, tool, model, provider, bucket)
);
-- Bucket 0: [0, 1) ms; bucket b >= 1: [1.05^(b-1), 1.05^b) ms (src/usage/latency-histogram.ts reads them).
CREATE FUNCTION modelmux_latency_bucket(ms DOUBLE PRECISION) RETURNS INTEGER
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT CASE WHEN ms < 1 THEN 0 ELSE 1 + floor(ln(ms) / ln(1.05))::integer END';
CREATE FUNCTION modelmux_usage_roll_up() RETURNS trigger LANGUAGE plpgsql AS $roll_up$
BEGIN
  -- In key order, so two instances' statements lock the same rows in the same order (no deadlock).
  INSERT INTO modelmux_usage_daily AS daily
  SELECT time / 86400000, key, tool, COALESCE(model, requested_model), COALESCE(provider, '(none)'),
    COUNT(*), COUNT(error_class), SUM(tokens_in), SUM(tokens_out), SUM(tokens_cached), SUM(cost_usd),
    COUNT(*) FILTER (WHERE cache = 'hit'), COUNT(*) FILTER (WHERE cache IN ('hit', 'miss')),
    SUM(saved_by_cache_usd), COALESCE(SUM(baseline_cost_usd - cost_usd), 0)
  FROM added GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, key, tool, model, provider) DO UPDATE SET
    requests = daily.requests + EXCLUDED.requests,
    errors = daily.errors + EXCLUDED.errors,
    tokens_in = daily.tokens_in + EXCLUDED.tokens_in,
    tokens_out = daily.tokens_out + EXCLUDED.tokens_out,
    tokens_cached = daily.tokens_cached + EXCLUDED.tokens_cached,
    cost_usd = daily.cost_usd + EXCLUDED.cost_usd,
    cache_hits = daily.cache_hits + EXCLUDED.cache_hits,
    cache_lookups = daily.cache_lookups + EXCLUDED.cache_lookups,
    saved_by_cache_usd = daily.saved_by_cache_usd + EXCLUDED.saved_by_cache_usd,
    saved_by_routing_usd = daily.saved_by_routing_usd + EXCLUDED.saved_by_routing_usd;
  INSERT INTO modelmux_usage_daily_latency AS latency
  SELECT time / 86400000, key, tool, COALESCE(model, requested_model), COALESCE(provider, '(none)'),
    modelmux_latency_bucket(latency_ms), COUNT(*)
  FROM added GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (day, key, tool, model, provider, bucket) DO UPDATE SET
    requests = latency.requests + EXCLUDED.requests;
  RETURN NULL;
END
$roll_up$;
CREATE TRIGGER modelmux_usage_roll_up AFTER INSERT ON modelmux_usage
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION modelmux_usage_roll_up();
-- Rows stored before this version.
INSERT INTO modelmux_usage_daily
SELECT time / 86400000, key, tool, COALESCE(model, requested_model), COALESCE(provider, '(none)'),
  COUNT(*), COUNT(error_class), SUM(tokens_in), SUM(tokens_out), SUM(tokens_cached), SUM(cost_usd),
  COUNT(*) FILTER (WHERE cache = 'hit'), COUNT(*) FILTER (WHERE cache IN ('hit', 'miss')),
  SUM(saved_by_cache_usd), COALESCE(SUM(baseline_cost_usd - cost_usd), 0)
FROM modelmux_usage GROUP BY 1, 2, 3, 4, 5;
INSERT INTO modelmux_usage_daily_latency
SELECT time / 86400000, key, tool, COALESCE(model, requested_model), COALESCE(provider, '(none)'),
  modelmux_latency_bucket(latency_ms), COUNT(*)
FROM modelmux_usage GROUP BY 1, 2, 3, 4, 5, 6;`,
  },
];

/** Any fixed number: every modelmux instance takes the same lock, so only one migrates at a time. */
export const MIGRATION_LOCK = 4_242_020;

/**
 * Applies the migrations this database lacks, each in its own transaction, under an advisory lock
 * so instances starting together do not race. Refuses a database migrated by a newer modelmux.
 * Returns the versions it applied.
 */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  // A checked-out client has no pool listener: if the database drops it between two queries, its
  // 'error' event would be uncaught and end the process. The next query fails and says why.
  const ignoreBreak = () => {};
  client.on("error", ignoreBreak);
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
    client.removeListener("error", ignoreBreak);
    client.release();
  }
  return applied;
}
