import { describe, expect, it } from "vitest";
import { medianAndP95, selectRank } from "../../src/usage/select-rank.js";

/** A deterministic pseudo-random sample (no Math.random: failures must reproduce). */
function sample(length: number, seed: number, distinct: number): Float64Array {
  const values = new Float64Array(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    values[index] = state % distinct;
  }
  return values;
}

describe("selectRank", () => {
  it("agrees with a full sort for every rank of small samples, duplicates included", () => {
    for (const [length, distinct] of [
      [1, 1],
      [2, 2],
      [7, 3],
      [50, 1],
      [64, 64],
      [101, 10],
    ] as const) {
      const sorted = sample(length, length, distinct).sort();
      for (let rank = 0; rank < length; rank++) {
        expect(selectRank(sample(length, length, distinct), rank)).toBe(sorted[rank]);
      }
    }
  });

  it("gives percentile_cont p50 and p95 equal to interpolating a sorted copy, on sorted, reversed and random input", () => {
    /** The textbook definition: rank p·(n−1) of the sorted values, interpolated linearly. */
    function percentileCont(sorted: Float64Array, p: number): number {
      const at = p * (sorted.length - 1);
      const low = sorted[Math.floor(at)] as number;
      const high = sorted[Math.ceil(at)] as number;
      return low + (at - Math.floor(at)) * (high - low);
    }
    for (const [length, distinct] of [
      [1, 1],
      [2, 2],
      [3, 3],
      [20, 20],
      [21, 5],
      [10_001, 2_000],
      [10_000, 7],
    ] as const) {
      const random = sample(length, 42 + length, distinct);
      const ascending = random.slice().sort();
      const descending = ascending.slice().reverse();
      const expected = { p50: percentileCont(ascending, 0.5), p95: percentileCont(ascending, 0.95) };
      for (const values of [random, ascending.slice(), descending])
        expect(medianAndP95(values)).toEqual(expected);
    }
    // Sorted 2 5 100 200 400 800 1500: p50 at rank 3; p95 at rank 5.7, 70 % of the way from 800 to 1500.
    const { p50, p95 } = medianAndP95(new Float64Array([1500, 2, 400, 5, 800, 100, 200]));
    expect(p50).toBe(200);
    expect(p95).toBeCloseTo(1_290, 9);
    expect(medianAndP95(new Float64Array([10, 20]))).toEqual({ p50: 15, p95: 19.5 });
    expect(medianAndP95(new Float64Array())).toEqual({ p50: 0, p95: 0 });
  });
});
