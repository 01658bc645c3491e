/** mulberry32: a small seeded generator, so corpus composition and training are reproducible. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a (32 bits) of a text's code points: a side or half fixed by a name alone, on every machine. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  return hash >>> 0;
}

/**
 * One bit of a text that is as likely 0 as 1 whatever the text: murmur3's finaliser over fnv1a. A bare
 * `fnv1a(text) % 2` is no such bit: FNV's prime is odd, so the hash's low bit is the parity of the
 * number of odd code points, and lines of one source often share it.
 */
export function mixedBit(text: string): number {
  return mixedHash(text) >>> 31;
}

/** Half `a` or `b` of a split by mixedBit: the same text is always in the same half. */
export function halfOf(text: string): "a" | "b" {
  return mixedBit(text) === 0 ? "a" : "b";
}

/** murmur3's finaliser over fnv1a: 32 well-mixed bits of a text, unsigned. */
function mixedHash(text: string): number {
  let hash = fnv1a(text);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * A source's side for a group of its lines (a template, a sentence and its translations), fixed by the
 * group's name alone: three fifths train, one dev, one test. A source's train/dev part and its test
 * part are two sources of the corpus (no source is on both sides of the train/dev | test line).
 */
export function sideOfGroup(group: string): "train" | "dev" | "test" {
  const share = mixedHash(group) / 2 ** 32;
  return share < 0.6 ? "train" : share < 0.8 ? "dev" : "test";
}
