import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bytePairCounter } from "../../src/tokens/byte-pair-counter.js";
import { loadRankTable } from "../../src/tokens/openai-ranks.js";
import { withUnicodeWhitespace } from "../../src/tokens/tiktoken-parity.js";
import { fixedLibraryCore } from "../support/gpt-tokenizer-reference.js";

const TEXTS = [
  "",
  "Say hello in French, in one short sentence.",
  "  leading and trailing spaces  \n\n\t",
  "<|endoftext|> is text here, <|endoftext|><|endoftext|> twice",
  "emoji 😀👍🏽 and CJK 日本語のテキスト and Ελληνικά",
  "\uFEFFa byte-order mark, and lone \uD800 surrogates \uDC00",
  "numbers 1234567890 3.14159 and code: const x = { a: [1, 2, 3] };",
  readFileSync(join(import.meta.dirname, "fixtures/prose-and-tables.md"), "utf8"),
];

/** The library's encoding module, its core fixed as the server's was before (tiktoken-parity.ts). */
async function library(name: "o200k_base" | "cl100k_base") {
  const module = await import(`gpt-tokenizer/encoding/${name}`);
  const encoding = module.default.bytePairEncodingCoreProcessor ? module.default : module.default.default;
  const split = withUnicodeWhitespace(encoding.bytePairEncodingCoreProcessor.tokenSplitRegex);
  const fixed = fixedLibraryCore(encoding.bytePairEncodingCoreProcessor.bytePairRankDecoder, split);
  return { module, split, fixed };
}

describe("bytePairCounter", () => {
  for (const name of ["o200k_base", "cl100k_base"] as const) {
    it(`counts and encodes as ${name}'s own core does with the parity fixes, call after call`, async () => {
      const { split, fixed } = await library(name);
      const counter = bytePairCounter(await loadRankTable(name), split);
      for (const text of [...TEXTS, ...TEXTS]) {
        const label = JSON.stringify(text.slice(0, 40));
        expect(counter.count(text), label).toBe(fixed.countNative(text, new Set()));
        expect(counter.encode(text), label).toEqual(fixed.encodeNative(text, new Set()));
      }
    }, 60_000);

    it(`${name}: with the library's own split, as its countTokens and encode where no byte-order mark is near`, async () => {
      const { module } = await library(name);
      const encoding = module.default.bytePairEncodingCoreProcessor ? module.default : module.default.default;
      const counter = bytePairCounter(
        await loadRankTable(name),
        encoding.bytePairEncodingCoreProcessor.tokenSplitRegex,
      );
      for (const text of TEXTS.filter((text) => !text.includes("\uFEFF"))) {
        const label = JSON.stringify(text.slice(0, 40));
        expect(counter.count(text), label).toBe(module.countTokens(text, { disallowedSpecial: new Set() }));
        expect(counter.encode(text), label).toEqual(module.encode(text, { disallowedSpecial: new Set() }));
      }
    }, 60_000);
  }

  it("refuses a split regex that is not global", async () => {
    expect(() => bytePairCounter({} as never, /x/)).toThrow(/global/);
  });
});
