import { describe, expect, it } from "vitest";
import type { Deployment } from "../../src/catalog/types.js";
import { createHealthTracker } from "../../src/router/health-tracker.js";
import { createRandom } from "../../src/router/random.js";
import { createRouter } from "../../src/router/router.js";

function deployment(id: string, input: number, output: number): Deployment {
  return {
    id,
    model: "llama-3.3-70b",
    provider: id.split("/")[0] ?? id,
    providerModelId: "llama-3.3-70b",
    price: { input, output },
    priceSource: "config",
  };
}

const candidates = [
  deployment("groq/llama", 0.59, 0.79),
  deployment("together/llama", 0.88, 0.88),
  deployment("fireworks/llama", 0.9, 0.9),
  deployment("lab/llama", 0.2, 0.2),
];

describe("createRouter", () => {
  it("explores in about 1% of 10,000 decisions and otherwise returns the best-scored order", () => {
    const health = createHealthTracker();
    const router = createRouter({ health, random: createRandom(20240607) });
    const best = router.pick(candidates, { preset: "cheapest" }).ordered[0]?.deployment.id;
    let explored = 0;
    for (let decision = 0; decision < 10_000; decision++) {
      const result = router.pick(candidates, { preset: "cheapest" });
      if (result.explored) {
        explored++;
        expect(result.ordered[0]?.deployment.id).not.toBe(best);
        expect(result.reason).toMatch(/exploration/);
      } else {
        expect(result.ordered[0]?.deployment.id).toBe(best);
      }
    }
    // Explorations ~ Binomial(n = 10,000, p = 0.01): mean 100, sd = sqrt(n·p·(1−p)) ≈ 9.95.
    // 60..140 is the mean ± 4 sd, which any fair seed misses with probability < 1e-4;
    // the seed is fixed, so this is deterministic, and still fails if the rate were off by 40%.
    expect(explored).toBeGreaterThanOrEqual(60);
    expect(explored).toBeLessThanOrEqual(140);
  });

  it("explores only among available deployments and spreads over them", () => {
    const health = createHealthTracker({ failureThreshold: 1 });
    health.recordFailure("fireworks/llama", { isRetryable: true, status: 503 });
    const router = createRouter({ health, exploration: 1, random: createRandom(1) });
    const seen = new Set<string>();
    for (let decision = 0; decision < 300; decision++) {
      const result = router.pick(candidates);
      expect(result.explored).toBe(true);
      const first = result.ordered[0];
      expect(first?.available).toBe(true);
      seen.add(first?.deployment.id ?? "");
      expect(result.ordered.at(-1)?.deployment.id).toBe("fireworks/llama");
      expect(result.ordered).toHaveLength(candidates.length);
    }
    // Every healthy candidate except the best gets explored.
    expect(seen.size).toBe(2);
    expect(seen.has("fireworks/llama")).toBe(false);
  });

  it("never explores with a single healthy candidate or exploration 0", () => {
    const health = createHealthTracker();
    const always = createRouter({ health, exploration: 1 });
    expect(always.pick(candidates.slice(0, 1)).explored).toBe(false);
    const never = createRouter({ health, exploration: 0 });
    for (let decision = 0; decision < 1_000; decision++) expect(never.pick(candidates).explored).toBe(false);
  });

  it("uses the default preset, per-call presets and per-call weights", () => {
    const health = createHealthTracker();
    health.recordSuccess("together/llama", { latencyMs: 100, outputTokens: 500 });
    health.recordSuccess("lab/llama", { latencyMs: 4_000, outputTokens: 50 });
    const router = createRouter({ health, preset: "cheapest", exploration: 0 });
    expect(router.pick(candidates).ordered[0]?.deployment.id).toBe("lab/llama");
    expect(router.pick(candidates).reason).toMatch(/cheapest/);
    expect(router.pick(candidates, { preset: "fastest" }).ordered[0]?.deployment.id).toBe("together/llama");
    const latencyOnly = { uptime: 0, throughput: 0, price: 0, latency: 1 };
    const custom = router.pick(candidates, { weights: latencyOnly });
    expect(custom.ordered[0]?.deployment.id).toBe("together/llama");
    expect(custom.reason).toMatch(/own weights/);
  });

  it("explains when nothing is available or there is nothing to pick from", () => {
    const health = createHealthTracker({ failureThreshold: 1 });
    for (const candidate of candidates) health.recordFailure(candidate.id, { isRetryable: true });
    const router = createRouter({ health, exploration: 1 });
    const result = router.pick(candidates);
    expect(result.explored).toBe(false);
    expect(result.ordered.every((candidate) => !candidate.available)).toBe(true);
    expect(result.reason).toMatch(/no deployment available/);
    expect(router.pick([]).reason).toMatch(/no candidate/);
  });

  it("rejects an exploration rate outside 0..1", () => {
    expect(() => createRouter({ health: createHealthTracker(), exploration: 1.5 })).toThrow(RangeError);
  });
});

describe("createRandom", () => {
  it("is deterministic per seed and uniform enough", () => {
    const first = createRandom(99);
    const second = createRandom(99);
    const buckets = new Array<number>(10).fill(0);
    let mismatches = 0;
    let outOfRange = 0;
    for (let draw = 0; draw < 100_000; draw++) {
      const value = first();
      if (value !== second()) mismatches++;
      if (!(value >= 0 && value < 1)) outOfRange++;
      const bucket = Math.floor(value * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    expect(mismatches).toBe(0);
    expect(outOfRange).toBe(0);
    // Each bucket expects 10,000 (sd ≈ 95); ±500 is over 5 sd.
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    expect(createRandom(1)()).not.toBe(createRandom(2)());
  });
});
