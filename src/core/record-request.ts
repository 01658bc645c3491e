import type { Usage } from "../catalog/types.js";
import { isModelmuxError } from "../errors.js";
import { nodeCrypto } from "../node-crypto.js";
import { roundUsd } from "../usage/round-usd.js";
import { clip } from "../validation/clip.js";
import type { ChangeFeed } from "./change-feed.js";
import type { UsageLedger, UsageRecord } from "./hooks.js";
import type { CallerContext } from "./route-types.js";

export interface RequestRecorder {
  /**
   * Appends a request's ledger row: `fields` over the values of a request that reached no model
   * (no tokens, no cost, no attempt). Returns its request id (answers carry it, so a row can be found).
   */
  record(request: RecordedRequest, started: number, fields: Partial<UsageRecord>): string;
  /** The row of a request that failed with `error`: the usage, cost and attempts it carries, and its code. */
  recordFailure(request: RecordedRequest, started: number, error: unknown): string;
  /**
   * Runs a request's pipeline with its start time; when the pipeline throws, the request still gets
   * its row (recordFailure) before the error goes on.
   */
  track<T>(request: RecordedRequest, pipeline: (started: number) => Promise<T>): Promise<T>;
}

/** What a row needs of a request: who asked, and for which model. */
interface RecordedRequest {
  caller: CallerContext;
  model: string;
}

/** One ledger row per request, for every pipeline (chat completions, embeddings). */
export function createRequestRecorder(deps: {
  ledger: UsageLedger;
  changes?: ChangeFeed;
  now: () => number;
}): RequestRecorder {
  const { ledger, changes, now } = deps;
  return {
    record({ caller, model: requestedModel }, started, fields) {
      // After the ledger write (below), so readers see this request.
      queueMicrotask(() => changes?.notify(caller.key));
      const requestId = nodeCrypto().randomUUID();
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
    recordFailure(request, started, error) {
      const data = isModelmuxError(error) ? error.data : undefined;
      const usage = data?.usage as Partial<Usage> | undefined;
      return this.record(request, started, {
        tokensIn: usage?.input ?? 0,
        tokensOut: usage?.output ?? 0,
        tokensCached: usage?.cached ?? 0,
        costUsd: roundUsd((data?.costUsd as number | undefined) ?? 0),
        attempts: (data?.attempts as unknown[] | undefined)?.length ?? 0,
        errorClass: isModelmuxError(error) ? error.code : "INTERNAL_ERROR",
        guardrailAction: isModelmuxError(error) && error.code === "GUARDRAIL_BLOCKED" ? "block" : "none",
      });
    },
    async track(request, pipeline) {
      const started = now();
      try {
        return await pipeline(started);
      } catch (error) {
        this.recordFailure(request, started, error);
        throw error;
      }
    },
  };
}
