export type BreakerState = "closed" | "open" | "half_open";

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker cools down before one probe is let through. */
  cooldownMs: number;
}

/**
 * closed → open after N consecutive failures → half_open once the cooldown has passed, which lets
 * exactly one probe through → closed on its success, open again on its failure. Time is passed
 * in so the owner's clock (fake in tests) is the only clock.
 */
export interface CircuitBreaker {
  readonly consecutiveFailures: number;
  state(now: number): BreakerState;
  /** Whether a call may start now, without taking the half-open probe slot. */
  canAttempt(now: number): boolean;
  /** Starts a call if allowed; in half_open this takes the single probe slot. */
  beginAttempt(now: number): boolean;
  onSuccess(): void;
  onFailure(now: number): void;
  /** A call that ended without a verdict (cancelled by the caller) frees the probe slot. */
  onCancel(): void;
  /** When an open breaker lets its next probe through (epoch ms); undefined when closed. */
  coolsDownAt(): number | undefined;
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  let consecutiveFailures = 0;
  let openedAt: number | undefined;
  let probeStartedAt: number | undefined;

  function state(now: number): BreakerState {
    if (openedAt === undefined) return "closed";
    return now - openedAt >= options.cooldownMs ? "half_open" : "open";
  }

  // A probe that never reports back (lost promise, crash) must not hold the slot forever.
  function probeSlotFree(now: number): boolean {
    return probeStartedAt === undefined || now - probeStartedAt >= options.cooldownMs;
  }

  return {
    get consecutiveFailures() {
      return consecutiveFailures;
    },
    state,
    canAttempt(now) {
      const current = state(now);
      return current === "closed" || (current === "half_open" && probeSlotFree(now));
    },
    beginAttempt(now) {
      const current = state(now);
      if (current === "closed") return true;
      if (current === "open" || !probeSlotFree(now)) return false;
      probeStartedAt = now;
      return true;
    },
    onSuccess() {
      consecutiveFailures = 0;
      openedAt = undefined;
      probeStartedAt = undefined;
    },
    onFailure(now) {
      consecutiveFailures++;
      const current = state(now);
      if (current === "half_open") {
        openedAt = now; // the probe failed: cool down again
        probeStartedAt = undefined;
      } else if (current === "closed" && consecutiveFailures >= options.failureThreshold) {
        openedAt = now;
      }
    },
    onCancel() {
      probeStartedAt = undefined;
    },
    coolsDownAt() {
      return openedAt === undefined ? undefined : openedAt + options.cooldownMs;
    },
  };
}
