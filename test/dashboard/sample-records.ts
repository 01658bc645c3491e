import type { UsageRecord } from "../../src/core/hooks.js";

export function usageRecord(fields: Partial<UsageRecord>): UsageRecord {
  return {
    time: Date.now(),
    key: "local",
    tool: "route_completion",
    requestedModel: "gpt-4o-mini",
    model: "gpt-4o-mini",
    provider: "openai",
    tokensIn: 100,
    tokensOut: 20,
    tokensCached: 0,
    costUsd: 0.01,
    baselineCostUsd: null,
    savedByCacheUsd: 0,
    latencyMs: 400,
    attempts: 1,
    cache: "miss",
    guardrailAction: "none",
    errorClass: null,
    ...fields,
  };
}

/**
 * A known mix over the last hours: 6 requests, $0.5 spent, 1 cache hit out of 4 lookups,
 * 1 failure. Figures the dashboard must show: spend $0.5000, 6 requests, 25.0% hit rate.
 */
export function knownRecords(now: number): UsageRecord[] {
  const hour = 3_600_000;
  return [
    usageRecord({
      time: now - 5 * hour,
      model: "gpt-4o",
      provider: "openai",
      costUsd: 0.25,
      cache: "miss",
      latencyMs: 900,
    }),
    usageRecord({
      time: now - 3 * hour,
      model: "llama-3.3-70b",
      provider: "groq",
      costUsd: 0.1,
      cache: "miss",
      latencyMs: 300,
    }),
    usageRecord({
      time: now - 2 * hour,
      model: "llama-3.3-70b",
      provider: "together",
      costUsd: 0.08,
      cache: "miss",
      latencyMs: 350,
      key: "team-a",
    }),
    usageRecord({
      time: now - hour,
      model: "llama-3.3-70b",
      provider: "groq",
      costUsd: 0,
      cache: "hit",
      savedByCacheUsd: 0.1,
      latencyMs: 3,
    }),
    usageRecord({
      time: now - 30 * 60_000,
      model: "claude-haiku-4-5",
      provider: "anthropic",
      costUsd: 0.07,
      cache: "off",
      latencyMs: 700,
    }),
    usageRecord({
      time: now - 10 * 60_000,
      model: null,
      provider: null,
      requestedModel: "gpt-4o",
      costUsd: 0,
      tokensIn: 0,
      tokensOut: 0,
      cache: "off",
      latencyMs: 50,
      errorClass: "PROVIDER_CALL_FAILED",
      attempts: 3,
    }),
  ];
}
