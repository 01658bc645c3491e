import { randomUUID } from "node:crypto";
import { clip } from "../validation/clip.js";
import type { ChangeFeed } from "./change-feed.js";
import type { UsageLedger, UsageRecord } from "./hooks.js";
import type { CallerContext } from "./route-types.js";

export interface RequestRecorder {
  /**
   * Appends a request's ledger row: `fields` over the values of a request that reached no model
   * (no tokens, no cost, no attempt). Returns its request id (answers carry it, so a row can be found).
   */
  record(
    caller: CallerContext,
    requestedModel: string,
    started: number,
    fields: Partial<UsageRecord>,
  ): string;
}

/** One ledger row per request, for every pipeline (chat completions, embeddings). */
export function createRequestRecorder(deps: {
  ledger: UsageLedger;
  changes?: ChangeFeed;
  now: () => number;
}): RequestRecorder {
  const { ledger, changes, now } = deps;
  return {
    record(caller, requestedModel, started, fields) {
      // After the ledger write (below), so readers see this request.
      queueMicrotask(() => changes?.notify(caller.key));
      const requestId = randomUUID();
      ledger.record({
        requestId,
        time: started,
        key: caller.key,
        tool: caller.tool,
        ...(caller.sessionId && { sessionId: caller.sessionId }),
        requestedModel: clip(requestedModel),
        model: null,
        provider: null,
        tokensIn: 0,
        tokensOut: 0,
        tokensCached: 0,
        costUsd: 0,
        baselineCostUsd: null,
        savedByCacheUsd: 0,
        latencyMs: Math.round(now() - started),
        attempts: 0,
        cache: "off",
        guardrailAction: "none",
        errorClass: null,
        ...fields,
      });
      return requestId;
    },
  };
}
