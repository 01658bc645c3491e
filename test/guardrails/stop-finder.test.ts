import { describe, expect, it } from "vitest";
import { StopFinder } from "../../src/guardrails/stop-finder.js";

const isSemicolon = (text: string, index: number) => text.charCodeAt(index) === 0x3b;

/** The plain loop StopFinder stands for. */
function plainFind(text: string, from: number, limit: number): number {
  let position = from;
  const last = Math.min(text.length, from + limit);
  while (position < last && !isSemicolon(text, position)) position++;
  return position;
}

/** A deterministic pseudo-random sequence (LCG), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe("StopFinder", () => {
  it("gives the plain loop's answer for starts in any order, over several texts", () => {
    const next = random(7);
    const finder = new StopFinder(isSemicolon);
    for (let round = 0; round < 200; round++) {
      const length = 1 + Math.floor(next() * 300);
      let text = "";
      for (let index = 0; index < length; index++) text += next() < 0.03 ? ";" : "a";
      for (let query = 0; query < 40; query++) {
        const from = Math.floor(next() * (length + 1));
        const limit = 1 + Math.floor(next() * 120);
        expect(finder.find(text, from, limit)).toBe(plainFind(text, from, limit));
      }
    }
  });

  it("reads a long run without a stop once, not once per start inside it", () => {
    let reads = 0;
    const finder = new StopFinder((text, index) => {
      reads++;
      return isSemicolon(text, index);
    });
    const text = "password=".repeat(20_000);
    for (let from = 9; from < text.length; from += 9) {
      expect(finder.find(text, from, 1201)).toBe(Math.min(text.length, from + 1201));
    }
    // A plain loop reads 1,201 characters at each of the 20,000 starts (24 million reads).
    expect(reads).toBeLessThan(2 * text.length);
  });
});
