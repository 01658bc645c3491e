import { Cancellation, type CancelSignal } from "../cancel-signal.js";
import type { Catalog } from "../catalog/catalog.js";
import { SAMPLING_PROVIDER } from "../catalog/sampling-model.js";
import type { Deployment, Usage } from "../catalog/types.js";
import type { ChatMessage, ForwardedParams, StreamDelta } from "../chat/types.js";
import { ModelmuxError } from "../errors.js";
import { ProviderError } from "../providers/provider-error.js";
import type {
  CompletionRequest,
  CompletionResult,
  ProviderAdapter,
  ResponseFormat,
} from "../providers/types.js";
import type { HealthTracker } from "../router/health-tracker.js";
import { dropUnsupported } from "../router/param-support.js";
import type { ScoredCandidate } from "../router/scorer.js";
import { roundUsd } from "../usage/round-usd.js";
import type { AdapterPool } from "./adapter-pool.js";
import { checkJson, repairPrompt, type SchemaValidator } from "./json-output.js";
import type { Attempt } from "./route-types.js";

export interface AttemptPlan {
  /** Candidates in try order, stage by stage (primary model, then fallbacks). */
  queue: ScoredCandidate[];
  /** With cascade: stronger stages to move to when an answer fails validation. */
  escalation: ScoredCandidate[][];
  maxAttempts: number;
  deadline: number;
  attemptTimeoutMs: number;
  /**
   * What the call reserved against budgets (its worst case). Once the usage providers report
   * costs more, no further attempt is made: an over-reporting provider cannot multiply the bill.
   */
  reservedUsd?: number;
}

export interface AttemptCall {
  /** The model name the caller asked for (see CompletionRequest.requestedModel). */
  requestedModel?: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  validate?: SchemaValidator;
  jsonSchema?: Record<string, unknown>;
  params?: ForwardedParams;
  anthropicBeta?: string[];
  /** Parameters to remove for a deployment that does not support them (`unsupportedParams: "drop"`). */
  dropFor?: (deployment: Deployment) => string[];
  cascade: boolean;
  signal?: CancelSignal;
  onProgress?: (message: string) => void;
  onDelta?: (delta: StreamDelta) => void;
  /** Called as each attempt begins, before its upstream call (see RouteRequest.onAttempt). */
  onAttempt?: (deployment: Deployment) => void;
  /**
   * A screened stream holds text back (see screen-stream): `started` says whether any of it has
   * reached the caller, and `discard` drops what a failed attempt left held, so an attempt whose
   * text was all still held can fail over. Without it, any delta counts as sent.
   */
  stream?: { started(): boolean; discard(): void };
  sampler?: (request: CompletionRequest) => Promise<CompletionResult>;
  /**
   * One attempt's upstream call when it is not a chat completion (embeddings): the loop calls it
   * instead, under the same rules (attempt cap, deadline, breaker, Retry-After, reservation).
   */
  invoke?: (deployment: Deployment, signal: CancelSignal) => Promise<CompletionResult>;
  /** What an answered attempt's usage costs; by default the catalog's chat price. */
  costOf?: (deployment: Deployment, usage: Usage) => number;
}

export interface AttemptsOutcome {
  result: CompletionResult;
  deployment: Deployment;
  json?: unknown;
  attempts: Attempt[];
  /** Parameters removed for the deployment that answered. */
  droppedParams?: string[];
  /** Usage and cost summed over every answered attempt (re-asks are billed too). */
  usage: Usage;
  costUsd: number;
}

export interface AttemptDeps {
  catalog: Catalog;
  health: HealthTracker;
  adapters: AdapterPool;
  now?: () => number;
}

/**
 * One signal per attempt: aborts with the caller's reason, or with a TimeoutError after `ms`.
 * A Cancellation rather than AbortSignal.any + AbortSignal.timeout (~3 % of the gateway's CPU) or
 * an AbortController (~2 %); adapters that hand it to an SDK convert it (toAbortSignal).
 */
export function attemptSignal(parent: CancelSignal | undefined, ms: number) {
  const attempt = new Cancellation();
  const onAbort = () => attempt.abort(parent?.reason);
  const timer = setTimeout(
    () => attempt.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
    ms,
  ).unref();
  if (parent?.aborted) onAbort();
  else parent?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: attempt,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onAbort);
    },
  };
}

/** BUDGET_EXCEEDED when the usage reported so far cost more than the call reserved. */
export function overReservation(
  reservedUsd: number,
  spent: { attempts: Attempt[]; usage: Usage; costUsd: number },
): ModelmuxError {
  return new ModelmuxError(
    "BUDGET_EXCEEDED",
    `the usage providers reported for this call cost $${roundUsd(spent.costUsd)}, more than the ` +
      `$${roundUsd(reservedUsd)} reserved for it: no further attempt was made`,
    { ...spent, reserved_usd: reservedUsd },
  );
}

/** Why nothing could be tried: each candidate's open breaker (and when it cools down) or Retry-After. */
function unavailableMessage(deps: AttemptDeps, queue: readonly ScoredCandidate[], at: number): string {
  const reasons = queue.map(({ deployment }) => {
    const health = deps.health.snapshot(deployment.id);
    const when = (time: number) =>
      `${new Date(time).toISOString()} (in ${Math.max(0, Math.ceil((time - at) / 1000))} s)`;
    if (health.unavailableReason === "retry_after" && health.retryAfterUntil !== undefined)
      return `${deployment.id} asked to wait (Retry-After) until ${when(health.retryAfterUntil)}`;
    if (health.unavailableReason === "breaker_open")
      return (
        `the circuit breaker for ${deployment.id} is open after ${health.consecutiveFailures} consecutive failures` +
        (health.breakerCoolsDownAt === undefined
          ? ""
          : `; it cools down at ${when(health.breakerCoolsDownAt)}`)
      );
    if (health.unavailableReason === "probe_in_flight")
      return `the circuit breaker for ${deployment.id} is half-open and its one probe call is in flight`;
    return `${deployment.id} is unavailable`;
  });
  return `no deployment could be tried: ${reasons.join("; ")}`;
}

/** First backoff before retrying the only deployment left; doubles each time. */
export const BACKOFF_BASE_MS = 50;

export function sleep(ms: number, signal?: CancelSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new ModelmuxError("CANCELLED", "the request was cancelled"));
    }
    signal?.addEventListener("abort", abort, { once: true });
  });
}

function responseFormat(call: AttemptCall): ResponseFormat | undefined {
  if (!call.jsonSchema) return undefined;
  return { type: "json_schema", name: "answer", schema: call.jsonSchema };
}

/** Why an answer is not good enough: schema errors, or (for cascade without a schema) empty or cut off. */
async function validationErrors(
  result: CompletionResult,
  call: AttemptCall,
): Promise<{ errors: string[]; json?: unknown }> {
  if (call.validate) {
    const check = await checkJson(result.text, call.validate);
    return check.ok ? { errors: [], json: check.value } : { errors: check.errors };
  }
  if (call.cascade && (result.text.trim() === "" || result.finishReason === "length")) {
    return { errors: [result.text.trim() === "" ? "empty answer" : "answer cut off at max_tokens"] };
  }
  return { errors: [] };
}

/**
 * Tries candidates in order under one attempt cap and one deadline. Retryable failures move on
 * to the next deployment; non-retryable ones fail fast; invalid output is re-asked (or, with
 * cascade, escalated); Retry-After is honoured by waiting when nothing else is available.
 */
export async function runAttempts(
  deps: AttemptDeps,
  plan: AttemptPlan,
  call: AttemptCall,
): Promise<AttemptsOutcome> {
  const now = deps.now ?? Date.now;
  const attempts: Attempt[] = [];
  const usage: Usage = { input: 0, output: 0, cached: 0 };
  let costUsd = 0;
  let queue = [...plan.queue];
  const escalation = [...plan.escalation];
  let messages = call.messages;
  let lastErrors: string[] = [];
  let lastError: ProviderError | undefined;
  let streamed = false;
  const reachedCaller = () => (call.stream ? call.stream.started() : streamed);
  let retries = 0;
  // True when the loop ended because every candidate left was cooling down (breaker, Retry-After).
  let nothingAvailable = false;

  /** The adapter of a deployment (the sampler for the client's own model). */
  async function adapterFor(deployment: Deployment): Promise<Pick<ProviderAdapter, "complete">> {
    return deployment.provider === SAMPLING_PROVIDER.id && call.sampler
      ? { complete: call.sampler }
      : deps.adapters.get(deployment.provider);
  }

  /** The chat completion of one attempt. */
  function complete(
    deployment: Deployment,
    adapter: Pick<ProviderAdapter, "complete">,
    dropped: string[],
    signal: CancelSignal,
    onDelta: ((delta: StreamDelta) => void) | undefined,
  ): Promise<CompletionResult> {
    const params = call.params && dropped.length > 0 ? dropUnsupported(call.params, dropped) : call.params;
    return adapter.complete({
      model: deployment.providerModelId,
      ...(call.requestedModel && { requestedModel: call.requestedModel }),
      messages,
      temperature: call.temperature,
      maxTokens: call.maxTokens,
      responseFormat: responseFormat(call),
      ...(params && { params }),
      ...(call.anthropicBeta && { anthropicBeta: call.anthropicBeta }),
      signal,
      onDelta,
    });
  }

  const pickNext = (): ScoredCandidate | undefined => {
    const index = queue.findIndex((candidate) => deps.health.beginAttempt(candidate.deployment.id));
    if (index < 0) return undefined;
    const [candidate] = queue.splice(index, 1);
    return candidate;
  };

  while (attempts.length < plan.maxAttempts) {
    if (call.signal?.aborted) throw new ModelmuxError("CANCELLED", "the request was cancelled");
    if (plan.reservedUsd !== undefined && costUsd > plan.reservedUsd)
      throw overReservation(plan.reservedUsd, { attempts, usage, costUsd });
    if (plan.deadline - now() <= 0) break;
    const candidate = pickNext();
    if (!candidate) {
      // Everything left is cooling down: wait for the earliest Retry-After if it fits the deadline.
      const until = Math.min(
        ...queue.map(
          (entry) => deps.health.snapshot(entry.deployment.id).retryAfterUntil ?? Number.POSITIVE_INFINITY,
        ),
      );
      if (!Number.isFinite(until) || until >= plan.deadline) {
        nothingAvailable = true;
        break;
      }
      call.onProgress?.(`all deployments cooling down; waiting ${Math.ceil(until - now())} ms (Retry-After)`);
      await sleep(Math.max(0, until - now()), call.signal);
      continue;
    }
    const { deployment } = candidate;
    // A provider's adapter (its SDK) loads on first use: before the attempt's clock starts, which
    // times the upstream; loading once cost a cold server's first attempt its timeout (a failover).
    const adapter = call.invoke ? undefined : await adapterFor(deployment);
    const remaining = Math.max(0, plan.deadline - now());
    const started = now();
    const attemptAbort = attemptSignal(call.signal, Math.max(1, Math.min(remaining, plan.attemptTimeoutMs)));
    const signal = attemptAbort.signal;
    try {
      const onDelta = call.onDelta
        ? (delta: StreamDelta) => {
            streamed = true;
            call.onDelta?.(delta);
          }
        : undefined;
      const dropped = call.dropFor?.(deployment) ?? [];
      call.onAttempt?.(deployment);
      const result = adapter
        ? await complete(deployment, adapter, dropped, signal, onDelta)
        : await (call.invoke as NonNullable<AttemptCall["invoke"]>)(deployment, signal);
      deps.health.recordSuccess(deployment.id, {
        latencyMs: result.totalMs,
        ttftMs: result.timeToFirstTokenMs,
        outputTokens: result.usage.output,
      });
      usage.input += result.usage.input;
      usage.output += result.usage.output;
      usage.cached += result.usage.cached;
      if (result.usage.cacheWrite) usage.cacheWrite = (usage.cacheWrite ?? 0) + result.usage.cacheWrite;
      if (result.usage.reasoning) usage.reasoning = (usage.reasoning ?? 0) + result.usage.reasoning;
      if (result.usage.audioInput) usage.audioInput = (usage.audioInput ?? 0) + result.usage.audioInput;
      if (result.usage.audioOutput) usage.audioOutput = (usage.audioOutput ?? 0) + result.usage.audioOutput;
      costUsd += call.costOf
        ? call.costOf(deployment, result.usage)
        : deps.catalog.cost(deployment, result.usage);
      const verdict = await validationErrors(result, call);
      const latency = Math.round(now() - started);
      if (verdict.errors.length === 0) {
        attempts.push({
          provider: deployment.provider,
          model: deployment.model,
          deployment: deployment.id,
          outcome: "ok",
          latency_ms: latency,
        });
        return {
          result,
          deployment,
          json: verdict.json,
          attempts,
          usage,
          costUsd,
          ...(dropped.length > 0 && { droppedParams: dropped }),
        };
      }
      lastErrors = verdict.errors;
      attempts.push({
        provider: deployment.provider,
        model: deployment.model,
        deployment: deployment.id,
        outcome: "invalid_output",
        latency_ms: latency,
        error: verdict.errors.slice(0, 5).join("; "),
      });
      if (reachedCaller()) break; // the caller already has this answer's text: nothing can replace it
      call.stream?.discard();
      const stronger = call.cascade ? escalation.shift() : undefined;
      if (stronger) {
        call.onProgress?.(
          `${deployment.id}: answer failed validation → escalating to ${stronger[0]?.deployment.model ?? "a stronger tier"}`,
        );
        messages = call.messages;
        queue = [...stronger, ...queue];
      } else {
        call.onProgress?.(`${deployment.id}: answer failed validation → asking again with the errors`);
        messages = [
          ...messages,
          { role: "assistant", content: result.text },
          { role: "user", content: repairPrompt(verdict.errors) },
        ];
        queue.unshift(candidate);
        deps.health.recordCancelled(deployment.id);
      }
    } catch (error) {
      const latency = Math.round(now() - started);
      if (!(error instanceof ProviderError)) throw error;
      if (error.kind === "aborted") {
        deps.health.recordCancelled(deployment.id);
        attempts.push({
          provider: deployment.provider,
          model: deployment.model,
          deployment: deployment.id,
          outcome: "cancelled",
          latency_ms: latency,
        });
        throw new ModelmuxError("CANCELLED", "the request was cancelled by the client", {
          attempts,
          usage,
          costUsd,
        });
      }
      deps.health.recordFailure(deployment.id, {
        isRetryable: error.isRetryable,
        retryAfterMs: error.retryAfterMs,
        status: error.status,
      });
      attempts.push({
        provider: deployment.provider,
        model: deployment.model,
        deployment: deployment.id,
        outcome: error.kind === "timeout" ? "timeout" : "error",
        ...(error.status !== undefined && { status: error.status }),
        latency_ms: latency,
        error: error.message,
      });
      lastError = error;
      if (!error.isRetryable || reachedCaller()) {
        throw new ModelmuxError("PROVIDER_CALL_FAILED", `${deployment.id} failed: ${error.message}`, {
          attempts,
          usage,
          costUsd,
        });
      }
      call.stream?.discard();
      if (queue.length === 0) {
        // Last deployment standing: try it again, after its Retry-After or a short backoff.
        queue.push(candidate);
        if (error.retryAfterMs === undefined)
          await sleep(
            Math.min(BACKOFF_BASE_MS * 2 ** retries++, Math.max(0, plan.deadline - now())),
            call.signal,
          );
      }
      const next = queue[0]?.deployment.id;
      call.onProgress?.(
        `${deployment.provider}: ${error.status ?? error.kind} → ${next ? `trying ${next}` : "no other deployment"}`,
      );
    } finally {
      attemptAbort.dispose();
    }
  }

  if (lastErrors.length > 0 && attempts.at(-1)?.outcome === "invalid_output") {
    throw new ModelmuxError(
      "SCHEMA_VALIDATION_FAILED",
      `the answer failed validation after ${attempts.length} attempt(s): ${lastErrors.join("; ")}`,
      {
        attempts,
        errors: lastErrors,
        usage,
        costUsd,
      },
    );
  }
  if (nothingAvailable && attempts.length === 0) {
    throw new ModelmuxError("PROVIDER_CALL_FAILED", unavailableMessage(deps, queue, now()), {
      attempts,
      usage,
      costUsd,
    });
  }
  const why =
    attempts.length >= plan.maxAttempts
      ? `attempt cap (${plan.maxAttempts}) reached`
      : now() >= plan.deadline
        ? "deadline passed"
        : "no deployment left to try";
  throw new ModelmuxError(
    "PROVIDER_CALL_FAILED",
    attempts.length === 0 && why === "deadline passed"
      ? "no provider was tried: the request's deadline (routing.timeoutMs) passed first"
      : `every attempt failed (${why})${lastError ? `; last error: ${lastError.message}` : ""}`,
    { attempts, usage, costUsd },
  );
}
