import { readFileSync } from "node:fs";
import { countTokens as countCl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_PIECE_CHARS } from "../../src/tokens/bounded-count.js";
import { countTextTokens, loadTokenizers } from "../../src/tokens/count-tokens.js";
import { seededRandom } from "../support/seeded-random.js";

const NO_SPECIAL = { disallowedSpecial: new Set<string>() };

const ATOMS = [
  "word",
  " the",
  "Tokenizer",
  "  ",
  "\n",
  "\n\n",
  "\t",
  " \n ",
  "!!",
  "...",
  "(x)",
  "//",
  "42",
  "1234567",
  "naïve",
  "café",
  "我们今天去公园",
  "，",
  "。",
  "😀",
  "👍🏽",
  "'s",
  "'LL",
  "_id",
  "=>",
  "{}",
  "\r\n",
  "0x1F",
  "https://example.com/a/b?c=d",
  "Ünïcödé",
  "ΑΒΓ",
  "абв",
  " ",
  "-",
  "\u0301",
];

function mixedText(seed: number, length: number): string {
  const next = seededRandom(seed);
  let text = "";
  while (text.length < length) text += ATOMS[Math.floor(next() * ATOMS.length)];
  return text;
}

/**
 * A table of numbers padded with runs of spaces: wherever a slice boundary falls, it is likely to
 * fall after a run of spaces followed by a digit (where the tokenizer leaves one space over).
 */
function tableText(padding: number): string {
  const next = seededRandom(padding);
  const rows: string[] = [];
  for (let row = 0; row < 600; row++) {
    const cells = Array.from({ length: 5 }, () => (next() * 10_000).toFixed(Math.floor(next() * 4)));
    rows.push(cells.join(" ".repeat(padding + Math.floor(next() * 6))));
  }
  return rows.join("\n");
}

describe("bounded token counting", () => {
  beforeAll(() => loadTokenizers(["o200k_base", "cl100k_base"]));

  it("gives the tokenizer's exact count for text without over-long pre-tokens, long or short", async () => {
    const texts = [
      readFileSync(new URL("fixtures/prose-and-tables.md", import.meta.url), "utf8"),
      ...[3, 4, 5, 7].map(tableText),
      ...[300, 5_000, 20_000, 70_000].flatMap((length, index) => [
        mixedText(index + 1, length),
        mixedText(index + 100, length),
      ]),
      `${" ".repeat(200)}x${"\n".repeat(200)}y${"\t ".repeat(100)}`,
    ];
    for (const text of texts) {
      const o200k = await countTextTokens(text, { encoding: "o200k_base" });
      expect(o200k).toEqual({ tokens: countO200k(text, NO_SPECIAL), exact: true, method: "o200k_base" });
      const cl100k = await countTextTokens(text, { encoding: "cl100k_base" });
      expect(cl100k.tokens).toBe(countCl100k(text, NO_SPECIAL));
      expect(cl100k.exact).toBe(true);
    }
  });

  it("counts runs without spaces in pieces, labelled approximate, close to the exact count", async () => {
    const run = "b".repeat(20_000);
    const count = await countTextTokens(`hello ${run} world`, { encoding: "o200k_base" });
    expect(count.exact).toBe(false);
    expect(count.method).toMatch(/counted in pieces, approximate/);
    const exact = countO200k(`hello ${run} world`, NO_SPECIAL);
    expect(Math.abs(count.tokens - exact) / exact).toBeLessThan(0.05);
  });

  it("does not split a surrogate pair when it cuts a run", async () => {
    // 😀 is two UTF-16 units; an odd offset puts a pair across every piece boundary.
    const run = `a${"😀".repeat(MAX_PIECE_CHARS * 4)}`;
    const count = await countTextTokens(run, null);
    expect(count.exact).toBe(false);
    // A lone surrogate would be counted as U+FFFD, adding tokens the real text does not have.
    const pieces = Math.ceil(run.length / MAX_PIECE_CHARS);
    expect(count.tokens).toBeLessThanOrEqual(countO200k(run, NO_SPECIAL) + pieces);
  });

  it("counts the hostile inputs of issue 21 in linear time (a 200,000-character run took 33 s)", async () => {
    for (const text of [
      "b".repeat(200_000),
      "我".repeat(100_000),
      "!".repeat(100_000),
      " ".repeat(100_000),
    ]) {
      const count = await countTextTokens(text, null);
      expect(count.tokens).toBeGreaterThan(0);
      expect(count.exact).toBe(false);
    }
  });
});
