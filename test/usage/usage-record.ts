import type { UsageRecord } from "../../src/core/hooks.js";

/** A successful request record with overridable fields, for ledger and summary tests. */
export function usageRecord(fields: Partial<UsageRecord> = {}): UsageRecord {
  return {
    time: Date.UTC(2025, 5, 10, 12),
    key: "local",
    tool: "route_completion",
    requestedModel: "gpt-4o",
    model: "gpt-4o",
    provider: "openai",
    tokensIn: 100,
    tokensOut: 50,
    tokensCached: 0,
    costUsd: 0.001,
    baselineCostUsd: null,
    savedByCacheUsd: 0,
    latencyMs: 200,
    attempts: 1,
    cache: "miss",
    guardrailAction: "none",
    errorClass: null,
    ...fields,
  };
}
