import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { type BpeEncoding, countTextTokens, loadTokenizers } from "../../src/tokens/count-tokens.js";

// tiktoken itself (OpenAI's Rust core, as WebAssembly): the reference our counts must equal.
// Its CommonJS entry loads the WebAssembly from disk; the ES one needs a bundler.
const tiktoken = createRequire(import.meta.url)("tiktoken") as typeof import("tiktoken");

const ENCODINGS: BpeEncoding[] = ["o200k_base", "cl100k_base"];
/**
 * Each code point after a space and before a letter (where whitespace rules show), and doubled
 * between letters (where merges across it show). Rare code points are slow to count (a few
 * seconds per pass over all of them), so o200k_base, which every model uses, gets both.
 */
const CONTEXTS: Record<BpeEncoding, ((char: string) => string)[]> = {
  o200k_base: [(char) => ` ${char}x`, (char) => `a${char}${char} b`],
  cl100k_base: [(char) => ` ${char}x`],
};
const LAST = 0x2ffff;
const CHUNK = 2048;

function codePoints(from: number, to: number): string[] {
  const chars: string[] = [];
  for (let point = from; point <= to; point++)
    if (point < 0xd800 || point > 0xdfff) chars.push(String.fromCodePoint(point));
  return chars;
}

describe("counts equal tiktoken's on every code point", () => {
  beforeAll(() => loadTokenizers(ENCODINGS));

  for (const encoding of ENCODINGS) {
    it(`${encoding}: U+0000 to U+${LAST.toString(16).toUpperCase()}`, async () => {
      const reference = tiktoken.get_encoding(encoding);
      const count = async (text: string) => (await countTextTokens(text, { encoding })).tokens;
      const differences: string[] = [];
      try {
        for (let from = 0; from <= LAST; from += CHUNK) {
          const chars = codePoints(from, Math.min(from + CHUNK - 1, LAST));
          for (const [index, context] of CONTEXTS[encoding].entries()) {
            // Lines of one case each; a chunk that differs is looked at case by case.
            const text = chars.map((char) => `${context(char)}\n`).join("");
            if ((await count(text)) === reference.encode_ordinary(text).length) continue;
            for (const char of chars) {
              const one = context(char);
              const ours = await count(one);
              const theirs = reference.encode_ordinary(one).length;
              if (ours !== theirs)
                differences.push(
                  `U+${char.codePointAt(0)?.toString(16).toUpperCase()} context ${index}: ${ours} vs tiktoken ${theirs}`,
                );
            }
          }
        }
      } finally {
        reference.free();
      }
      expect(differences).toEqual([]);
    }, 240_000);
  }

  it("the two cases found: a byte-order mark is one token, and U+0085 is whitespace", async () => {
    const o200k = { encoding: "o200k_base" as const };
    expect((await countTextTokens("\ufeff", o200k)).tokens).toBe(1);
    const reference = tiktoken.get_encoding("o200k_base");
    try {
      for (const text of ["\ufeff", "\ufeffhello", " \u0085x", "x\ufeff\ufeff y", "a\u0085\u0085 b"])
        expect((await countTextTokens(text, o200k)).tokens, JSON.stringify(text)).toBe(
          reference.encode_ordinary(text).length,
        );
    } finally {
      reference.free();
    }
  });
});
