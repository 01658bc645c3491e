/**
 * Makes gpt-tokenizer count as tiktoken does (its ids are otherwise tiktoken's) where two of its
 * defects change the count. Both are reported upstream (see README, Tokens):
 *
 * 1. Whitespace. tiktoken's pre-token regex runs in Rust, where `\s` is Unicode White_Space;
 *    JavaScript's `\s` also matches U+FEFF (not White_Space) and misses U+0085 (White_Space).
 *    So text is split with `\p{White_Space}` in place of `\s`.
 * 2. The byte-order mark. Byte sequences are turned into strings for the rank lookup with a
 *    TextDecoder that drops a leading U+FEFF, so no token that starts with one is ever found
 *    (a lone U+FEFF counted 2, tiktoken 1). Such sequences are decoded keeping it.
 */

/** The same pattern with JavaScript's `\s` / `\S` replaced by Unicode White_Space, as in Rust. */
export function withUnicodeWhitespace(split: RegExp): RegExp {
  const source = split.source.replace(/\\s/g, "\\p{White_Space}").replace(/\\S/g, "\\P{White_Space}");
  return new RegExp(source, split.flags.includes("u") ? split.flags : `${split.flags}u`);
}

/** What this module touches of gpt-tokenizer's BytePairEncodingCore (a private member there). */
interface BpeCore {
  tokenSplitRegex: RegExp;
  getBpeRankFromBytes(key: Uint8Array): number | undefined;
  getBpeRankFromString(key: string): number | undefined;
  binarySearch(key: Uint8Array): number;
  bytePairNonUtfSortedEncoder: [Uint8Array, number][];
}

const keepBom = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function startsWithBom(key: Uint8Array): boolean {
  return key[0] === 0xef && key[1] === 0xbb && key[2] === 0xbf;
}

/**
 * Applies both fixes to one loaded encoding (the module's default export, a GptEncoding).
 * Throws if the library's shape changed, so an upgrade cannot silently undo them.
 */
export function matchTiktoken(encoding: unknown, split: RegExp): void {
  const core = (encoding as { bytePairEncodingCoreProcessor?: BpeCore }).bytePairEncodingCoreProcessor;
  if (
    !core ||
    !(core.tokenSplitRegex instanceof RegExp) ||
    typeof core.getBpeRankFromBytes !== "function" ||
    typeof core.binarySearch !== "function"
  )
    throw new Error(
      "gpt-tokenizer changed: cannot apply the tiktoken parity fixes (src/tokens/tiktoken-parity.ts)",
    );
  core.tokenSplitRegex = split;
  const lookup = core.getBpeRankFromBytes.bind(core);
  core.getBpeRankFromBytes = (key) => {
    if (!startsWithBom(key)) return lookup(key);
    let text: string | undefined;
    try {
      text = keepBom.decode(key);
    } catch {
      text = undefined; // not valid UTF-8 as a whole: a byte sequence, looked up as bytes
    }
    const rank = text === undefined ? undefined : core.getBpeRankFromString(text);
    if (rank !== undefined) return rank;
    const index = core.binarySearch(key);
    return index === -1 ? undefined : core.bytePairNonUtfSortedEncoder[index]?.[1];
  };
}
