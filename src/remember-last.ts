// Nothing asked yet: no argument is this object, so the first call always computes.
const NOTHING_YET: unknown = {};

/**
 * `compute`, keeping only its last answer: a call with the same arguments as the one before (`===`
 * each) returns it without computing again. For the guardrails' readers that several keyword hits ask
 * about one value in a row, where a whole cache would cost more than it saves.
 */
export function rememberLast<A, R>(compute: (a: A) => R): (a: A) => R;
export function rememberLast<A, B, R>(compute: (a: A, b: B) => R): (a: A, b: B) => R;
export function rememberLast<A, B, C, R>(compute: (a: A, b: B, c: C) => R): (a: A, b: B, c: C) => R;
export function rememberLast<R>(
  compute: (a: unknown, b: unknown, c: unknown) => R,
): (a: unknown, b: unknown, c: unknown) => R {
  let lastA = NOTHING_YET;
  let lastB: unknown;
  let lastC: unknown;
  let lastAnswer: R;
  return (a, b, c) => {
    if (a !== lastA || b !== lastB || c !== lastC) {
      lastAnswer = compute(a, b, c);
      lastA = a;
      lastB = b;
      lastC = c;
    }
    return lastAnswer;
  };
}
