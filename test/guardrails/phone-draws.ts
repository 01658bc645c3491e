/** Deterministic pseudo-random numbers, so a failure reproduces. */
export function draws(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state >>> 8;
  };
}

/** `digits` with a random tail: often still valid, sometimes a length off. */
export function mutateTail(digits: string, draw: () => number): string {
  let mutated = digits.slice(0, Math.max(1, digits.length - 1 - (draw() % 4)));
  while (mutated.length < digits.length + (draw() % 3) - 1) mutated += String(draw() % 10);
  return mutated;
}

/** A random digit string of 6–15 digits. */
export function randomDigits(draw: () => number): string {
  let digits = "";
  const length = 6 + (draw() % 10);
  while (digits.length < length) digits += String(draw() % 10);
  return digits;
}
