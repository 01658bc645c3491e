import { type BreakerState, type CircuitBreaker, createCircuitBreaker } from "./circuit-breaker.js";
import { createRollingWindow, type RollingWindow } from "./rolling-window.js";

export interface HealthTrackerOptions {
  /** Outcomes (and successful timings) remembered per deployment. Default 50. */
  windowSize?: number;
  /** Consecutive failures that open a deployment's breaker. Default 5. */
  failureThreshold?: number;
  /** Cooldown of an open breaker before one probe is let through. Default 30 s. */
  cooldownMs?: number;
  /** Longest Retry-After honoured, so one bad header cannot bench a deployment for a day. Default 5 min. */
  maxRetryAfterMs?: number;
  now?: () => number;
}

export interface SuccessSample {
  latencyMs: number;
  /** Defaults to latencyMs (a non-streamed answer). */
  ttftMs?: number;
  outputTokens?: number;
}

export interface FailureSample {
  isRetryable: boolean;
  retryAfterMs?: number;
  status?: number;
}

export type UnavailableReason = "breaker_open" | "probe_in_flight" | "retry_after";

export interface HealthSnapshot {
  /** Share of successes in the window, 0..1; null before any outcome. */
  uptime: number | null;
  /** Mean over the window's successful calls; null before any. */
  latencyMs: number | null;
  ttftMs: number | null;
  /** Output tokens per second of generation; null before any tokens. */
  throughputTps: number | null;
  /** Outcomes in the rolling window. */
  samples: number;
  /** Lifetime outcomes and failures counted against the deployment. */
  requests: number;
  failures: number;
  consecutiveFailures: number;
  breaker: BreakerState;
  available: boolean;
  unavailableReason?: UnavailableReason;
  /** Epoch ms until which the provider asked us to wait. */
  retryAfterUntil?: number;
  /** While the breaker is open: when it cools down and lets one probe through (epoch ms). */
  breakerCoolsDownAt?: number;
}

export interface HealthTracker {
  recordSuccess(id: string, sample: SuccessSample): void;
  recordFailure(id: string, failure: FailureSample): void;
  /** A call that ended without a verdict (cancelled by our caller); frees a half-open probe slot. */
  recordCancelled(id: string): void;
  /** Call before each upstream attempt: false when the deployment may not be tried now. */
  beginAttempt(id: string): boolean;
  isAvailable(id: string): boolean;
  /** A copy, safe to keep. */
  snapshot(id: string): HealthSnapshot;
  /**
   * The live snapshot, refreshed in place: for hot paths that read and forget. Do not keep or
   * mutate. `at` lets a caller reading many deployments consult the clock once.
   */
  peek(id: string, at?: number): Readonly<HealthSnapshot>;
  /** The tracker's clock (injected in tests). */
  now(): number;
  snapshotAll(): Record<string, HealthSnapshot>;
}

interface Entry {
  window: RollingWindow;
  breaker: CircuitBreaker;
  retryAfterUntil: number;
  requests: number;
  failures: number;
  view: HealthSnapshot;
}

const UNKNOWN: Readonly<HealthSnapshot> = Object.freeze({
  uptime: null,
  latencyMs: null,
  ttftMs: null,
  throughputTps: null,
  samples: 0,
  requests: 0,
  failures: 0,
  consecutiveFailures: 0,
  breaker: "closed",
  available: true,
});

// Client errors (bad request, too long a prompt) say nothing about the deployment; auth and
// missing-model errors do: that deployment is misconfigured for everyone.
export function countsAgainstDeployment(failure: FailureSample): boolean {
  return failure.isRetryable || failure.status === 401 || failure.status === 403 || failure.status === 404;
}

/** Per-deployment rolling health and circuit breakers, in plain maps, synchronous. */
export function createHealthTracker(options: HealthTrackerOptions = {}): HealthTracker {
  const windowSize = options.windowSize ?? 50;
  const breakerOptions = {
    failureThreshold: options.failureThreshold ?? 5,
    cooldownMs: options.cooldownMs ?? 30_000,
  };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 300_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  function entryFor(id: string): Entry {
    let entry = entries.get(id);
    if (!entry) {
      entry = {
        window: createRollingWindow(windowSize),
        breaker: createCircuitBreaker(breakerOptions),
        retryAfterUntil: 0,
        requests: 0,
        failures: 0,
        view: { ...UNKNOWN },
      };
      entries.set(id, entry);
    }
    return entry;
  }

  function refreshStatistics(entry: Entry): void {
    const { window, view } = entry;
    view.uptime = window.outcomes === 0 ? null : window.successes / window.outcomes;
    view.latencyMs = window.timings === 0 ? null : window.latencySum / window.timings;
    view.ttftMs = window.timings === 0 ? null : window.ttftSum / window.timings;
    view.throughputTps =
      window.outputTokensSum > 0 && window.generationMsSum > 0
        ? window.outputTokensSum / (window.generationMsSum / 1000)
        : null;
    view.samples = window.outcomes;
    view.requests = entry.requests;
    view.failures = entry.failures;
    view.consecutiveFailures = entry.breaker.consecutiveFailures;
  }

  // Breaker state and Retry-After change with time alone, so they are worked out at read time.
  function refreshAvailability(entry: Entry, at: number): HealthSnapshot {
    const { view, breaker } = entry;
    view.breaker = breaker.state(at);
    view.breakerCoolsDownAt = view.breaker === "open" ? breaker.coolsDownAt() : undefined;
    const waiting = entry.retryAfterUntil > at;
    view.retryAfterUntil = waiting ? entry.retryAfterUntil : undefined;
    view.available = !waiting && breaker.canAttempt(at);
    view.unavailableReason = waiting
      ? "retry_after"
      : view.available
        ? undefined
        : view.breaker === "open"
          ? "breaker_open"
          : "probe_in_flight";
    return view;
  }

  function peek(id: string, at?: number): Readonly<HealthSnapshot> {
    const entry = entries.get(id);
    return entry ? refreshAvailability(entry, at ?? now()) : UNKNOWN;
  }

  return {
    recordSuccess(id, sample) {
      const entry = entryFor(id);
      entry.requests++;
      entry.window.addOutcome(true);
      entry.window.addTiming(sample.latencyMs, sample.ttftMs ?? sample.latencyMs, sample.outputTokens ?? 0);
      entry.breaker.onSuccess();
      refreshStatistics(entry);
    },
    recordFailure(id, failure) {
      const entry = entryFor(id);
      if (failure.retryAfterMs !== undefined) {
        const until = now() + Math.min(Math.max(0, failure.retryAfterMs), maxRetryAfterMs);
        entry.retryAfterUntil = Math.max(entry.retryAfterUntil, until);
      }
      if (!countsAgainstDeployment(failure)) {
        entry.breaker.onCancel();
        return;
      }
      entry.requests++;
      entry.failures++;
      entry.window.addOutcome(false);
      entry.breaker.onFailure(now());
      refreshStatistics(entry);
    },
    recordCancelled(id) {
      entries.get(id)?.breaker.onCancel();
    },
    beginAttempt(id) {
      const entry = entryFor(id);
      const at = now();
      return entry.retryAfterUntil <= at && entry.breaker.beginAttempt(at);
    },
    isAvailable: (id) => peek(id).available,
    snapshot: (id) => ({ ...peek(id) }),
    peek,
    now,
    snapshotAll() {
      const all: Record<string, HealthSnapshot> = {};
      for (const id of entries.keys()) all[id] = { ...peek(id) };
      return all;
    },
  };
}
