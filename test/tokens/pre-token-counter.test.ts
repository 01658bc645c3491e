import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { preTokenCounter } from "../../src/tokens/pre-token-counter.js";

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

describe("preTokenCounter", () => {
  for (const name of ["o200k_base", "cl100k_base"] as const) {
    it(`counts as ${name}'s own countTokens does, call after call`, async () => {
      const module = await import(`gpt-tokenizer/encoding/${name}`);
      const encoding = module.default.bytePairEncodingCoreProcessor ? module.default : module.default.default;
      const count = preTokenCounter(encoding.bytePairEncodingCoreProcessor);
      for (const text of [...TEXTS, ...TEXTS])
        expect(count(text), JSON.stringify(text.slice(0, 40))).toBe(
          module.countTokens(text, { disallowedSpecial: new Set() }),
        );
    });
  }

  it("refuses a library whose shape changed", () => {
    expect(() => preTokenCounter({ tokenSplitRegex: /x/g })).toThrow(/gpt-tokenizer changed/);
    expect(() => preTokenCounter(undefined)).toThrow(/gpt-tokenizer changed/);
  });
});
