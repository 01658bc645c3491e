import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { UsageRecord } from "../src/core/hooks.js";
import { createLogger } from "../src/logger.js";
import { createLedger, type GroupBy } from "../src/usage/index.js";
import { formatMs, median, percentile, printTable } from "./stats.js";

const RECORDS = 100_000;
const WRITES = 20_000;
const DAY_MS = 86_400_000;
const MODELS = [
  "gpt-4o",
  "gpt-4o-mini",
  "claude-haiku-4-5",
  "llama-3.3-70b",
  "gemini-2.5-flash",
  "deepseek-chat",
];
const PROVIDERS = ["openai", "anthropic", "groq", "together", "google", "deepseek"];
const logger = createLogger("silent");

function syntheticRecord(index: number, time: number): UsageRecord {
  const hit = index % 5 === 0;
  return {
    time,
    key: `team-${index % 8}`,
    tool: index % 3 === 0 ? "chat_completions" : "route_completion",
    requestedModel: index % 4 === 0 ? "auto" : (MODELS[index % MODELS.length] as string),
    model: MODELS[index % MODELS.length] as string,
    provider: PROVIDERS[(index * 7) % PROVIDERS.length] as string,
    tokensIn: 200 + (index % 900),
    tokensOut: 50 + (index % 300),
    tokensCached: index % 2 === 0 ? 100 : 0,
    costUsd: hit ? 0 : 0.0001 * (1 + (index % 40)),
    baselineCostUsd: index % 4 === 0 ? 0.005 : null,
    savedByCacheUsd: hit ? 0.002 : 0,
    latencyMs: 50 + ((index * 7919) % 2_000),
    attempts: 1 + (index % 17 === 0 ? 1 : 0),
    cache: hit ? "hit" : "miss",
    guardrailAction: "none",
    errorClass: index % 50 === 0 ? "PROVIDER_CALL_FAILED" : null,
  };
}

/** record() as a request sees it: the call itself, with batch flushes running between requests. */
async function benchRecord(dataDir: string): Promise<[string, string, string?][]> {
  const ledger = createLedger({ dataDir, logger });
  const samples: number[] = [];
  const start = Date.now();
  // As on a server whose dashboard is open: the in-memory index is live, so record() updates it too.
  await ledger.summarize({ since: start - DAY_MS, until: start + DAY_MS });
  let flushTime = 0;
  const ticks = WRITES / 100;
  for (let tick = 0; tick < ticks; tick++) {
    // 100 requests finish per event-loop turn; the ledger's timer/batch flushes run in between.
    for (let index = 0; index < 100; index++) {
      const record = syntheticRecord(tick * 100 + index, start + tick);
      const started = process.hrtime.bigint();
      ledger.record(record);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const before = performance.now();
    await new Promise((resolve) => setImmediate(resolve));
    flushTime += performance.now() - before;
  }
  const closing = performance.now();
  await ledger.close();
  flushTime += performance.now() - closing;
  return [
    ["record() p50", formatMs(median(samples)), "< 50 µs"],
    ["record() p99", formatMs(percentile(samples, 99))],
    ["batched write, amortised per record", formatMs(flushTime / WRITES)],
  ];
}

/** Flush throughput: 100,000 buffered records in batched transactions. */
async function benchFlush(dataDir: string): Promise<{ rows: [string, string][]; now: number }> {
  const ledger = createLedger({ dataDir, logger, flushIntervalMs: 3_600_000, batchSize: RECORDS + 1 });
  const now = Date.now();
  for (let index = 0; index < RECORDS; index++) {
    // Spread over 30 days, oldest first.
    ledger.record(syntheticRecord(index, now - 30 * DAY_MS + Math.floor((index / RECORDS) * 30 * DAY_MS)));
  }
  const started = performance.now();
  await ledger.flush();
  const elapsed = performance.now() - started;
  await ledger.close();
  return {
    rows: [
      [
        "flush 100,000 records",
        `${formatMs(elapsed)} (${Math.round(RECORDS / (elapsed / 1000)).toLocaleString("en")} records/s)`,
      ],
    ],
    now,
  };
}

/** summarize() (get_usage, `modelmux usage`) over 100,000 records. */
async function benchSummarize(dataDir: string, now: number): Promise<[string, string, string?][]> {
  const ledger = createLedger({ dataDir, logger, now: () => now });
  const window = { since: now - 31 * DAY_MS, until: now + 1 };
  const first = performance.now();
  const summary = await ledger.summarize(window);
  const firstMs = performance.now() - first;
  if (summary.totals.requests !== RECORDS)
    throw new Error(`expected ${RECORDS} requests, got ${summary.totals.requests}`);
  const rows: [string, string, string?][] = [
    ["first call (loads 100,000 rows into memory)", formatMs(firstMs)],
  ];
  for (const groupBy of [undefined, "model", "day"] satisfies (GroupBy | undefined)[]) {
    const samples: number[] = [];
    for (let run = 0; run < 15; run++) {
      const started = performance.now();
      await ledger.summarize({ ...window, groupBy });
      samples.push(performance.now() - started);
    }
    rows.push([`summarize, group_by ${groupBy ?? "none"}: p50`, formatMs(median(samples)), "< 50 ms"]);
  }
  await ledger.close();
  // Windows older than the in-memory days read SQLite directly.
  const cold = createLedger({ dataDir, logger, now: () => now + 60 * DAY_MS, memoryDays: 1 });
  const started = performance.now();
  await cold.summarize({ ...window, groupBy: "model" });
  rows.push(["summarize from SQLite (window older than memory)", formatMs(performance.now() - started)]);
  await cold.close();
  return rows;
}

/** Ledger figures: write cost seen by a request, flush throughput, get_usage over 100,000 records. */
export async function benchLedger(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "modelmux-bench-ledger-"));
  try {
    const record = await benchRecord(join(root, "record"));
    const flush = await benchFlush(join(root, "summary"));
    const summarize = await benchSummarize(join(root, "summary"), flush.now);
    printTable("Usage ledger", [...record, ...flush.rows, ...summarize]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchLedger();
}
