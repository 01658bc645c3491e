import { BytePairEncodingCore } from "gpt-tokenizer/BytePairEncodingCore";

/**
 * gpt-tokenizer's own byte-pair core over some ranks, as modelmux counted with it before its rank
 * tables (src/tokens/rank-table.ts): the reference the tests hold those tables and
 * byte-pair-counter.ts to, with the byte-order-mark fix (src/tokens/tiktoken-parity.ts, defect 2).
 */
export function fixedLibraryCore(ranks: (string | number[])[], split: RegExp): BytePairEncodingCore {
  const core = new BytePairEncodingCore({ bytePairRankDecoder: ranks, tokenSplitRegex: split });
  matchTiktoken({ bytePairEncodingCoreProcessor: core }, split);
  return core;
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
 * Applies both fixes to one loaded encoding (the module's default export, a GptEncoding): its
 * split is `split`, and byte sequences that start with a byte-order mark are looked up keeping it.
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
