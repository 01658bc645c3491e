/** A source of uniform numbers in [0, 1), like Math.random. */
export type RandomSource = () => number;

/**
 * mulberry32: a tiny, fast, seedable PRNG with good statistical quality for routing decisions
 * (not for cryptography). Same seed, same sequence, so exploration is testable.
 */
export function createRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return function mulberry32(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
