import type { UsageRecord } from "../core/hooks.js";
import { type Bucket, buildSummary, DAY_MS, dayLabel, NONE } from "./usage-aggregate.js";
import type { GroupBy, SummarizeOptions, UsageSummary } from "./usage-types.js";

/** The fields of a record the index keeps, as read back from SQLite. */
export interface IndexedFields {
  time: number;
  key: string;
  tool: string;
  /** Served model, else the requested one. */
  model: string;
  provider: string;
  costUsd: number;
  baselineCostUsd: number | null;
  savedByCacheUsd: number;
  latencyMs: number;
  tokensIn: number;
  tokensOut: number;
  tokensCached: number;
  error: boolean;
  cache: string;
}

const FLAG_ERROR = 1;
const FLAG_HIT = 2;
const FLAG_LOOKUP = 4;
const NUMBER_COLUMNS = 8;
/** Sums kept per group: requests, errors, tokens in/out/cached, cost, hits, lookups, saved by cache, saved by routing. */
const METRICS = 10;

function toBucket(sums: Float64Array, base: number, latencies: Float64Array): Bucket {
  const at = (offset: number) => sums[base + offset] as number;
  return {
    requests: at(0),
    errors: at(1),
    tokensIn: at(2),
    tokensOut: at(3),
    tokensCached: at(4),
    costUsd: at(5),
    cacheHits: at(6),
    cacheLookups: at(7),
    savedByCacheUsd: at(8),
    savedByRoutingUsd: at(9),
    latencies,
  };
}
/** Which string column each grouping reads; -2 means the UTC day of `time`, -1 no grouping. */
const GROUP_COLUMN: Record<GroupBy, number> = { key: 0, tool: 1, model: 2, provider: 3, day: -2 };

/**
 * Rows an index holds at most (~85 bytes each, so ~42 MB). A busy gateway records tens of requests a
 * second: without a cap, a month of them would not fit in memory.
 */
export const MAX_INDEX_ROWS = 500_000;

/** Rows an index keeps when it reaches `maxRows` (the newer half); also what a fresh one loads. */
export function rowsKeptAtCap(maxRows: number): number {
  return Math.floor(maxRows / 2);
}

/**
 * Columnar, in-memory copy of recent ledger rows, so get_usage scans typed arrays instead of
 * SQLite (100,000 rows in a few ms). ~85 bytes a row; strings are dictionary-coded. At `maxRows`
 * it drops its older half, and what it covers starts later.
 */
export interface UsageIndex {
  /** Rows from this time on are all here. */
  readonly coverageStart: number;
  readonly size: number;
  add(fields: IndexedFields): void;
  summarize(options: SummarizeOptions): UsageSummary;
}

export function fieldsOf(record: UsageRecord): IndexedFields {
  return {
    time: record.time,
    key: record.key,
    tool: record.tool,
    model: record.model ?? record.requestedModel,
    provider: record.provider ?? NONE,
    costUsd: record.costUsd,
    baselineCostUsd: record.baselineCostUsd,
    savedByCacheUsd: record.savedByCacheUsd,
    latencyMs: record.latencyMs,
    tokensIn: record.tokensIn,
    tokensOut: record.tokensOut,
    tokensCached: record.tokensCached,
    error: record.errorClass !== null,
    cache: record.cache,
  };
}

export function createUsageIndex(start: number, maxRows = MAX_INDEX_ROWS): UsageIndex {
  let coverageStart = start;
  let capacity = 1024;
  let size = 0;
  // Per row: time, cost, baseline (NaN = unknown), saved by cache, latency, tokens in/out/cached.
  let numbers = new Float64Array(capacity * NUMBER_COLUMNS);
  let strings = new Uint32Array(capacity * 4); // key, tool, model, provider
  let flags = new Uint8Array(capacity);
  const codes = new Map<string, number>();
  const names: string[] = [];

  function code(name: string): number {
    let value = codes.get(name);
    if (value === undefined) {
      value = names.length;
      codes.set(name, value);
      names.push(name);
    }
    return value;
  }

  function grow(): void {
    capacity *= 2;
    const nextNumbers = new Float64Array(capacity * NUMBER_COLUMNS);
    nextNumbers.set(numbers);
    numbers = nextNumbers;
    const nextStrings = new Uint32Array(capacity * 4);
    nextStrings.set(strings);
    strings = nextStrings;
    const nextFlags = new Uint8Array(capacity);
    nextFlags.set(flags);
    flags = nextFlags;
  }

  /**
   * Keeps the newer half of the rows (in the order they came). Rows come roughly in time order, not
   * exactly (a long call is recorded after shorter ones that started later), so coverage moves to
   * just after the newest dropped row: every row after that is still here.
   */
  function dropOlderHalf(): void {
    const drop = size - rowsKeptAtCap(maxRows);
    let newestDropped = Number.NEGATIVE_INFINITY;
    for (let row = 0; row < drop; row++) {
      newestDropped = Math.max(newestDropped, numbers[row * NUMBER_COLUMNS] as number);
    }
    numbers.copyWithin(0, drop * NUMBER_COLUMNS, size * NUMBER_COLUMNS);
    strings.copyWithin(0, drop * 4, size * 4);
    flags.copyWithin(0, drop, size);
    size -= drop;
    coverageStart = Math.max(coverageStart, newestDropped + 1);
  }

  function add(fields: IndexedFields): void {
    if (size >= maxRows) dropOlderHalf();
    if (size === capacity) grow();
    const at = size * NUMBER_COLUMNS;
    numbers[at] = fields.time;
    numbers[at + 1] = fields.costUsd;
    numbers[at + 2] = fields.baselineCostUsd ?? Number.NaN;
    numbers[at + 3] = fields.savedByCacheUsd;
    numbers[at + 4] = fields.latencyMs;
    numbers[at + 5] = fields.tokensIn;
    numbers[at + 6] = fields.tokensOut;
    numbers[at + 7] = fields.tokensCached;
    const stringsAt = size * 4;
    strings[stringsAt] = code(fields.key);
    strings[stringsAt + 1] = code(fields.tool);
    strings[stringsAt + 2] = code(fields.model);
    strings[stringsAt + 3] = code(fields.provider);
    flags[size] =
      (fields.error ? FLAG_ERROR : 0) |
      (fields.cache === "hit" ? FLAG_HIT : 0) |
      (fields.cache === "hit" || fields.cache === "miss" ? FLAG_LOOKUP : 0);
    size += 1;
  }

  function summarize(options: SummarizeOptions): UsageSummary {
    const { since, until, groupBy } = options;
    const keyCode = options.key === undefined ? -1 : (codes.get(options.key) ?? -2);
    const column = groupBy === undefined ? -1 : GROUP_COLUMN[groupBy];
    // Pass 1: pick the rows, sum per group slot. Typed arrays and no per-row objects keep
    // 100,000 rows within a few milliseconds.
    const matched = new Int32Array(size);
    const slotOfRow = new Int32Array(size);
    const totalLatencies = new Float64Array(size);
    const slotOfCode = new Int32Array(names.length).fill(-1);
    const slotOfDay = new Map<number, number>();
    const labels: string[] = [];
    let sums = new Float64Array(16 * METRICS);
    const totals = new Float64Array(METRICS);
    let count = 0;
    let lastDay = Number.NaN;
    let lastDaySlot = -1;
    for (let row = 0; row < size && keyCode !== -2; row++) {
      const at = row * NUMBER_COLUMNS;
      const time = numbers[at] as number;
      if (time < since || time >= until) continue;
      if (keyCode >= 0 && strings[row * 4] !== keyCode) continue;
      let slot = 0;
      if (column >= 0) {
        const code = strings[row * 4 + column] as number;
        slot = slotOfCode[code] as number;
        if (slot < 0) {
          slot = labels.push(names[code] ?? NONE) - 1;
          slotOfCode[code] = slot;
        }
      } else if (column === -2) {
        const day = Math.floor(time / DAY_MS);
        if (day !== lastDay) {
          lastDay = day;
          lastDaySlot = slotOfDay.get(day) ?? -1;
          if (lastDaySlot < 0) {
            lastDaySlot = labels.push(dayLabel(day)) - 1;
            slotOfDay.set(day, lastDaySlot);
          }
        }
        slot = lastDaySlot;
      }
      if ((slot + 1) * METRICS > sums.length) {
        const grown = new Float64Array(sums.length * 2);
        grown.set(sums);
        sums = grown;
      }
      matched[count] = row;
      slotOfRow[count] = slot;
      totalLatencies[count] = numbers[at + 4] as number;
      count += 1;
      accumulate(totals, 0, row, at);
      if (column !== -1) accumulate(sums, slot * METRICS, row, at);
    }
    // Pass 2: lay latencies out group by group, so each group's percentiles sort one slice.
    const groupLatencies = new Float64Array(column === -1 ? 0 : count);
    const offsets = new Int32Array(labels.length + 1);
    for (let slot = 0; slot < labels.length; slot++) {
      offsets[slot + 1] = (offsets[slot] as number) + (sums[slot * METRICS] as number);
    }
    const fill = offsets.slice(0, labels.length);
    for (let index = 0; index < groupLatencies.length; index++) {
      const slot = slotOfRow[index] as number;
      const row = matched[index] as number;
      groupLatencies[(fill[slot] as number)++] = numbers[row * NUMBER_COLUMNS + 4] as number;
    }
    const groups = labels.map((label, slot): [string, Bucket] => [
      label,
      toBucket(sums, slot * METRICS, groupLatencies.subarray(offsets[slot], offsets[slot + 1])),
    ]);
    return buildSummary(options, groupBy, toBucket(totals, 0, totalLatencies.subarray(0, count)), groups);
  }

  /** Adds one row to the METRICS sums starting at `base`. */
  function accumulate(target: Float64Array, base: number, row: number, at: number): void {
    const flag = flags[row] as number;
    const cost = numbers[at + 1] as number;
    const baseline = numbers[at + 2] as number;
    target[base] = (target[base] as number) + 1;
    if (flag & FLAG_ERROR) target[base + 1] = (target[base + 1] as number) + 1;
    target[base + 2] = (target[base + 2] as number) + (numbers[at + 5] as number);
    target[base + 3] = (target[base + 3] as number) + (numbers[at + 6] as number);
    target[base + 4] = (target[base + 4] as number) + (numbers[at + 7] as number);
    target[base + 5] = (target[base + 5] as number) + cost;
    if (flag & FLAG_HIT) target[base + 6] = (target[base + 6] as number) + 1;
    if (flag & FLAG_LOOKUP) target[base + 7] = (target[base + 7] as number) + 1;
    target[base + 8] = (target[base + 8] as number) + (numbers[at + 3] as number);
    if (!Number.isNaN(baseline)) target[base + 9] = (target[base + 9] as number) + baseline - cost;
  }

  return {
    get coverageStart() {
      return coverageStart;
    },
    get size() {
      return size;
    },
    add,
    summarize,
  };
}
