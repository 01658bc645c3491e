import { describe, expect, it } from "vitest";
import { weightPairs } from "../../../src/guardrails/attacks/attack-scorer.js";
import { seededRandom } from "../../support/seeded-random.js";

describe("the scorer's weight pairs", () => {
  const random = seededRandom(5);
  const bytes = Int8Array.from({ length: 4097 * 2 }, () => Math.floor(random() * 256) - 128);
  // Every extreme pairing of the two signed bytes, then random ones.
  bytes.set([-128, -128, -128, 127, 127, -128, 127, 127, 0, -1, -1, 0, 1, -128]);

  const unpacked = (pairs: Int16Array) => [...pairs].flatMap((pair) => [(pair << 24) >> 24, pair >> 8]);

  it("give back each bucket's injection and jailbreak weights", () => {
    expect(unpacked(weightPairs(bytes))).toEqual([...bytes]);
  });

  it("are the same when copied from unaligned weights", () => {
    const shifted = new Int8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const unaligned = shifted.subarray(1);
    expect(unaligned.byteOffset % 2).toBe(1);
    expect(unpacked(weightPairs(unaligned))).toEqual([...bytes]);
  });
});
