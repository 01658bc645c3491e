import { describe, expect, it } from "vitest";
import type { UsageRecord } from "../../src/core/hooks.js";
import type { Ledger, UsageRow } from "../../src/usage/index.js";
import { BACKENDS, type BackendName, useLedgerFixture } from "./ledger-backends.js";
import { usageRecord } from "./usage-record.js";

const DAY_ONE = Date.UTC(2025, 5, 10);
const DAY_TWO = Date.UTC(2025, 5, 11);
const WINDOW = { since: DAY_ONE, until: DAY_TWO + 86_400_000 };
const fixture = useLedgerFixture();

/** Seven requests whose aggregates are worked out by hand in the tests below. */
const RECORDS: UsageRecord[] = [
  usageRecord({
    time: DAY_ONE + 1_000,
    costUsd: 0.01,
    latencyMs: 100,
    cache: "miss",
    tokensIn: 1_000,
    tokensOut: 200,
  }),
  usageRecord({
    time: DAY_ONE + 2_000,
    costUsd: 0,
    savedByCacheUsd: 0.01,
    latencyMs: 5,
    cache: "hit",
    tokensIn: 1_000,
    tokensOut: 200,
    tokensCached: 0,
  }),
  usageRecord({
    time: DAY_ONE + 3_000,
    requestedModel: "auto",
    model: "llama-3.3-70b",
    provider: "groq",
    costUsd: 0.001,
    baselineCostUsd: 0.01,
    latencyMs: 400,
    tokensIn: 1_000,
    tokensOut: 200,
    tokensCached: 300,
  }),
  usageRecord({
    time: DAY_ONE + 4_000,
    requestedModel: "auto",
    model: "llama-3.3-70b",
    provider: "groq",
    costUsd: 0.002,
    baselineCostUsd: 0.012,
    latencyMs: 800,
    tokensIn: 2_000,
    tokensOut: 100,
  }),
  usageRecord({
    time: DAY_ONE + 5_000,
    model: null,
    provider: null,
    costUsd: 0,
    latencyMs: 2,
    cache: "off",
    tokensIn: 0,
    tokensOut: 0,
    errorClass: "GUARDRAIL_BLOCKED",
    guardrailAction: "block",
    tool: "chat_completions",
  }),
  usageRecord({
    time: DAY_ONE + 6_000,
    requestedModel: "claude-sonnet-4-5",
    model: null,
    provider: null,
    costUsd: 0,
    latencyMs: 1_500,
    tokensIn: 0,
    tokensOut: 0,
    errorClass: "PROVIDER_CALL_FAILED",
  }),
  usageRecord({
    time: DAY_TWO + 1_000,
    key: "team-b",
    costUsd: 0.03,
    latencyMs: 200,
    tokensIn: 3_000,
    tokensOut: 500,
  }),
];

async function seeded(
  backend: BackendName,
  options: { now?: () => number; memoryDays?: number; memoryRows?: number } = {},
): Promise<Ledger> {
  const ledger = await fixture.open(backend, options);
  for (const record of RECORDS) ledger.record(record);
  return ledger;
}

// The same answers from both backends: SQLite (in-memory index, else SQL scans) and PostgreSQL (SQL aggregates).
describe.each(BACKENDS)("ledger summarize on %s", (backend) => {
  it("totals every request: errors, cache hit rate over lookups, percentile_cont latencies, savings", async () => {
    const summary = await (await seeded(backend, { now: () => DAY_TWO })).summarize(WINDOW);
    expect(summary.since).toBe("2025-06-10T00:00:00.000Z");
    expect(summary.until).toBe("2025-06-12T00:00:00.000Z");
    expect(summary.group_by).toBeNull();
    expect(summary.groups).toEqual([]);
    expect(summary.totals).toEqual<UsageRow>({
      requests: 7,
      errors: 2,
      tokens_in: 8_000,
      tokens_out: 1_200,
      tokens_cached: 300,
      cost_usd: 0.043,
      error_rate: 0.2857, // 2 / 7
      cache_hits: 1,
      cache_hit_rate: 0.1667, // 1 hit / 6 lookups (the blocked request never reached the cache)
      latency_p50_ms: 200, // sorted 2 5 100 200 400 800 1500: rank 0.5 × 6 = 3 (0-based)
      latency_p95_ms: 1_290, // rank 0.95 × 6 = 5.7: 800 + 0.7 × (1500 − 800)
      saved_by_cache_usd: 0.01,
      saved_by_routing_usd: 0.019, // (0.01 − 0.001) + (0.012 − 0.002)
    });
  });

  it("groups by model (served, else requested), most expensive first", async () => {
    const ledger = await seeded(backend, { now: () => DAY_TWO });
    const { groups } = await ledger.summarize({ ...WINDOW, groupBy: "model" });
    expect(groups.map((row) => row.group)).toEqual(["gpt-4o", "llama-3.3-70b", "claude-sonnet-4-5"]);
    const [gpt, llama, claude] = groups;
    // gpt-4o: the miss, the hit, the blocked request (asked for gpt-4o) and day two's call.
    expect(gpt).toMatchObject({
      requests: 4,
      errors: 1,
      error_rate: 0.25,
      cost_usd: 0.04,
      cache_hit_rate: 0.3333,
    });
    // Its latencies sorted: 2 5 100 200. p50 at rank 1.5: 5 + 0.5 × 95; p95 at rank 2.85: 100 + 0.85 × 100.
    expect(gpt).toMatchObject({
      latency_p50_ms: 52.5,
      latency_p95_ms: 185,
      saved_by_cache_usd: 0.01,
      saved_by_routing_usd: 0,
    });
    expect(llama).toMatchObject({ requests: 2, cost_usd: 0.003, latency_p50_ms: 600, latency_p95_ms: 780 });
    expect(llama).toMatchObject({ saved_by_routing_usd: 0.019, tokens_cached: 300, cache_hit_rate: 0 });
    expect(claude).toMatchObject({
      requests: 1,
      errors: 1,
      error_rate: 1,
      cost_usd: 0,
      latency_p50_ms: 1_500,
    });
  });

  it("groups by provider, key, tool and UTC day", async () => {
    const ledger = await seeded(backend, { now: () => DAY_TWO });
    const by = async (groupBy: "provider" | "key" | "tool" | "day") =>
      Object.fromEntries(
        (await ledger.summarize({ ...WINDOW, groupBy })).groups.map((row) => [row.group, row.requests]),
      );
    expect(await by("provider")).toEqual({ openai: 3, groq: 2, "(none)": 2 });
    expect(await by("key")).toEqual({ local: 6, "team-b": 1 });
    expect(await by("tool")).toEqual({ route_completion: 6, chat_completions: 1 });
    const days = (await ledger.summarize({ ...WINDOW, groupBy: "day" })).groups;
    expect(days.map((row) => [row.group, row.requests, row.cost_usd])).toEqual([
      ["2025-06-10", 6, 0.013],
      ["2025-06-11", 1, 0.03],
    ]);
  });

  it("windows include since and exclude until; key narrows to one caller", async () => {
    const ledger = await seeded(backend, { now: () => DAY_TWO });
    const totals = async (options: Parameters<Ledger["summarize"]>[0]) =>
      (await ledger.summarize(options)).totals;
    expect((await totals({ since: DAY_TWO, until: DAY_TWO + 86_400_000 })).requests).toBe(1);
    expect((await totals({ since: DAY_ONE, until: DAY_TWO + 1_000 })).requests).toBe(6);
    expect((await totals({ since: DAY_ONE + 1_000, until: DAY_ONE + 1_001 })).requests).toBe(1);
    expect(await totals({ ...WINDOW, key: "team-b" })).toMatchObject({
      requests: 1,
      cost_usd: 0.03,
    });
    expect(await totals({ ...WINDOW, key: "nobody" })).toMatchObject({
      requests: 0,
      latency_p50_ms: 0,
      error_rate: 0,
    });
  });

  it("counts records made after the first summary", async () => {
    const ledger = await seeded(backend, { now: () => DAY_TWO });
    expect((await ledger.summarize(WINDOW)).totals.requests).toBe(7);
    ledger.record(usageRecord({ time: DAY_TWO + 2_000, costUsd: 0.5 }));
    expect((await ledger.summarize(WINDOW)).totals).toMatchObject({ requests: 8, cost_usd: 0.543 });
  });
});

describe("SQLite ledger summarize", () => {
  it("gives the same answer from SQLite for windows older than the in-memory days", async () => {
    const fromMemory = await seeded("sqlite", { now: () => DAY_TWO });
    // Thirty days later with one day in memory: June 10–11 is only on disk.
    const fromDisk = await seeded("sqlite", { now: () => DAY_TWO + 30 * 86_400_000, memoryDays: 1 });
    for (const groupBy of [undefined, "model", "provider", "key", "tool", "day"] as const) {
      expect(await fromDisk.summarize({ ...WINDOW, groupBy })).toEqual(
        await fromMemory.summarize({ ...WINDOW, groupBy }),
      );
    }
    expect(await fromDisk.summarize({ ...WINDOW, key: "team-b" })).toEqual(
      await fromMemory.summarize({ ...WINDOW, key: "team-b" }),
    );
  });

  it("keeps at most memoryRows rows in memory and answers every window as an uncapped ledger does", async () => {
    const now = () => DAY_TWO + 86_400_000;
    const uncapped = await seeded("sqlite", { now });
    const capped = await seeded("sqlite", { now, memoryRows: 4 });
    const windows = [
      WINDOW,
      { since: DAY_ONE + 1_500, until: DAY_TWO + 86_400_000 },
      { since: DAY_TWO, until: DAY_TWO + 86_400_000 },
      { since: DAY_ONE, until: DAY_ONE + 5_000 },
    ];
    const compare = async () => {
      for (const window of windows) {
        for (const groupBy of [undefined, "model", "key", "day"] as const) {
          expect(await capped.summarize({ ...window, groupBy })).toEqual(
            await uncapped.summarize({ ...window, groupBy }),
          );
        }
      }
    };
    await compare(); // the index is loaded from SQLite: only the newest rows that fit
    // Recorded after the index exists, out of time order too, past the cap several times over.
    for (let index = 0; index < 25; index++) {
      const record = usageRecord({
        time: DAY_TWO + 10_000 + ((index * 7_919) % 50) * 1_000,
        costUsd: 0.001 * index,
      });
      capped.record(record);
      uncapped.record(record);
    }
    windows.push({ since: DAY_TWO + 30_000, until: DAY_TWO + 86_400_000 });
    await compare();
  });
});
