import { describe, expect, it } from "vitest";
import { medianAndP95, rankIndex, selectRank } from "../../src/usage/select-rank.js";

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

  it("gives nearest-rank p50 and p95 equal to sorting, on sorted, reversed and random input", () => {
    const random = sample(10_001, 42, 2_000);
    const ascending = random.slice().sort();
    const descending = ascending.slice().reverse();
    const expected = {
      p50: ascending[rankIndex(ascending.length, 50)],
      p95: ascending[rankIndex(ascending.length, 95)],
    };
    for (const values of [random, ascending.slice(), descending])
      expect(medianAndP95(values)).toEqual(expected);
    expect(medianAndP95(new Float64Array([2, 5, 100, 200, 400, 800, 1500]))).toEqual({ p50: 200, p95: 1500 });
    expect(medianAndP95(new Float64Array())).toEqual({ p50: 0, p95: 0 });
  });
});
