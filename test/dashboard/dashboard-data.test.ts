import { afterEach, describe, expect, it } from "vitest";
import { buildDashboardData } from "../../src/dashboard/dashboard-data.js";
import { parseWindow } from "../../src/dashboard/parse-window.js";
import { HttpError } from "../../src/http/http-error.js";
import { createLogger } from "../../src/logger.js";
import { createHealthTracker } from "../../src/router/health-tracker.js";
import { createLedger, type Ledger } from "../../src/usage/ledger.js";
import { knownRecords } from "./sample-records.js";

const HOUR = 3_600_000;
let ledger: Ledger | undefined;
afterEach(() => ledger?.close());

describe("parseWindow", () => {
  it("takes hours or days, bucketing by hour up to two days", () => {
    expect(parseWindow(null)).toMatchObject({ name: "24h", durationMs: 24 * HOUR, bucket: "hour" });
    expect(parseWindow("48h").bucket).toBe("hour");
    expect(parseWindow("7d")).toMatchObject({ durationMs: 7 * 24 * HOUR, bucket: "day" });
  });

  it("rejects anything else with a 400 naming the field", () => {
    for (const bad of ["", "24", "1w", "0h", "91d", "-1h"]) {
      expect(() => parseWindow(bad)).toThrow(HttpError);
    }
    expect(() => parseWindow("soon")).toThrow(/window: expected like 1h, 24h, 7d/);
  });
});

describe("buildDashboardData", () => {
  it("reports the ledger's figures: totals, hourly spend, by model and provider, health, recent", async () => {
    const now = Date.UTC(2026, 5, 1, 12, 30);
    ledger = createLedger({ dataDir: ":memory:", logger: createLogger("silent"), now: () => now });
    for (const record of knownRecords(now)) ledger.record(record);
    const health = createHealthTracker();
    health.recordSuccess("groq/llama-3.3-70b", { latencyMs: 300 });
    health.recordFailure("together/llama-3.3-70b", { isRetryable: true, status: 503 });

    const data = await buildDashboardData({ ledger, health, now: () => now }, parseWindow("24h"));

    expect(data.totals).toMatchObject({
      requests: 6,
      errors: 1,
      cost_usd: 0.5,
      cache_hit_rate: 0.25,
      saved_usd: 0.1,
    });
    // Latencies sorted 3 50 300 350 700 900: p50 at rank 2.5, p95 at rank 4.75 (percentile_cont).
    expect(data.totals.latency_p50_ms).toBe(325);
    expect(data.totals.latency_p95_ms).toBe(850);
    // 24 whole hours plus the current partial one, oldest first, zero-filled.
    expect(data.spend_over_time).toHaveLength(25);
    expect(data.spend_over_time[0]?.start).toBe(new Date(Date.UTC(2026, 4, 31, 12)).toISOString());
    expect(data.spend_over_time.reduce((sum, bucket) => sum + bucket.requests, 0)).toBe(6);
    const spendAt = (hour: number) =>
      data.spend_over_time.find(
        (bucket) => bucket.start === new Date(Date.UTC(2026, 5, 1, hour)).toISOString(),
      );
    expect(spendAt(7)).toMatchObject({ requests: 1, cost_usd: 0.25 });
    expect(spendAt(12)).toMatchObject({ requests: 2, cost_usd: 0.07 });
    expect(data.by_model.map((row) => [row.model, row.cost_usd])).toEqual([
      ["gpt-4o", 0.25],
      ["llama-3.3-70b", 0.18],
      ["claude-haiku-4-5", 0.07],
    ]);
    expect(data.by_provider.find((row) => row.provider === "groq")).toMatchObject({
      requests: 2,
      cost_usd: 0.1,
    });
    expect(data.health.map((row) => [row.deployment, row.breaker, row.uptime])).toEqual([
      ["groq/llama-3.3-70b", "closed", 1],
      ["together/llama-3.3-70b", "closed", 0],
    ]);
    expect(data.recent).toHaveLength(6);
    expect(data.recent[0]).toMatchObject({
      requested_model: "gpt-4o",
      model: null,
      error: "PROVIDER_CALL_FAILED",
    });
  });

  it("buckets by UTC day for long windows", async () => {
    const now = Date.UTC(2026, 5, 10, 3);
    ledger = createLedger({ dataDir: ":memory:", logger: createLogger("silent"), now: () => now });
    for (const record of knownRecords(now)) ledger.record(record);
    const data = await buildDashboardData({ ledger, now: () => now }, parseWindow("7d"));
    expect(data.bucket).toBe("day");
    expect(data.spend_over_time.map((bucket) => bucket.start.slice(0, 10))).toEqual([
      "2026-06-03",
      "2026-06-04",
      "2026-06-05",
      "2026-06-06",
      "2026-06-07",
      "2026-06-08",
      "2026-06-09",
      "2026-06-10",
    ]);
    // 22:00 on the 9th falls on the 9th; the rest on the 10th.
    expect(data.spend_over_time.at(-2)).toMatchObject({ requests: 1, cost_usd: 0.25 });
    expect(data.spend_over_time.at(-1)).toMatchObject({ requests: 5, cost_usd: 0.25 });
  });

  it("shows zeros without a ledger", async () => {
    const data = await buildDashboardData({}, parseWindow("1h"));
    expect(data.totals.requests).toBe(0);
    expect(data.spend_over_time).toHaveLength(2);
    expect(data.recent).toEqual([]);
  });
});
