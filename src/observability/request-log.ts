import type { UsageRecord } from "../core/hooks.js";
import type { Logger } from "../logger.js";

/**
 * One structured log line per finished request (info; warn for failures), from the same record
 * the ledger stores. Keys never appear: the record names the virtual key, not its token, and the
 * logger scrubs provider keys from upstream error text.
 */
export function createRequestLog(logger: Logger): { observe(record: UsageRecord): void } {
  return {
    observe(record) {
      const fields = {
        key: record.key,
        tool: record.tool,
        requested_model: record.requestedModel,
        model: record.model,
        provider: record.provider,
        tokens_in: record.tokensIn,
        tokens_out: record.tokensOut,
        cost_usd: record.costUsd,
        latency_ms: record.latencyMs,
        attempts: record.attempts,
        cache: record.cache,
        guardrail: record.guardrailAction,
        ...(record.errorClass !== null && { error: record.errorClass, attempt_log: record.attemptLog }),
      };
      if (record.errorClass === null) logger.info(fields, "request");
      else logger.warn(fields, "request failed");
    },
  };
}
