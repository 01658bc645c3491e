import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { UsageRecord } from "../../src/core/hooks.js";
import { INSERT_CHUNK_ROWS, openLedgerDatabase, prepareSchema } from "../../src/usage/ledger-schema.js";
import {
  pushRecordValues,
  RECORD_COLUMN_NAMES,
  RECORD_COLUMNS,
  recordFromRow,
  type StoredRow,
} from "../../src/usage/usage-columns.js";
import { usageRecord } from "./usage-record.js";

const Sqlite = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;

/** Varied records: NULLs and absent optionals, fractional token counts, odd floats, a duplicate id. */
function records(count: number, seed: number): UsageRecord[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + seed;
    return usageRecord({
      requestId: n % 17 === 5 ? `dup-${seed}` : `req-${seed}-${index}`,
      time: 1_750_000_000_000 + n * 37,
      key: n % 3 === 0 ? "local" : `key-${n % 5}`,
      tool: n % 2 === 0 ? "route_completion" : "chat_completions",
      ...(n % 4 === 1 && { sessionId: `s-${n}` }),
      requestedModel: n % 6 === 0 ? "auto" : "gpt-4o-mini",
      model: n % 11 === 3 ? null : "gpt-4o-mini",
      provider: n % 11 === 3 ? null : "openai",
      tokensIn: n * 13 + (n % 3 === 0 ? 0.5 : 0.25),
      tokensOut: n % 7,
      tokensCached: n % 5 === 0 ? 1e9 + 0.4 : 0,
      costUsd: n % 9 === 0 ? 0 : (n * 0.1 + 0.2) / 3,
      baselineCostUsd: n % 2 === 0 ? null : 1 / (n + 3),
      savedByCacheUsd: n % 8 === 0 ? 0.000_001_23 : 0,
      latencyMs: n % 2 === 0 ? 200 : 12.345_678_9 * n,
      attempts: 1 + (n % 3),
      cache: n % 5 === 0 ? "hit" : "miss",
      guardrailAction: n % 10 === 0 ? "redact" : "none",
      errorClass: n % 12 === 0 ? "PROVIDER_CALL_FAILED" : null,
      ...(n % 3 === 1 && {
        attemptLog: [
          { deployment: "openai/gpt-4o-mini", ok: n % 2 === 0, latencyMs: n / 7, note: "ünïcode ✓" },
        ],
      }),
    } as Partial<UsageRecord>);
  });
}

/** One record's values, bound to a one-row INSERT: the reference for the chunked one. */
function valuesOf(record: UsageRecord): unknown[] {
  const values: unknown[] = [];
  pushRecordValues(record, values);
  return values;
}

/** Every column of every row with its SQLite storage class, in row-id order. */
function dump(db: BetterSqlite3.Database): unknown[] {
  const columns = ["id", ...RECORD_COLUMN_NAMES.split(", ")];
  const select = columns.map((name) => `${name}, typeof(${name}) AS ${name}_type`).join(", ");
  return db.prepare(`SELECT ${select} FROM usage ORDER BY id`).all();
}

describe("SQLite ledger batch insert", () => {
  it("writes each field under its column's name: read back by name, the values are the record", () => {
    // Every field distinct from every other, so two columns swapped would show; then the varied ones.
    const distinct = usageRecord({
      requestId: "r-1",
      time: 11,
      key: "k",
      tool: "t",
      sessionId: "s",
      requestedModel: "asked",
      model: "served",
      provider: "p",
      tokensIn: 12,
      tokensOut: 13,
      tokensCached: 14,
      costUsd: 0.15,
      baselineCostUsd: 0.16,
      savedByCacheUsd: 0.17,
      latencyMs: 18.5,
      attempts: 19,
      cache: "hit",
      guardrailAction: "redact",
      errorClass: "E",
      attemptLog: [{ deployment: "d" }] as unknown as UsageRecord["attemptLog"],
    });
    for (const record of [distinct, ...records(60, 1)]) {
      const values: unknown[] = [];
      pushRecordValues(record, values);
      expect(values).toHaveLength(RECORD_COLUMNS.length);
      const row = Object.fromEntries(RECORD_COLUMNS.map((column, index) => [column.name, values[index]]));
      const rounded = {
        ...record,
        tokensIn: Math.round(record.tokensIn),
        tokensOut: Math.round(record.tokensOut),
        tokensCached: Math.round(record.tokensCached),
      };
      expect(recordFromRow({ id: 7, ...row } as unknown as StoredRow)).toStrictEqual({ id: 7, ...rounded });
    }
  });

  it("stores the same rows, values and types as one INSERT per record, at every chunk boundary", () => {
    const single = `INSERT OR IGNORE INTO usage (${RECORD_COLUMN_NAMES}) VALUES (${RECORD_COLUMNS.map(() => "?").join(", ")})`;
    const sizes = [
      1,
      2,
      INSERT_CHUNK_ROWS - 1,
      INSERT_CHUNK_ROWS,
      INSERT_CHUNK_ROWS + 1,
      3 * INSERT_CHUNK_ROWS + 7,
      500,
    ];
    const reference = new Sqlite(":memory:");
    prepareSchema(reference);
    const insertOne = reference.prepare(single);
    const batched = openLedgerDatabase(":memory:");
    sizes.forEach((size, seed) => {
      const batch = records(size, seed * 1000);
      reference.transaction(() => {
        for (const record of batch) insertOne.run(...valuesOf(record));
      })();
      batched.insertBatch(batch);
    });
    // A batch written twice (a retry) lands once, as before.
    batched.insertBatch(records(40, 0));
    reference.transaction(() => {
      for (const record of records(40, 0)) insertOne.run(...valuesOf(record));
    })();
    const expected = dump(reference);
    expect(expected.length).toBeGreaterThan(600);
    expect(dump(batched.db)).toStrictEqual(expected);
    const types = batched.db
      .prepare(
        "SELECT DISTINCT typeof(tokens_in) AS t, typeof(latency_ms) AS l, typeof(baseline_cost_usd) AS b FROM usage",
      )
      .all();
    expect(types).toContainEqual({ t: "integer", l: "real", b: "null" });
    reference.close();
    batched.db.close();
  });

  it("rolls the whole batch back when one record cannot be written", () => {
    const batched = openLedgerDatabase(":memory:");
    const batch = records(INSERT_CHUNK_ROWS + 5, 7);
    batch.splice(INSERT_CHUNK_ROWS + 2, 0, usageRecord({ key: { not: "bindable" } as unknown as string }));
    expect(() => batched.insertBatch(batch)).toThrow();
    expect(dump(batched.db)).toStrictEqual([]);
    batched.db.close();
  });
});
