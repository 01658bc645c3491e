import { TextUnits } from "../../text-units.js";

/**
 * Hashed features of the learned attack scorer, shared by training (scripts/guardrails/) and scanning,
 * so the two can never disagree. Character 3- and 4-grams of the lower-cased text (whitespace runs
 * read as one space), and 2-grams where a character is a word (U+2E80 up: CJK, kana), carry the
 * model across languages and scripts; word uni- and bigrams carry phrasing. Each feature is a bucket in [0, 2^bits); the model holds one weight per bucket and class.
 */
/**
 * 2^19 buckets (1 MB of int8 weights, two a bucket: attack-model.ts): nine languages and the "read by
 * the agent" crossing share the table, and at 2^18 the collisions cost dev recall (seventh round:
 * 0.797 → 0.828 on the same corpus, over the 582 dev attacks of the sixth).
 */
export const FEATURE_BITS = 19;
const MASK = (1 << FEATURE_BITS) - 1;
const CHAR_SEED = 0x811c9dc5;
const WORD_SEED = 0x9747b28c;
const PRIME = 0x01000193;
const MAX_GRAM = 4;

/** Whether a UTF-16 unit is part of a word: ASCII letters and digits, or any non-ASCII letter-like unit. */
function isWordUnit(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  // General punctuation, CJK punctuation and full-width ASCII punctuation separate words.
  if (code >= 0x2000 && code <= 0x206f) return false;
  if (code >= 0x3000 && code <= 0x303f) return false;
  if (code >= 0xff00 && code <= 0xff0f) return false;
  return code !== 0xa0 && code !== 0x60c && code !== 0x6d4 && code !== 0x964;
}

/** Lower-cases ASCII, Latin-1, Greek and Cyrillic capitals in place of String#toLowerCase, which may change length. */
function lowerUnit(code: number): number {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? code + 32 : code;
  if (code >= 0xc0 && code <= 0xde && code !== 0xd7) return code + 32;
  if (code >= 0x391 && code <= 0x3ab) return code + 32;
  if (code >= 0x410 && code <= 0x42f) return code + 32;
  if (code >= 0x400 && code <= 0x40f) return code + 80;
  return code;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0xa0 || code === 0x3000;
}

const sharedUnits = new TextUnits();

/** The most features `writeFeatures` writes for `units` UTF-16 units: three n-grams and two word features per unit. */
export function featureCapacity(units: number): number {
  return 5 * units + 2;
}

/**
 * Writes the feature buckets of `text[from, to)` into `out` (at least `featureCapacity(to - from)`
 * long) and returns how many it wrote. Offsets stay those of the text: it is lower-cased unit by
 * unit, not copied.
 */
export function writeFeatures(text: string, from: number, to: number, out: Int32Array): number {
  return writeUnitFeatures(sharedUnits.of(text), from, to, out);
}

/**
 * Per UTF-16 unit, what the feature loop asks of it: `lowerUnit(unit) << 2`, 2 when the lower-cased
 * unit is a word unit, 1 when it is a space, and KNOWN (0: not read yet). One load per unit instead
 * of the dozen comparisons of the three functions, a third of the loop's time. Filled as units are
 * met: filling all 65,536 at once cost the first scan 17 ms.
 */
const unitInfo = new Int32Array(0x10000);
const KNOWN = 1 << 30;
const WORD_BIT = 2;
const SPACE_BIT = 1;
/** What the loop reads one step past the end: a space, so the last word is emitted. */
const END_INFO = KNOWN | (0x20 << 2) | SPACE_BIT;

function infoOf(unit: number): number {
  const lower = lowerUnit(unit);
  const info = KNOWN | (lower << 2) | (isWordUnit(lower) ? WORD_BIT : 0) | (isSpace(lower) ? SPACE_BIT : 0);
  unitInfo[unit] = info;
  return info;
}

/**
 * `writeFeatures` over the text's UTF-16 units (`TextUnits.of`). One loop over locals, with no
 * closure per text and no call per feature: on a short message this is most of the learned scorer's
 * cost, paid on every request.
 */
export function writeUnitFeatures(units: Uint16Array, from: number, to: number, out: Int32Array): number {
  const known = unitInfo;
  // Character n-grams over the text with whitespace runs collapsed: the last three units are kept
  // in locals, so each n-gram ending at a unit is hashed from that unit backwards in O(1).
  let written = 0;
  let unit1 = 0;
  let unit2 = 0;
  let unit3 = 0;
  let filled = 0;
  let previousSpace = true;
  // Hashes stay int32s (the same 32 bits as unsigned ones; every use masks them or reads them
  // through ^), never turned unsigned with `>>> 0`, which can make a loop variable a double.
  let wordHash = WORD_SEED | 0;
  let wordLength = 0;
  let previousWord = 0;
  let haveWord = false;
  for (let index = from; index <= to; index++) {
    // One step past the end emits the last word.
    const atEnd = index === to;
    let info = END_INFO;
    if (!atEnd) {
      const read = units[index] ?? 0;
      info = known[read] ?? 0;
      if (info === 0) info = infoOf(read);
    }
    const code = (info >> 2) & 0xffff;
    const space = (info & SPACE_BIT) !== 0;
    if (!atEnd && (!space || !previousSpace)) {
      const unit = space ? 0x20 : code;
      if (filled < MAX_GRAM) filled++;
      // The hash of the n-gram ending here reads this unit first, then the ones before it.
      const hash1 = Math.imul(CHAR_SEED ^ unit, PRIME);
      const hash2 = Math.imul(hash1 ^ unit1, PRIME);
      // Bigrams only where a character is a word (CJK, kana): elsewhere they are noise and cost.
      if (filled >= 2 && unit >= 0x2e80) out[written++] = hash2 & MASK;
      if (filled >= 3) {
        const hash3 = Math.imul(hash2 ^ unit2, PRIME);
        out[written++] = hash3 & MASK;
        if (filled >= 4) out[written++] = Math.imul(hash3 ^ unit3, PRIME) & MASK;
      }
      unit3 = unit2;
      unit2 = unit1;
      unit1 = unit;
    }
    previousSpace = space;
    if ((info & WORD_BIT) !== 0) {
      wordHash = Math.imul(wordHash ^ code, PRIME);
      wordLength++;
    } else if (wordLength > 0) {
      const unigram = Math.imul(wordHash ^ 0x5bd1e995, PRIME);
      out[written++] = unigram & MASK;
      if (haveWord) out[written++] = (Math.imul(previousWord ^ unigram, 0x27d4eb2d) >>> 7) & MASK;
      previousWord = unigram;
      haveWord = true;
      wordHash = WORD_SEED | 0;
      wordLength = 0;
    }
  }
  return written;
}

/** Calls `sink(bucket)` for every feature of `text[from, to)`, in the order `writeFeatures` writes them. */
export function forEachFeature(text: string, from: number, to: number, sink: (bucket: number) => void): void {
  const out = new Int32Array(featureCapacity(Math.max(0, to - from)));
  const written = writeFeatures(text, from, to, out);
  for (let index = 0; index < written; index++) sink(out[index] ?? 0);
}

/** Every feature bucket of a whole text, for training. */
export function featuresOf(text: string): Int32Array {
  const buckets: number[] = [];
  forEachFeature(text, 0, text.length, (bucket) => buckets.push(bucket));
  return Int32Array.from(buckets);
}
