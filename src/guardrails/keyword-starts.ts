/**
 * Where one of a set of literal keywords may start, for a regex that alternates them
 * (`trieRegexSource`). V8 tries the alternation's first characters at every position of the text;
 * tables of the keywords' first (up to) four characters rule out 97 positions in 100 for a third of
 * that; where only a longer keyword's first four stand, its next ones (up to eight) are checked too
 * (longerMayStart), and the regex runs sticky at the rest. The tables only rule out: every position
 * where a keyword can match is kept.
 *
 * Units are folded as a non-unicode `i` regex folds them, or coarser: ASCII letters to lower case,
 * and every non-ASCII unit to one class (such a regex never matches an ASCII character with a
 * non-ASCII one; test/guardrails/keyword-starts.test.ts checks it). A case-sensitive regex may use
 * it too: folding more only keeps more positions.
 */
const NON_ASCII = 128;
/** A unit past the text's end: in no keyword. */
const PAST_END = 129;
const CLASSES = 130;
/**
 * Bits of the (hashed) sets of three- and four-unit starts: 131,072 each, 16 KB tables. With the
 * secret detector's 1,379 keywords, at 2^15 a 10 KB bench text kept 769 starts, 644 of them failing
 * the regex (hash collisions, mostly); at 2^17, 537 and 412: the secret detector in 0.96 of the time.
 */
const GRAM_BITS = 17;
const GRAM_SHIFT = 32 - GRAM_BITS;
/**
 * How many units of a keyword of four or more longerMayStart reads. Of the 838 starts the four-unit
 * tables kept in a 10 KB bench text (3,720 keywords), 678 failed the regex: 454 where a longer
 * keyword's first four units stand (`inst`, `prom`, `mode`: `instance` is not `instagram`), 224 hash
 * collisions. Each failed start is a regex call; reading on to eight units leaves 196 starts.
 */
const PREFIX_UNITS = 8;
/** Bits of the hashed sets of keywords' prefixes and of whole keywords, four to eight units: 32 KB each. */
const PREFIX_BITS = 18;
const PREFIX_SHIFT = 32 - PREFIX_BITS;
/** FNV-1a's offset basis: prefixHash's start. */
const PREFIX_SEED = 0x811c9dc5 | 0;

/** Per UTF-16 unit, its class: one load, no branch. */
const FOLDED = new Uint8Array(0x10000).fill(NON_ASCII);
for (let unit = 0; unit < 0x80; unit++) FOLDED[unit] = unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit;

function classOf(keyword: string, index: number): number {
  return FOLDED[keyword.charCodeAt(index)] ?? NON_ASCII;
}

export class KeywordStarts {
  /** Per class: 1 when a keyword is that one unit. */
  private readonly singles = new Uint8Array(CLASSES);
  /** Per two classes: 1 when a keyword is those two units. */
  private readonly pairs = new Uint8Array(CLASSES * CLASSES);
  /** Bit sets of the hashed three classes of three-unit keywords, and first four of the longer ones. */
  private readonly threes = new Int32Array(1 << (GRAM_BITS - 5));
  private readonly fours = new Int32Array(1 << (GRAM_BITS - 5));
  /**
   * Bit sets of the hashed classes (prefixHash) of the first four to PREFIX_UNITS units of keywords
   * of four or more: `prefixes` where a longer keyword goes on, `wholes` where one ends.
   */
  private readonly prefixes = new Int32Array(1 << (PREFIX_BITS - 5));
  private readonly wholes = new Int32Array(1 << (PREFIX_BITS - 5));
  /** An empty keyword matches everywhere. */
  private readonly everywhere: boolean;

  constructor(keywords: readonly string[]) {
    this.everywhere = keywords.some((keyword) => keyword.length === 0);
    for (const keyword of keywords) {
      const first = classOf(keyword, 0);
      if (keyword.length === 1) this.singles[first] = 1;
      else if (keyword.length === 2) this.pairs[first * CLASSES + classOf(keyword, 1)] = 1;
      else if (keyword.length > 2) {
        const three = (first * CLASSES + classOf(keyword, 1)) * CLASSES + classOf(keyword, 2);
        const [set, bit] =
          keyword.length === 3
            ? [this.threes, gramBit(three)]
            : [this.fours, gramBit(three * CLASSES + classOf(keyword, 3))];
        set[bit >> 5] = (set[bit >> 5] ?? 0) | (1 << (bit & 31));
      }
      let hash = PREFIX_SEED;
      for (let index = 0; index < Math.min(keyword.length, PREFIX_UNITS); index++) {
        hash = prefixHash(hash, classOf(keyword, index));
        if (index >= 3) addBit(index + 1 === keyword.length ? this.wholes : this.prefixes, hash);
      }
    }
  }

  /** The first position in `[from, length)` of `units` where a keyword may start, or -1. */
  next(units: Uint16Array, length: number, from: number): number {
    if (this.everywhere) return from < length ? from : -1;
    const { singles, pairs, threes, fours } = this;
    const folded = FOLDED;
    let first = from < length ? (folded[units[from] ?? 0] ?? 0) : PAST_END;
    let second = from + 1 < length ? (folded[units[from + 1] ?? 0] ?? 0) : PAST_END;
    let third = from + 2 < length ? (folded[units[from + 2] ?? 0] ?? 0) : PAST_END;
    for (let at = from; at < length; at++) {
      const fourth = at + 3 < length ? (folded[units[at + 3] ?? 0] ?? 0) : PAST_END;
      const three = (first * CLASSES + second) * CLASSES + third;
      const threeBit = gramBit(three);
      const fourBit = gramBit(three * CLASSES + fourth);
      // Or-ed, not tested one by one: a branch on each table mispredicts often.
      const short =
        (singles[first] ?? 0) |
        (pairs[first * CLASSES + second] ?? 0) |
        ((threes[threeBit >> 5] ?? 0) >>> (threeBit & 31));
      if ((short & 1) !== 0) return at;
      if (
        (((fours[fourBit >> 5] ?? 0) >>> (fourBit & 31)) & 1) !== 0 &&
        this.longerMayStart(units, length, at)
      )
        return at;
      first = second;
      second = third;
      third = fourth;
    }
    return -1;
  }

  /**
   * Whether a keyword of four units or more may start at `at`: read unit by unit, from the fourth to
   * PREFIX_UNITS, until one ends there (`wholes`) or none goes on (`prefixes`). Past PREFIX_UNITS,
   * the regex decides.
   */
  private longerMayStart(units: Uint16Array, length: number, at: number): boolean {
    const { prefixes, wholes } = this;
    const folded = FOLDED;
    let hash = PREFIX_SEED;
    for (let index = 0; index < PREFIX_UNITS; index++) {
      const unit = at + index < length ? (folded[units[at + index] ?? 0] ?? 0) : PAST_END;
      hash = prefixHash(hash, unit);
      if (index < 3) continue;
      if (hasBit(wholes, hash)) return true;
      if (!hasBit(prefixes, hash)) return false;
    }
    return true;
  }
}

/** The hash of a prefix's classes, one class on (FNV-1a's step). */
function prefixHash(hash: number, unitClass: number): number {
  return Math.imul(hash ^ unitClass, 0x01000193);
}

/** A prefix hash's bit of a 2^PREFIX_BITS set (mixed again: FNV's low bits are weak, and the bit is taken from the high ones). */
function prefixBit(hash: number): number {
  return Math.imul(hash ^ (hash >>> 15), 0x9e3779b1) >>> PREFIX_SHIFT;
}

function addBit(set: Int32Array, hash: number): void {
  const bit = prefixBit(hash);
  set[bit >> 5] = (set[bit >> 5] ?? 0) | (1 << (bit & 31));
}

function hasBit(set: Int32Array, hash: number): boolean {
  const bit = prefixBit(hash);
  return (((set[bit >> 5] ?? 0) >>> (bit & 31)) & 1) !== 0;
}

/** A bit of a 2^GRAM_BITS set for the classes' index (at most 130^4, an int32). */
function gramBit(index: number): number {
  return Math.imul(index, 0x9e3779b1) >>> GRAM_SHIFT;
}
