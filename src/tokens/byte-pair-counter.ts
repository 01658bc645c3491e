import { TextUnits } from "../text-units.js";
import { hashBytes, type RankTable } from "./rank-table.js";
import { type Utf8Written, writeUnitsUtf8 } from "./utf8.js";

/**
 * tiktoken's byte-pair encoding over a RankTable: text is cut into pre-tokens by the encoding's
 * regex; a pre-token whose UTF-8 bytes are a token is that one token, any other is merged from its
 * bytes, the lowest-ranked adjacent pair first (the leftmost among equals), until no pair is a
 * token. The same ids as gpt-tokenizer's core with tiktoken-parity.ts's fixes (tests compare every
 * rank and the counts of every code point with tiktoken): the lookups are by bytes, so the
 * byte-order-mark tokens it stored as bytes are found as tiktoken finds them. No special token is
 * looked for: `<|endoftext|>` in user text counts as text.
 */
export interface BytePairCounter {
  /** The number of tokens of `text`. */
  count(text: string): number;
  /** The token ids of `text` (tests compare them with the library's and tiktoken's). */
  encode(text: string): number[];
}

/** No pair: higher than any rank. */
const NONE = 0x7fffffff;

/**
 * Merged pre-tokens remembered, by their bytes: a word the vocabulary lacks is merged once, not at
 * each occurrence. Direct-mapped (a new piece takes its slot) and of fixed size: 4,096 slots of at
 * most CACHE_KEY_BYTES bytes (0.5 MB), no string kept, so a cached piece never keeps the text it
 * was cut from alive and hostile text cannot grow it. Longer pieces are merged every time.
 */
const CACHE_SLOTS = 4096;
const CACHE_KEY_BYTES = 128;

/** Where a global regex goes on after an empty match, as matchAll does (a code point with `u`). */
function afterEmpty(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const first = text.charCodeAt(index);
  const second = text.charCodeAt(index + 1);
  return first >= 0xd800 && first <= 0xdbff && second >= 0xdc00 && second <= 0xdfff ? index + 2 : index + 1;
}

/**
 * The counter of `table` with pre-token regex `split` (global). Counting is synchronous and
 * single-threaded, so one set of scratch arrays serves every call.
 */
export function bytePairCounter(table: RankTable, split: RegExp): BytePairCounter {
  if (!split.global) throw new Error("bytePairCounter: the split regex must be global");
  // Our own copy: its lastIndex is ours alone.
  const regex = new RegExp(split.source, split.flags);
  const unicode = regex.unicode || regex.flags.includes("v");
  let bytes = new Uint8Array(1024);
  let starts = new Int32Array(1025);
  let ranks = new Int32Array(1025);
  /** The text being counted, as UTF-16 units: pieces are read from here, not with charCodeAt. */
  const textUnits = new TextUnits();
  let units: Uint16Array = new Uint16Array(0);
  /** Set by utf8: whether the piece held a lone surrogate. */
  const written: Utf8Written = { written: 0, loneSurrogate: false };
  const cachedBytes = new Uint8Array(CACHE_SLOTS * CACHE_KEY_BYTES);
  /** A slot's key length in bytes; 0 for an empty slot. */
  const cachedLengths = new Uint8Array(CACHE_SLOTS);
  const cachedCounts = new Int32Array(CACHE_SLOTS);

  /** The number of tokens bytes[0 … length) merge to, from the cache when it was merged before. */
  function mergedCount(length: number): number {
    if (length > CACHE_KEY_BYTES) return merge(length);
    const slot = hashBytes(bytes, 0, length) & (CACHE_SLOTS - 1);
    const at = slot * CACHE_KEY_BYTES;
    if (cachedLengths[slot] === length) {
      let index = 0;
      while (index < length && cachedBytes[at + index] === bytes[index]) index++;
      if (index === length) return cachedCounts[slot] as number;
    }
    const count = merge(length);
    cachedBytes.set(bytes.subarray(0, length), at);
    cachedLengths[slot] = length;
    cachedCounts[slot] = count;
    return count;
  }

  /** The text's units [from, to) as UTF-8 into `bytes`; their length in bytes. */
  function utf8(from: number, to: number): number {
    if (bytes.length < (to - from) * 3) bytes = new Uint8Array((to - from) * 3);
    writeUnitsUtf8(units, from, to, bytes, 0, written);
    return written.written;
  }

  /** Rank of the pair that starts at part `part` (its bytes up to part + 2's start), or NONE. */
  function pairRank(part: number, parts: number): number {
    if (part + 2 > parts) return NONE;
    const rank = table.rankOf(bytes, starts[part] as number, starts[part + 2] as number);
    return rank < 0 ? NONE : rank;
  }

  /** Merges bytes[0 … length) (gpt-tokenizer's bytePairMerge); the number of parts left, their starts in `starts`. */
  function merge(length: number): number {
    if (starts.length < length + 1) {
      starts = new Int32Array(length + 1);
      ranks = new Int32Array(length + 1);
    }
    // `parts` parts: part p is bytes[starts[p] … starts[p + 1]), ranks[p] the rank of parts p and p + 1 joined.
    let parts = length;
    for (let index = 0; index <= length; index++) starts[index] = index;
    for (let part = 0; part < parts; part++) ranks[part] = pairRank(part, parts);
    while (parts > 1) {
      let lowest = NONE;
      let at = -1;
      for (let part = 0; part < parts - 1; part++) {
        const rank = ranks[part] as number;
        if (rank < lowest) {
          lowest = rank;
          at = part;
        }
      }
      if (at < 0) break;
      // Parts at and at + 1 become one: drop the start of at + 1 and the pair rank of at.
      starts.copyWithin(at + 1, at + 2, parts + 1);
      ranks.copyWithin(at, at + 1, parts);
      parts--;
      ranks[at] = pairRank(at, parts);
      if (at > 0) ranks[at - 1] = pairRank(at - 1, parts);
    }
    return parts;
  }

  /** Calls `each` with the UTF-8 length (in `bytes`) of every non-empty pre-token of `text`. */
  function forEachPiece(text: string, each: (length: number) => void): void {
    units = textUnits.of(text);
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      const { length } = match[0];
      if (length === 0) {
        regex.lastIndex = afterEmpty(text, regex.lastIndex, unicode);
        continue;
      }
      each(utf8(match.index, match.index + length));
    }
    regex.lastIndex = 0;
  }

  /** The whole piece's rank, or -1: never for a lone surrogate (no token's text holds one). */
  function wholeRank(length: number): number {
    return written.loneSurrogate ? -1 : table.rankOf(bytes, 0, length);
  }

  // Made once, not per call: count runs for every message of every request.
  let tokens = 0;
  const countPiece = (length: number) => {
    tokens += wholeRank(length) >= 0 ? 1 : mergedCount(length);
  };

  return {
    count(text) {
      tokens = 0;
      forEachPiece(text, countPiece);
      return tokens;
    },
    encode(text) {
      const ids: number[] = [];
      forEachPiece(text, (length) => {
        const whole = wholeRank(length);
        if (whole >= 0) {
          ids.push(whole);
          return;
        }
        const parts = merge(length);
        for (let part = 0; part < parts; part++) {
          const rank = table.rankOf(bytes, starts[part] as number, starts[part + 1] as number);
          if (rank < 0) throw new Error("byte-pair merge left a part that is no token");
          ids.push(rank);
        }
      });
      return ids;
    },
  };
}
