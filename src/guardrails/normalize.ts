/**
 * Text as injection rules see it: lower case, zero-width and bidi controls removed, Unicode tag
 * characters (invisible "ASCII smuggling") decoded, accents and compatibility forms folded (NFKD:
 * full-width, mathematical bold, circled letters), Cyrillic/Greek look-alikes mapped to Latin, and
 * leetspeak digits inside words read as letters (`1gn0re` → `ignore`).
 *
 * Offsets map back to the original. ASCII text (the common case) keeps its length, so the map is the
 * identity; otherwise each changed character is an anchor and offsets in between move linearly.
 */
export interface NormalizedText {
  text: string;
  /** Original index of the character at normalized `index`. */
  toOriginalStart(index: number): number;
  /** Original index just after the normalized character at `end - 1`. */
  toOriginalEnd(end: number): number;
}

// Zero-width, joiner, bidi-control, variation-selector and other invisible code points.
const INVISIBLE_RANGES: readonly [number, number][] = [
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x61c, 0x61c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];
const TAG_BASE = 0xe0000;
// Confusables (Unicode TR39 confusables.txt) that NFKD leaves alone: Cyrillic and Greek letters that
// look Latin, and typographic quotes and dashes. Position i of the first string maps to position i of the second.
const HOMOGLYPH_FROM = "авеёкмнорстухѕіїјԁԛԝɡɑıοαεικνρτυχωβη\u2018\u2019\u201c\u201d\u2010\u2011\u2013\u2014";
const HOMOGLYPH_TO = "abeekmhopctyxsiijdqwgaioaeikvptuxwbn''\"\"----";
const HOMOGLYPHS = new Map(
  [...HOMOGLYPH_FROM].map((character, index) => [character, HOMOGLYPH_TO[index] ?? character]),
);
const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};
// A leet character next to a letter; the replacement keeps the length, so offsets do not move.
// The class comes first so most positions fail on one test (a leading look-behind ran 4× slower).
const LEET_IN_WORD = /[013457@$](?:(?<=[a-z].)|(?=[a-z]))/g;
const NON_ASCII = /[\u0080-\uffff]/;
// Code units, not code points (no `u` flag: 5× faster); surrogate pairs stay inside one run.
const NON_ASCII_RUN = /[\u0080-\uffff]+/g;
const MAX_CACHE = 4096;
const foldCache = new Map<string, string>();
// Per UTF-16 unit of the Basic Multilingual Plane: 0 = not seen yet, 1 = kept as is, 2 = replaced.
const BMP_KIND = new Uint8Array(0x10000);
const bmpReplacement: string[] = [];

export function normalizeForMatching(original: string): NormalizedText {
  if (!NON_ASCII.test(original)) return new SameOffsets(unleet(original.toLowerCase()));
  return foldNonAscii(original);
}

// String#replace builds its result in one linear pass; collecting slices and joining them does not
// stay linear for hundreds of thousands of pieces.
function unleet(text: string): string {
  // Most texts have no leet character in a word: one test is cheaper than a replace that finds none.
  LEET_IN_WORD.lastIndex = 0;
  if (!LEET_IN_WORD.test(text)) return text;
  return text.replace(LEET_IN_WORD, (character) => LEET[character] ?? character);
}

/** The replacement of a BMP code unit, or undefined when it is kept as is. */
function foldBmp(code: number): string | undefined {
  const kind = BMP_KIND[code];
  if (kind === 1) return undefined;
  if (kind === 2) return bmpReplacement[code];
  const character = String.fromCharCode(code);
  const replacement = fold(character);
  BMP_KIND[code] = replacement === character ? 1 : 2;
  if (replacement !== character) bmpReplacement[code] = replacement;
  return replacement === character ? undefined : replacement;
}

/** One character as rules should see it ("" when it is invisible). */
function fold(character: string): string {
  const cached = foldCache.get(character);
  if (cached !== undefined) return cached;
  const code = character.codePointAt(0) ?? 0;
  let folded: string;
  if (INVISIBLE_RANGES.some(([first, last]) => code >= first && code <= last)) folded = "";
  else if (code >= TAG_BASE + 0x20 && code <= TAG_BASE + 0x7e)
    folded = String.fromCodePoint(code - TAG_BASE).toLowerCase();
  else if (code >= TAG_BASE && code <= TAG_BASE + 0x7f) folded = "";
  else {
    const lower = character.toLowerCase();
    folded = HOMOGLYPHS.get(lower) ?? lower.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    folded = [...folded].map((part) => HOMOGLYPHS.get(part) ?? part).join("");
  }
  if (foldCache.size < MAX_CACHE) foldCache.set(character, folded);
  return folded;
}

function foldNonAscii(original: string): NormalizedText {
  // Anchors: normalized offset, original offset, original length of a replaced character, or minus the
  // stride of a run (-1: the identity; -2: pairs folded to one letter each).
  const normalizedAt: number[] = [0];
  const originalAt: number[] = [0];
  const replacedLength: number[] = [-1];
  let growth = 0;
  /**
   * The anchors of a character of the original at `from`, `width` units, replaced by `length` units
   * at normalized `at`. One unit for one (é → e) maps offsets as the identity run around it does: no
   * anchor. An invisible one (no units) needs only the identity run after it, as a replaced anchor
   * at the same normalized offset is never the one looked up: a run of them moves one anchor on.
   */
  const anchor = (at: number, from: number, width: number, length: number) => {
    if (length === 1 && width === 1) return;
    if (length === 0) {
      const last = normalizedAt.length - 1;
      if (normalizedAt[last] === at && replacedLength[last] === -1) originalAt[last] = from + width;
      else {
        normalizedAt.push(at);
        originalAt.push(from + width);
        replacedLength.push(-1);
      }
      return;
    }
    if (length === 1) {
      // A pair folded to one letter (a Unicode tag character, a mathematical bold letter): a run of
      // them is one stride anchor (each letter two units on), and its identity anchor moves on.
      const last = normalizedAt.length - 1;
      const run = last - 1;
      if (
        run >= 0 &&
        replacedLength[last] === -1 &&
        normalizedAt[last] === at &&
        originalAt[last] === from &&
        replacedLength[run] === -width &&
        (originalAt[run] ?? 0) + width * (at - (normalizedAt[run] ?? 0)) === from
      ) {
        normalizedAt[last] = at + 1;
        originalAt[last] = from + width;
        return;
      }
      normalizedAt.push(at, at + 1);
      originalAt.push(from, from + width);
      replacedLength.push(-width, -1);
      return;
    }
    normalizedAt.push(at, at + length);
    originalAt.push(from, from + width);
    replacedLength.push(width, -1);
  };
  const folded = original.replace(NON_ASCII_RUN, (run: string, runOffset: number) => {
    // One character alone (an accented letter, a tag character or an emoji between ASCII ones): the
    // loop below, without its setup.
    const first = run.charCodeAt(0);
    if (run.length === 1 || (run.length === 2 && first >= 0xd800 && first <= 0xdbff)) {
      let replacement: string | undefined;
      if (run.length === 1) replacement = foldBmp(first);
      else {
        const folded = fold(run);
        replacement = folded === run ? undefined : folded;
      }
      if (replacement === undefined) return run;
      anchor(runOffset + growth, runOffset, run.length, replacement.length);
      growth += replacement.length - run.length;
      return replacement;
    }
    // Kept characters are copied as slices; only replaced ones allocate. Pieces are joined once at
    // the end: appended one by one, a megabyte of accented letters built a million-node rope.
    const pieces: string[] = [];
    let outLength = 0;
    let copiedUpTo = 0;
    for (let index = 0; index < run.length; ) {
      const code = run.charCodeAt(index);
      const width = code >= 0xd800 && code <= 0xdbff && index + 1 < run.length ? 2 : 1;
      let replacement: string | undefined;
      if (width === 1) replacement = foldBmp(code);
      else {
        const pair = run.slice(index, index + 2);
        const folded = fold(pair);
        replacement = folded === pair ? undefined : folded;
      }
      if (replacement !== undefined) {
        if (copiedUpTo < index) {
          pieces.push(run.slice(copiedUpTo, index));
          outLength += index - copiedUpTo;
        }
        // A megabyte of accented or invisible letters no longer keeps two million anchors.
        anchor(runOffset + growth + outLength, runOffset + index, width, replacement.length);
        if (replacement !== "") pieces.push(replacement);
        outLength += replacement.length;
        copiedUpTo = index + width;
      }
      index += width;
    }
    if (copiedUpTo === 0) return run;
    pieces.push(run.slice(copiedUpTo));
    const out = pieces.join("");
    growth += out.length - run.length;
    return out;
  });
  // Replaced characters are lower case already and kept ones are case-stable, so this keeps offsets.
  return new AnchoredOffsets(unleet(folded.toLowerCase()), normalizedAt, originalAt, replacedLength);
}

// Classes rather than closures made per call: a scan of a short prompt spent a quarter of its time
// creating (and, under tsx, naming) the mapping functions.

/** ASCII text: normalization kept every offset. */
class SameOffsets implements NormalizedText {
  constructor(readonly text: string) {}

  toOriginalStart(index: number): number {
    return index;
  }

  toOriginalEnd(end: number): number {
    return end;
  }
}

/** Offsets through the anchors `foldNonAscii` records (see there). */
class AnchoredOffsets implements NormalizedText {
  constructor(
    readonly text: string,
    private readonly normalizedAt: number[],
    private readonly originalAt: number[],
    private readonly replacedLength: number[],
  ) {}

  toOriginalStart(index: number): number {
    const anchor = this.anchorAt(index);
    const length = this.replacedLength[anchor] ?? -1;
    // A run's stride (-length units of the original per character; 1: the identity) or a replacement.
    const stride = length < 0 ? -length : 0;
    return (this.originalAt[anchor] ?? 0) + stride * (index - (this.normalizedAt[anchor] ?? 0));
  }

  toOriginalEnd(end: number): number {
    if (end <= 0) return 0;
    const anchor = this.anchorAt(end - 1);
    const length = this.replacedLength[anchor] ?? -1;
    if (length >= 0) return (this.originalAt[anchor] ?? 0) + length;
    return (this.originalAt[anchor] ?? 0) - length * (end - (this.normalizedAt[anchor] ?? 0));
  }

  private anchorAt(index: number): number {
    const { normalizedAt } = this;
    let low = 0;
    let high = normalizedAt.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((normalizedAt[middle] ?? 0) <= index) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
