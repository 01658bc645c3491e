/**
 * A text's token count from gpt-tokenizer's byte-pair core, as its `countNative(text, new Set())`
 * gives it with no special tokens: each pre-token of the split regex is one token when the
 * vocabulary holds it whole, else as many as its byte-pair merge makes. The library's own loop runs
 * `text.matchAll(regex)`, which builds a new RegExp per call (~8,000 instructions, more than
 * counting a short message), after a search for special tokens; here one regex of our own is run
 * with `exec`, once per text.
 */

/** What this module reads of gpt-tokenizer's BytePairEncodingCore (private members there). */
interface BpeCore {
  tokenSplitRegex: RegExp;
  getBpeRankFromString(key: string): number | undefined;
  bytePairEncode(input: string): readonly number[];
}

export type TextCounter = (text: string) => number;

/** Where a global regex goes on after an empty match, as matchAll does (a code point with `u`). */
function afterEmpty(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const first = text.charCodeAt(index);
  const second = text.charCodeAt(index + 1);
  return first >= 0xd800 && first <= 0xdbff && second >= 0xdc00 && second <= 0xdfff ? index + 2 : index + 1;
}

/**
 * The counter for one encoding's core (a BytePairEncodingCore). Throws if the library's shape
 * changed, so an upgrade cannot silently change counts.
 */
export function preTokenCounter(bytePairCore: unknown): TextCounter {
  const core = bytePairCore as Partial<BpeCore> | undefined;
  if (
    !core ||
    !(core.tokenSplitRegex instanceof RegExp) ||
    !core.tokenSplitRegex.global ||
    typeof core.getBpeRankFromString !== "function" ||
    typeof core.bytePairEncode !== "function"
  )
    throw new Error("gpt-tokenizer changed: cannot count pre-tokens (src/tokens/pre-token-counter.ts)");
  const bpe = core as BpeCore;
  // Our own copy: its lastIndex is ours alone. Counting is synchronous, so one copy serves every call.
  const split = new RegExp(bpe.tokenSplitRegex.source, bpe.tokenSplitRegex.flags);
  const unicode = split.unicode || split.flags.includes("v");
  return (text) => {
    let tokens = 0;
    split.lastIndex = 0;
    for (let match = split.exec(text); match !== null; match = split.exec(text)) {
      const piece = match[0];
      if (piece.length === 0) split.lastIndex = afterEmpty(text, split.lastIndex, unicode);
      tokens += bpe.getBpeRankFromString(piece) !== undefined ? 1 : bpe.bytePairEncode(piece).length;
    }
    split.lastIndex = 0;
    return tokens;
  };
}
