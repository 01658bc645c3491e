import type { CancelSignal } from "../cancel-signal.js";
import type { Deployment } from "../catalog/types.js";
import { ModelmuxError } from "../errors.js";
import { ProviderError } from "../providers/provider-error.js";
import type { HealthTracker } from "../router/health-tracker.js";
import type { ScoredCandidate } from "../router/scorer.js";
import type { Attempt } from "./route-types.js";
import { attemptSignal, BACKOFF_BASE_MS, sleep } from "./run-attempts.js";

export interface FailoverPlan {
  /** Candidates in try order. */
  queue: ScoredCandidate[];
  maxAttempts: number;
  deadline: number;
  attemptTimeoutMs: number;
  signal?: CancelSignal;
  onProgress?: (message: string) => void;
}

export interface FailoverOutcome<T> {
  value: T;
  deployment: Deployment;
  attempts: Attempt[];
}

function attemptOf(
  deployment: Deployment,
  fields: Omit<Attempt, "provider" | "model" | "deployment">,
): Attempt {
  return { provider: deployment.provider, model: deployment.model, deployment: deployment.id, ...fields };
}

/**
 * Failover for calls whose answer needs no validation (embeddings): the same rules as chat's
 * runAttempts (one attempt cap and one deadline, the health tracker's breaker and Retry-After,
 * retryable failures move on, others fail fast, the last deployment standing is retried after a
 * backoff), without re-asks or streaming. `call` gets each attempt's own signal (timeout included).
 */
export async function runFailover<T extends { totalMs: number }>(
  health: HealthTracker,
  plan: FailoverPlan,
  call: (deployment: Deployment, signal: CancelSignal) => Promise<T>,
  now: () => number = Date.now,
): Promise<FailoverOutcome<T>> {
  const attempts: Attempt[] = [];
  const queue = [...plan.queue];
  let lastError: ProviderError | undefined;
  let retries = 0;

  while (attempts.length < plan.maxAttempts) {
    if (plan.signal?.aborted) throw new ModelmuxError("CANCELLED", "the request was cancelled", { attempts });
    const remaining = plan.deadline - now();
    if (remaining <= 0) break;
    const index = queue.findIndex((candidate) => health.beginAttempt(candidate.deployment.id));
    if (index < 0) {
      // Everything left is cooling down: wait for the earliest Retry-After if it fits the deadline.
      const until = Math.min(
        ...queue.map(
          (entry) => health.snapshot(entry.deployment.id).retryAfterUntil ?? Number.POSITIVE_INFINITY,
        ),
      );
      if (!Number.isFinite(until) || until - now() >= remaining) break;
      plan.onProgress?.(`all deployments cooling down; waiting ${Math.ceil(until - now())} ms (Retry-After)`);
      await sleep(Math.max(0, until - now()), plan.signal);
      continue;
    }
    const [candidate] = queue.splice(index, 1) as [ScoredCandidate];
    const { deployment } = candidate;
    const started = now();
    const attemptAbort = attemptSignal(plan.signal, Math.max(1, Math.min(remaining, plan.attemptTimeoutMs)));
    try {
      const value = await call(deployment, attemptAbort.signal);
      health.recordSuccess(deployment.id, { latencyMs: value.totalMs });
      attempts.push(attemptOf(deployment, { outcome: "ok", latency_ms: Math.round(now() - started) }));
      return { value, deployment, attempts };
    } catch (error) {
      const latency = Math.round(now() - started);
      if (!(error instanceof ProviderError)) throw error;
      if (error.kind === "aborted") {
        health.recordCancelled(deployment.id);
        attempts.push(attemptOf(deployment, { outcome: "cancelled", latency_ms: latency }));
        throw new ModelmuxError("CANCELLED", "the request was cancelled by the client", { attempts });
      }
      health.recordFailure(deployment.id, {
        isRetryable: error.isRetryable,
        retryAfterMs: error.retryAfterMs,
        status: error.status,
      });
      attempts.push(
        attemptOf(deployment, {
          outcome: error.kind === "timeout" ? "timeout" : "error",
          ...(error.status !== undefined && { status: error.status }),
          latency_ms: latency,
          error: error.message,
        }),
      );
      lastError = error;
      if (!error.isRetryable)
        throw new ModelmuxError("PROVIDER_CALL_FAILED", `${deployment.id} failed: ${error.message}`, {
          attempts,
        });
      if (queue.length === 0) {
        // Last deployment standing: try it again, after its Retry-After or a short backoff.
        queue.push(candidate);
        if (error.retryAfterMs === undefined)
          await sleep(
            Math.min(BACKOFF_BASE_MS * 2 ** retries++, Math.max(0, plan.deadline - now())),
            plan.signal,
          );
      }
      const next = queue[0]?.deployment.id;
      plan.onProgress?.(
        `${deployment.provider}: ${error.status ?? error.kind} → ${next ? `trying ${next}` : "no other deployment"}`,
      );
    } finally {
      attemptAbort.dispose();
    }
  }
  const why =
    attempts.length >= plan.maxAttempts
      ? `attempt cap (${plan.maxAttempts}) reached`
      : now() >= plan.deadline
        ? "deadline passed"
        : "no deployment left to try";
  throw new ModelmuxError(
    "PROVIDER_CALL_FAILED",
    `every attempt failed (${why})${lastError ? `; last error: ${lastError.message}` : ""}`,
    { attempts },
  );
}
