import { describe, expect, it } from "vitest";
import { BUCKET_RATIO, histogramPercentiles } from "../../src/usage/latency-histogram.js";
import { medianAndP95 } from "../../src/usage/select-rank.js";

/** The bucket migration 2's modelmux_latency_bucket() gives a latency. */
function bucketOf(ms: number): number {
  return ms < 1 ? 0 : 1 + Math.floor(Math.log(ms) / Math.log(BUCKET_RATIO));
}

function histogramOf(latencies: number[]): Map<number, number> {
  const histogram = new Map<number, number>();
  for (const ms of latencies) histogram.set(bucketOf(ms), (histogram.get(bucketOf(ms)) ?? 0) + 1);
  return histogram;
}

/** Whole-millisecond latencies from a fixed pseudo-random sequence: `shape` maps a uniform [0, 1) to one. */
function latencies(count: number, seed: number, shape: (uniform: number) => number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.round(shape(state / 2_147_483_648));
  });
}

describe("histogramPercentiles", () => {
  it("is within one bucket (5 %) of the exact percentile_cont; on smooth spreads within 0.5 % or 0.5 ms", () => {
    const samples = {
      uniform: latencies(20_000, 1, (u) => 20 + 2_000 * u),
      "long tail": latencies(20_000, 2, (u) => 80 / (1 - u) ** 0.7),
      "two modes": latencies(20_000, 3, (u) => (u < 0.8 ? 3 + 40 * u : 900 + 9_000 * (u - 0.8))),
    };
    for (const [name, sample] of Object.entries(samples)) {
      const exact = medianAndP95(Float64Array.from(sample));
      const estimate = histogramPercentiles(histogramOf(sample));
      for (const which of ["p50", "p95"] as const) {
        // Whole milliseconds are coarser than a bucket below ~20 ms: there the bound is half a millisecond.
        const allowed = Math.max(0.005 * exact[which], 0.5);
        const error = Math.abs(estimate[which] - exact[which]);
        expect(error, `${name} ${which}: ${estimate[which]} against ${exact[which]}`).toBeLessThan(allowed);
      }
    }
    // The worst case: every latency at the bottom of its bucket (exact powers of the ratio) is still inside it.
    const edges = Array.from({ length: 101 }, (_, index) => BUCKET_RATIO ** (100 + index));
    const exact = medianAndP95(Float64Array.from(edges));
    const estimate = histogramPercentiles(histogramOf(edges));
    expect(Math.abs(estimate.p50 - exact.p50) / exact.p50).toBeLessThan(0.05);
    expect(Math.abs(estimate.p95 - exact.p95) / exact.p95).toBeLessThan(0.05);
  });

  it("gives 0 for an empty histogram and for latencies of 0 ms", () => {
    expect(histogramPercentiles(new Map())).toEqual({ p50: 0, p95: 0 });
    expect(histogramPercentiles(new Map([[0, 12]]))).toEqual({ p50: 0, p95: 0 });
  });
});
