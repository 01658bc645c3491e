import { describe, expect, it } from "vitest";
import { bytePairCounter } from "../../src/tokens/byte-pair-counter.js";
import { FAMILY_ENCODINGS, FAMILY_SPECS } from "../../src/tokens/family-encodings.js";
import { readPackageVocabulary } from "../../src/tokens/family-vocabulary.js";
import { buildRankTableNow, rankFile } from "../../src/tokens/rank-table.js";
import { withUnicodeWhitespace } from "../../src/tokens/tiktoken-parity.js";
import { fixedLibraryCore } from "../support/gpt-tokenizer-reference.js";

const TEXT =
  "Hello world! Ünïcödé, 日本語のテキスト, 中文文本, नमस्ते, שלום, 12345678901234567890, \u{1F600}\u{1F601} " +
  "function f(x) { return x ** 2; }\n\n\t  trailing   spaces   \u0085\uFEFF end \uFEFFusing \uD800 lone";

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** What the tests read of gpt-tokenizer's core (private in its types). */
interface LibraryCore {
  getBpeRankFromBytes(key: Uint8Array): number | undefined;
  bytePairMerge(bytes: Uint8Array): number[];
  encodeNative(text: string, allowed: Set<string>): number[];
}

/**
 * The open families' ranks as rank tables (family-tokenizer.ts) against gpt-tokenizer's core over
 * the same ranks, as the families were counted before: every rank, and the ids of mixed text.
 */
describe("the open families' rank tables agree with gpt-tokenizer's core on every rank", () => {
  for (const family of FAMILY_ENCODINGS) {
    it(`${family}`, () => {
      const { ranks } = readPackageVocabulary(family);
      const last = withUnicodeWhitespace(new RegExp(FAMILY_SPECS[family].splits.at(-1) as string, "gu"));
      const split = new RegExp(`${last.source}|(?:(?!${last.source})[^])+`, "gu");
      const library = fixedLibraryCore(ranks, split) as unknown as LibraryCore;
      const table = buildRankTableNow(rankFile(ranks));
      expect(table.size).toBe(ranks.length);
      expect(table.count).toBe(Object.keys(ranks).length);
      const wrong: string[] = [];
      ranks.forEach((value, rank) => {
        const bytes = typeof value === "string" ? utf8.encode(value) : Uint8Array.from(value);
        if (table.rankOf(bytes, 0, bytes.length) !== rank || library.getBpeRankFromBytes(bytes) !== rank)
          wrong.push(String(rank));
        // A whole pre-token is looked up by its bytes here, by its text there: a token kept as
        // bytes though valid UTF-8 must merge to itself for the two to agree.
        if (typeof value === "string") return;
        try {
          strictUtf8.decode(bytes);
        } catch {
          return;
        }
        if (library.bytePairMerge(bytes).join() !== String(rank)) wrong.push(`${rank} merged`);
      });
      expect(wrong.slice(0, 10)).toEqual([]);
      const counter = bytePairCounter(table, split);
      for (const text of [TEXT, TEXT.repeat(2)])
        expect(counter.encode(text)).toEqual(library.encodeNative(text, new Set()));
    }, 120_000);
  }
});
