import { describe, expect, it } from "vitest";
import type { UsageRecord } from "../../src/core/hooks.js";
import { createMetrics } from "../../src/observability/metrics.js";
import { teeLedger } from "../../src/observability/tee-ledger.js";
import { createHealthTracker } from "../../src/router/health-tracker.js";
import { usageRecord } from "../dashboard/sample-records.js";

/** The value of one sample line, e.g. `modelmux_cost_usd_total{model="a",provider="b"}`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).split(" ")[0] ?? "";
    if (wanted.every((pair) => labelText.includes(pair))) return Number(line.split(" ").at(-1));
  }
  return undefined;
}

describe("createMetrics", () => {
  it("counts requests, latency, tokens and cost from ledger records", async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.observe(
      usageRecord({
        model: "gpt-4o",
        provider: "openai",
        costUsd: 0.25,
        latencyMs: 900,
        tokensIn: 1000,
        tokensOut: 200,
        tokensCached: 300,
      }),
    );
    metrics.observe(
      usageRecord({
        model: "gpt-4o",
        provider: "openai",
        costUsd: 0,
        cache: "hit",
        savedByCacheUsd: 0.25,
        latencyMs: 2,
      }),
    );
    metrics.observe(
      usageRecord({
        model: null,
        provider: null,
        requestedModel: "whatever-the-user-typed",
        errorClass: "UNKNOWN_MODEL",
        costUsd: 0,
        tokensIn: 0,
        tokensOut: 0,
      }),
    );
    const text = await metrics.render();

    expect(sample(text, "modelmux_requests_total", { model: "gpt-4o", outcome: "ok", cache: "miss" })).toBe(
      1,
    );
    expect(sample(text, "modelmux_requests_total", { model: "gpt-4o", outcome: "ok", cache: "hit" })).toBe(1);
    expect(
      sample(text, "modelmux_requests_total", { model: "none", provider: "none", outcome: "UNKNOWN_MODEL" }),
    ).toBe(1);
    // Free-form requested names never become labels (unbounded cardinality).
    expect(text).not.toContain("whatever-the-user-typed");
    expect(sample(text, "modelmux_cost_usd_total", { model: "gpt-4o", provider: "openai" })).toBe(0.25);
    expect(sample(text, "modelmux_cache_saved_usd_total", { model: "gpt-4o" })).toBe(0.25);
    expect(sample(text, "modelmux_tokens_total", { direction: "input", model: "gpt-4o" })).toBe(1000);
    expect(sample(text, "modelmux_tokens_total", { direction: "output", model: "gpt-4o" })).toBe(200);
    expect(sample(text, "modelmux_tokens_total", { direction: "cached", model: "gpt-4o" })).toBe(300);
    expect(sample(text, "modelmux_request_duration_seconds_count", { model: "gpt-4o", cache: "miss" })).toBe(
      1,
    );
    expect(sample(text, "modelmux_request_duration_seconds_sum", { model: "gpt-4o", cache: "miss" })).toBe(
      0.9,
    );
    expect(
      sample(text, "modelmux_request_duration_seconds_bucket", { model: "gpt-4o", cache: "miss", le: "1" }),
    ).toBe(1);
    expect(
      sample(text, "modelmux_request_duration_seconds_bucket", { model: "gpt-4o", cache: "miss", le: "0.5" }),
    ).toBe(0);
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  it("sums one model's tokens and cost across cache states and outcomes, and lists no series before its first count", async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.observe(usageRecord({ cache: "miss", costUsd: 0, tokensIn: 5, tokensCached: 0 }));
    expect(await metrics.render()).not.toContain('direction="cached"');
    metrics.observe(usageRecord({ cache: "off", costUsd: 0.5, tokensIn: 7, tokensCached: 2 }));
    metrics.observe(
      usageRecord({ cache: "miss", costUsd: 0.25, tokensIn: 1, errorClass: "PROVIDER_CALL_FAILED" }),
    );
    metrics.observe(usageRecord({ cache: "miss", costUsd: 0.25, tokensIn: 3, tokensCached: 1 }));
    const text = await metrics.render();
    expect(sample(text, "modelmux_tokens_total", { direction: "input", model: "gpt-4o-mini" })).toBe(16);
    expect(sample(text, "modelmux_tokens_total", { direction: "cached", model: "gpt-4o-mini" })).toBe(3);
    expect(sample(text, "modelmux_cost_usd_total", { model: "gpt-4o-mini" })).toBe(1);
    expect(sample(text, "modelmux_requests_total", { cache: "miss", outcome: "ok" })).toBe(2);
    expect(sample(text, "modelmux_requests_total", { cache: "off", outcome: "ok" })).toBe(1);
    expect(sample(text, "modelmux_requests_total", { outcome: "PROVIDER_CALL_FAILED" })).toBe(1);
    expect(sample(text, "modelmux_request_duration_seconds_count", { cache: "miss" })).toBe(3);
  });

  it("counters keep growing across scrapes, equal to prom-client's own sums, and skip values that are not finite", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const costs = [0.1, 0.2, 0.3, 1e-7, 0.7];
    let expected = 0;
    for (const [index, costUsd] of costs.entries()) {
      metrics.observe(usageRecord({ costUsd, tokensIn: 10 }));
      expected += costUsd; // the order prom-client's inc would add them in
      if (index === 1 || index === 3) await metrics.render(); // a scrape between requests
    }
    metrics.observe(usageRecord({ costUsd: Number.POSITIVE_INFINITY, tokensIn: Number.NaN }));
    const text = await metrics.render();
    expect(sample(text, "modelmux_cost_usd_total", { model: "gpt-4o-mini" })).toBe(expected);
    expect(sample(text, "modelmux_tokens_total", { direction: "input", model: "gpt-4o-mini" })).toBe(50);
    expect(sample(text, "modelmux_requests_total", { model: "gpt-4o-mini", outcome: "ok" })).toBe(6);
    expect(sample(await metrics.render(), "modelmux_requests_total", { model: "gpt-4o-mini" })).toBe(6);
  });

  it("reports breaker states from the health tracker at scrape time", async () => {
    let now = 0;
    const health = createHealthTracker({ failureThreshold: 2, cooldownMs: 1000, now: () => now });
    health.recordSuccess("openai/gpt-4o", { latencyMs: 100 });
    health.recordFailure("groq/llama-3.3-70b", { isRetryable: true, status: 503 });
    health.recordFailure("groq/llama-3.3-70b", { isRetryable: true, status: 503 });
    const metrics = createMetrics({ processMetrics: false });

    let text = await metrics.render(health.snapshotAll());
    expect(sample(text, "modelmux_breaker_state", { deployment: "openai/gpt-4o" })).toBe(0);
    expect(sample(text, "modelmux_breaker_state", { deployment: "groq/llama-3.3-70b" })).toBe(2);
    expect(sample(text, "modelmux_deployment_uptime_ratio", { deployment: "groq/llama-3.3-70b" })).toBe(0);

    now = 1500; // cooldown over: one probe allowed
    text = await metrics.render(health.snapshotAll());
    expect(sample(text, "modelmux_breaker_state", { deployment: "groq/llama-3.3-70b" })).toBe(1);
  });

  it("keeps one registry per instance, and can include process metrics", async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.observe(usageRecord({}));
    expect(sample(await second.render(), "modelmux_requests_total")).toBeUndefined();
    expect(await first.render()).toContain("process_resident_memory_bytes");
  });

  it("teeLedger writes every record to the ledger and the metrics", async () => {
    const written: UsageRecord[] = [];
    const metrics = createMetrics({ processMetrics: false });
    const ledger = teeLedger({ record: (record) => written.push(record) }, metrics);
    ledger.record(usageRecord({ costUsd: 0.5 }));
    expect(written).toHaveLength(1);
    expect(sample(await metrics.render(), "modelmux_cost_usd_total")).toBe(0.5);
  });
});
