import { describe, expect, it } from "vitest";
import type { Deployment, Price, Tier } from "../../src/catalog/types.js";
import { ModelmuxError } from "../../src/errors.js";
import { createHealthTracker, type HealthTracker } from "../../src/router/health-tracker.js";
import { ROUTING_PRESETS, type RoutingWeights, resolveWeights } from "../../src/router/presets.js";
import { NEUTRAL_SCORE, type ScoreContext, scoreCandidates } from "../../src/router/scorer.js";

function deployment(id: string, price: Price, model = "llama-3.3-70b"): Deployment {
  return {
    id,
    model,
    provider: id.split("/")[0] ?? id,
    providerModelId: model,
    price,
    priceSource: "config",
  };
}

/** Records `calls` outcomes: the first `failures` fail, the rest succeed with the given timing. */
function feed(
  tracker: HealthTracker,
  id: string,
  timing: { latencyMs: number; ttftMs?: number; outputTokens?: number },
  calls = 20,
  failures = 0,
) {
  for (let call = 0; call < calls; call++) {
    if (call < failures) tracker.recordFailure(id, { isRetryable: true, status: 503 });
    else tracker.recordSuccess(id, timing);
  }
}

const ids = (scored: { deployment: Deployment }[]) => scored.map((candidate) => candidate.deployment.id);
const weightsOnly = (key: keyof RoutingWeights) =>
  resolveWeights("balanced", { uptime: 0, throughput: 0, price: 0, latency: 0, tier: 0, [key]: 1 });

// Three deployments of one model with clear strengths.
const cheap = deployment("cheapco/llama", { input: 0.1, output: 0.2 });
const fast = deployment("fastco/llama", { input: 0.6, output: 0.8 });
const steady = deployment("steadyco/llama", { input: 0.3, output: 0.5 });

function trackerWithHistory(): HealthTracker {
  const tracker = createHealthTracker({ failureThreshold: 100 });
  feed(tracker, cheap.id, { latencyMs: 3_000, ttftMs: 900, outputTokens: 100 }, 20, 4); // 80% up, slow
  feed(tracker, fast.id, { latencyMs: 400, ttftMs: 100, outputTokens: 300 }, 20, 6); // 70% up, fast
  feed(tracker, steady.id, { latencyMs: 1_200, ttftMs: 300, outputTokens: 150 }); // 100% up
  return tracker;
}

function score(candidates: Deployment[], context: Partial<ScoreContext> & { health: HealthTracker }) {
  return scoreCandidates(candidates, { weights: resolveWeights(), ...context });
}

describe("scoreCandidates", () => {
  it("follows each single weight", () => {
    const health = trackerWithHistory();
    const candidates = [cheap, fast, steady];
    expect(ids(score(candidates, { health, weights: weightsOnly("price") }))).toEqual([
      cheap.id,
      steady.id,
      fast.id,
    ]);
    expect(ids(score(candidates, { health, weights: weightsOnly("latency") }))).toEqual([
      fast.id,
      steady.id,
      cheap.id,
    ]);
    expect(ids(score(candidates, { health, weights: weightsOnly("uptime") }))).toEqual([
      steady.id,
      cheap.id,
      fast.id,
    ]);
    expect(ids(score(candidates, { health, weights: weightsOnly("throughput") }))[0]).toBe(fast.id);
  });

  it("orders by preset: balanced favours the reliable one, cheapest the cheap one, fastest the fast one", () => {
    const health = trackerWithHistory();
    const candidates = [cheap, fast, steady];
    expect(ids(score(candidates, { health, weights: resolveWeights("balanced") }))[0]).toBe(steady.id);
    expect(ids(score(candidates, { health, weights: resolveWeights("cheapest") }))[0]).toBe(cheap.id);
    expect(ids(score(candidates, { health, weights: resolveWeights("fastest") }))[0]).toBe(fast.id);
  });

  it("quality prefers the higher tier", () => {
    const health = createHealthTracker();
    const small = deployment("a/small", { input: 0.1, output: 0.1 }, "small-model");
    const flagship = deployment("a/flagship", { input: 5, output: 15 }, "flagship-model");
    const tiers: Record<string, Tier> = { "small-model": "small", "flagship-model": "flagship" };
    const tierOf = (model: string) => tiers[model];
    expect(ids(score([small, flagship], { health, tierOf, weights: resolveWeights("quality") }))[0]).toBe(
      flagship.id,
    );
    expect(ids(score([small, flagship], { health, tierOf, weights: resolveWeights("balanced") }))[0]).toBe(
      small.id,
    );
  });

  it("gives unmeasured deployments a neutral prior, not zero", () => {
    const health = createHealthTracker({ failureThreshold: 100 });
    const unknown = deployment("newco/llama", { input: 0.3, output: 0.5 });
    const flaky = deployment("flakyco/llama", { input: 0.3, output: 0.5 });
    const proven = deployment("provenco/llama", { input: 0.3, output: 0.5 });
    feed(health, flaky.id, { latencyMs: 500, outputTokens: 100 }, 20, 10);
    feed(health, proven.id, { latencyMs: 500, outputTokens: 100 });
    const scored = score([unknown, flaky, proven], { health });
    expect(ids(scored)).toEqual([proven.id, unknown.id, flaky.id]);
    const fresh = scored.find((candidate) => candidate.deployment.id === unknown.id);
    // The uptime prior (0.9) maps to the middle of the uptime score too.
    expect(fresh?.components).toMatchObject({ latency: NEUTRAL_SCORE, throughput: NEUTRAL_SCORE });
    expect(fresh?.components.uptime).toBeCloseTo(NEUTRAL_SCORE);
    expect(fresh?.score).toBeGreaterThan(0.5);
  });

  it("puts unavailable deployments last, with the reason", () => {
    const health = createHealthTracker({ failureThreshold: 2 });
    feed(health, cheap.id, { latencyMs: 100 }, 2, 2); // breaker opens
    health.recordFailure(fast.id, { isRetryable: true, status: 429, retryAfterMs: 60_000 });
    const scored = score([cheap, fast, steady], { health, weights: resolveWeights("cheapest") });
    expect(ids(scored)[0]).toBe(steady.id);
    expect(scored.slice(1).map((candidate) => [candidate.available, candidate.unavailableReason])).toEqual(
      expect.arrayContaining([
        [false, "breaker_open"],
        [false, "retry_after"],
      ]),
    );
  });

  it("weights the price by expected tokens when given", () => {
    const health = createHealthTracker();
    const cheapOutput = deployment("a/x", { input: 5, output: 2 });
    const cheapInput = deployment("b/x", { input: 1, output: 10 });
    const weights = weightsOnly("price");
    expect(ids(score([cheapOutput, cheapInput], { health, weights }))[0]).toBe(cheapInput.id);
    const outputHeavy = { input: 100, output: 1_000 };
    expect(ids(score([cheapInput, cheapOutput], { health, weights, expectedTokens: outputHeavy }))[0]).toBe(
      cheapOutput.id,
    );
  });

  it("scores latency by time to first token for streaming callers", () => {
    const health = createHealthTracker();
    const quickStart = deployment("a/x", { input: 1, output: 1 });
    const quickFinish = deployment("b/x", { input: 1, output: 1 });
    feed(health, quickStart.id, { latencyMs: 2_000, ttftMs: 100 });
    feed(health, quickFinish.id, { latencyMs: 1_000, ttftMs: 800 });
    const weights = weightsOnly("latency");
    expect(ids(score([quickStart, quickFinish], { health, weights }))[0]).toBe(quickFinish.id);
    expect(ids(score([quickFinish, quickStart], { health, weights, streaming: true }))[0]).toBe(
      quickStart.id,
    );
  });

  it("keeps every component and score within 0..1 and ties in the caller's order", () => {
    const health = trackerWithHistory();
    const free = deployment("ollama/llama", { input: 0, output: 0 });
    for (const scored of score([cheap, fast, steady, free], { health })) {
      expect(scored.score).toBeGreaterThanOrEqual(0);
      expect(scored.score).toBeLessThanOrEqual(1);
      for (const value of Object.values(scored.components)) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
    const twins = [deployment("a/x", { input: 1, output: 1 }), deployment("b/x", { input: 1, output: 1 })];
    expect(ids(score(twins, { health: createHealthTracker() }))).toEqual(["a/x", "b/x"]);
  });
});

describe("routing presets", () => {
  it("balanced is the documented default: uptime 50%, throughput 20%, price 20%, latency 10%", () => {
    expect(resolveWeights()).toEqual({ uptime: 0.5, throughput: 0.2, price: 0.2, latency: 0.1, tier: 0 });
  });

  it("normalises every preset and override to sum to 1", () => {
    for (const preset of Object.keys(ROUTING_PRESETS) as (keyof typeof ROUTING_PRESETS)[]) {
      const weights = resolveWeights(preset, { price: 2 });
      const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
      expect(total).toBeCloseTo(1);
    }
  });

  it("rejects negative or all-zero weights", () => {
    expect(() => resolveWeights("balanced", { price: -1 })).toThrow(ModelmuxError);
    expect(() =>
      resolveWeights("balanced", { uptime: 0, throughput: 0, price: 0, latency: 0, tier: 0 }),
    ).toThrow(/must not all be 0/);
  });
});
