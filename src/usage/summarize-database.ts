import type { Database } from "better-sqlite3";
import {
  addSample,
  type Bucket,
  buildSummary,
  createBucket,
  createSample,
  DAY_MS,
  dayLabel,
  NONE,
} from "./usage-aggregate.js";
import type { IndexedFields } from "./usage-index.js";
import type { GroupBy, SummarizeOptions, UsageSummary } from "./usage-types.js";

/** The columns the index keeps, in IndexedFields order. */
export const INDEXED_COLUMNS = `time, key, tool, COALESCE(model, requested_model), COALESCE(provider, '${NONE}'),
  cost_usd, baseline_cost_usd, saved_by_cache_usd, latency_ms, tokens_in, tokens_out, tokens_cached,
  error_class IS NOT NULL, cache`;

type RawRow = [
  number,
  string,
  string,
  string,
  string,
  number,
  number | null,
  number,
  number,
  number,
  number,
  number,
  number,
  string,
];

/**
 * Calls `visit` for each row with `since <= time < until` (and `key`, when given), in no set order.
 * One object is reused for every row: copy what you keep.
 */
export function forEachIndexedFields(
  db: Database,
  window: { since: number; until?: number; key?: string },
  visit: (fields: IndexedFields) => void,
): void {
  const keyClause = window.key === undefined ? "" : " AND key = ?";
  const statement = db
    .prepare(`SELECT ${INDEXED_COLUMNS} FROM usage WHERE time >= ? AND time < ?${keyClause}`)
    .raw();
  const parameters: (string | number)[] = [window.since, window.until ?? Number.MAX_SAFE_INTEGER];
  if (window.key !== undefined) parameters.push(window.key);
  const fields: IndexedFields = {
    time: 0,
    key: "",
    tool: "",
    model: "",
    provider: "",
    costUsd: 0,
    baselineCostUsd: null,
    savedByCacheUsd: 0,
    latencyMs: 0,
    tokensIn: 0,
    tokensOut: 0,
    tokensCached: 0,
    error: false,
    cache: "",
  };
  for (const row of statement.iterate(...parameters) as IterableIterator<RawRow>) {
    fields.time = row[0];
    fields.key = row[1];
    fields.tool = row[2];
    fields.model = row[3];
    fields.provider = row[4];
    fields.costUsd = row[5];
    fields.baselineCostUsd = row[6];
    fields.savedByCacheUsd = row[7];
    fields.latencyMs = row[8];
    fields.tokensIn = row[9];
    fields.tokensOut = row[10];
    fields.tokensCached = row[11];
    fields.error = row[12] === 1;
    fields.cache = row[13];
    visit(fields);
  }
}

function groupOf(fields: IndexedFields, groupBy: GroupBy): string {
  switch (groupBy) {
    case "day":
      return dayLabel(Math.floor(fields.time / DAY_MS));
    case "model":
      return fields.model;
    case "provider":
      return fields.provider;
    case "key":
      return fields.key;
    case "tool":
      return fields.tool;
  }
}

/** The slow path for windows older than the in-memory index: same numbers, straight from SQLite. */
export function summarizeDatabase(db: Database, options: SummarizeOptions): UsageSummary {
  const totals = createBucket();
  const groups = new Map<string, Bucket>();
  const sample = createSample();
  forEachIndexedFields(db, options, (fields) => {
    sample.costUsd = fields.costUsd;
    sample.baselineCostUsd = fields.baselineCostUsd ?? Number.NaN;
    sample.savedByCacheUsd = fields.savedByCacheUsd;
    sample.latencyMs = fields.latencyMs;
    sample.tokensIn = fields.tokensIn;
    sample.tokensOut = fields.tokensOut;
    sample.tokensCached = fields.tokensCached;
    sample.error = fields.error;
    sample.cacheHit = fields.cache === "hit";
    sample.cacheLookup = fields.cache === "hit" || fields.cache === "miss";
    addSample(totals, sample);
    if (!options.groupBy) return;
    const group = groupOf(fields, options.groupBy);
    let bucket = groups.get(group);
    if (!bucket) {
      bucket = createBucket();
      groups.set(group, bucket);
    }
    addSample(bucket, sample);
  });
  return buildSummary(options, options.groupBy, totals, groups);
}
