import { describe, expect, it } from "vitest";
import { createHealthTracker } from "../../src/router/health-tracker.js";

function fakeClock(start = 1_000_000) {
  let time = start;
  return {
    now: () => time,
    advance(milliseconds: number) {
      time += milliseconds;
    },
  };
}

const ID = "groq/llama-3.3-70b";

describe("health tracker statistics", () => {
  it("reports nulls and availability for a deployment it has never seen", () => {
    const tracker = createHealthTracker();
    expect(tracker.snapshot(ID)).toMatchObject({
      uptime: null,
      latencyMs: null,
      ttftMs: null,
      throughputTps: null,
      requests: 0,
      breaker: "closed",
      available: true,
    });
    expect(tracker.isAvailable(ID)).toBe(true);
    expect(tracker.snapshotAll()).toEqual({});
  });

  it("computes uptime, latency, ttft and throughput over the rolling window", () => {
    const tracker = createHealthTracker({ windowSize: 4 });
    tracker.recordSuccess(ID, { latencyMs: 1_000, ttftMs: 200, outputTokens: 80 });
    tracker.recordSuccess(ID, { latencyMs: 3_000, ttftMs: 400, outputTokens: 260 });
    tracker.recordFailure(ID, { isRetryable: true, status: 503 });
    const snapshot = tracker.snapshot(ID);
    expect(snapshot.uptime).toBeCloseTo(2 / 3);
    expect(snapshot.latencyMs).toBe(2_000);
    expect(snapshot.ttftMs).toBe(300);
    // 340 tokens over (800 + 2600) ms of generation.
    expect(snapshot.throughputTps).toBeCloseTo(100);
    expect(snapshot).toMatchObject({ requests: 3, failures: 1, samples: 3, consecutiveFailures: 1 });
  });

  it("forgets outcomes older than the window", () => {
    const tracker = createHealthTracker({ windowSize: 3, failureThreshold: 100 });
    tracker.recordFailure(ID, { isRetryable: true });
    tracker.recordFailure(ID, { isRetryable: true });
    for (let call = 0; call < 3; call++) tracker.recordSuccess(ID, { latencyMs: 100 });
    expect(tracker.snapshot(ID).uptime).toBe(1);
    expect(tracker.snapshot(ID).requests).toBe(5);
    for (let call = 0; call < 10; call++) tracker.recordSuccess(ID, { latencyMs: 100 + call * 100 });
    // Last three latencies: 800, 900, 1000.
    expect(tracker.snapshot(ID).latencyMs).toBeCloseTo(900);
  });

  it("uses the whole call as generation time for non-streamed answers", () => {
    const tracker = createHealthTracker();
    tracker.recordSuccess(ID, { latencyMs: 500, outputTokens: 50 });
    expect(tracker.snapshot(ID).ttftMs).toBe(500);
    expect(tracker.snapshot(ID).throughputTps).toBeCloseTo(100);
  });

  it("does not hold client errors against the deployment, but does count auth failures", () => {
    const tracker = createHealthTracker();
    tracker.recordFailure(ID, { isRetryable: false, status: 400 });
    tracker.recordFailure(ID, { isRetryable: false, status: 422 });
    expect(tracker.snapshot(ID)).toMatchObject({ uptime: null, requests: 0, failures: 0 });
    tracker.recordFailure(ID, { isRetryable: false, status: 401 });
    expect(tracker.snapshot(ID)).toMatchObject({ uptime: 0, requests: 1, failures: 1 });
  });

  it("returns copies from snapshot and snapshotAll", () => {
    const tracker = createHealthTracker();
    tracker.recordSuccess(ID, { latencyMs: 100 });
    const copy = tracker.snapshot(ID);
    tracker.recordFailure(ID, { isRetryable: true });
    expect(copy.uptime).toBe(1);
    expect(tracker.snapshotAll()[ID]?.uptime).toBe(0.5);
  });
});

describe("circuit breaker and Retry-After", () => {
  it("opens after N consecutive failures, half-opens after the cooldown with one probe, closes on success", () => {
    const clock = fakeClock();
    const tracker = createHealthTracker({ failureThreshold: 3, cooldownMs: 10_000, now: clock.now });
    tracker.recordFailure(ID, { isRetryable: true });
    tracker.recordFailure(ID, { isRetryable: true });
    tracker.recordSuccess(ID, { latencyMs: 100 }); // resets the consecutive count
    tracker.recordFailure(ID, { isRetryable: true });
    tracker.recordFailure(ID, { isRetryable: true });
    expect(tracker.snapshot(ID).breaker).toBe("closed");
    tracker.recordFailure(ID, { isRetryable: true });
    expect(tracker.snapshot(ID)).toMatchObject({
      breaker: "open",
      available: false,
      unavailableReason: "breaker_open",
    });
    expect(tracker.beginAttempt(ID)).toBe(false);

    clock.advance(9_999);
    expect(tracker.isAvailable(ID)).toBe(false);
    clock.advance(1);
    expect(tracker.snapshot(ID)).toMatchObject({ breaker: "half_open", available: true });
    expect(tracker.beginAttempt(ID)).toBe(true); // the one probe
    expect(tracker.beginAttempt(ID)).toBe(false);
    expect(tracker.snapshot(ID)).toMatchObject({ available: false, unavailableReason: "probe_in_flight" });

    tracker.recordSuccess(ID, { latencyMs: 100 });
    expect(tracker.snapshot(ID)).toMatchObject({
      breaker: "closed",
      available: true,
      consecutiveFailures: 0,
    });
    expect(tracker.beginAttempt(ID)).toBe(true);
    expect(tracker.beginAttempt(ID)).toBe(true);
  });

  it("re-opens when the half-open probe fails", () => {
    const clock = fakeClock();
    const tracker = createHealthTracker({ failureThreshold: 1, cooldownMs: 1_000, now: clock.now });
    tracker.recordFailure(ID, { isRetryable: true });
    clock.advance(1_000);
    expect(tracker.beginAttempt(ID)).toBe(true);
    tracker.recordFailure(ID, { isRetryable: true });
    expect(tracker.snapshot(ID).breaker).toBe("open");
    clock.advance(999);
    expect(tracker.isAvailable(ID)).toBe(false);
    clock.advance(1);
    expect(tracker.snapshot(ID).breaker).toBe("half_open");
  });

  it("frees the probe slot when the probe is cancelled or never reports back", () => {
    const clock = fakeClock();
    const tracker = createHealthTracker({ failureThreshold: 1, cooldownMs: 1_000, now: clock.now });
    tracker.recordFailure(ID, { isRetryable: true });
    clock.advance(1_000);
    expect(tracker.beginAttempt(ID)).toBe(true);
    tracker.recordCancelled(ID);
    expect(tracker.beginAttempt(ID)).toBe(true);
    expect(tracker.beginAttempt(ID)).toBe(false);
    clock.advance(1_000); // lost probe: the lease runs out after one cooldown
    expect(tracker.beginAttempt(ID)).toBe(true);
  });

  it("keeps a deployment out until Retry-After has passed, without opening the breaker", () => {
    const clock = fakeClock();
    const tracker = createHealthTracker({ now: clock.now });
    tracker.recordFailure(ID, { isRetryable: true, status: 429, retryAfterMs: 2_000 });
    expect(tracker.snapshot(ID)).toMatchObject({
      breaker: "closed",
      available: false,
      unavailableReason: "retry_after",
      retryAfterUntil: clock.now() + 2_000,
    });
    expect(tracker.beginAttempt(ID)).toBe(false);
    clock.advance(2_000);
    expect(tracker.isAvailable(ID)).toBe(true);
    expect(tracker.snapshot(ID).retryAfterUntil).toBeUndefined();
    expect(tracker.beginAttempt(ID)).toBe(true);
  });

  it("caps absurd Retry-After values", () => {
    const clock = fakeClock();
    const tracker = createHealthTracker({ now: clock.now, maxRetryAfterMs: 60_000 });
    tracker.recordFailure(ID, { isRetryable: true, status: 429, retryAfterMs: 86_400_000 });
    clock.advance(60_000);
    expect(tracker.isAvailable(ID)).toBe(true);
  });
});
