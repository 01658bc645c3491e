import { describe, expect, it } from "vitest";
import { markdownTitled } from "../../../src/guardrails/attacks/markdown-titled.js";
import { longestStall } from "../../support/loop-gaps.js";
import { seededRandom } from "../../support/seeded-random.js";

/** What the regex it replaces finds. */
function byRegex(text: string) {
  const pattern =
    /!?\[[^\]\n]{0,500}\]\([^)\s]{1,2000}(?:\s+"[^"\n]{0,500}")\)|!\[[^\]\n]{0,500}\]\([^)\s]{1,2000}\)/g;
  return [...text.matchAll(pattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
}

describe("markdownTitled", () => {
  it("finds what the bounded regex finds, at its bounds too", () => {
    const texts = [
      "",
      "no link here [",
      'see [a link](https://x.org "a title") and ![x](y) then ![](z) and [plain](link)',
      '[[a](b "t") ![![a](b) !![a](b "t")',
      '![a]() [a]( "t") [a](b\t"t") [a](b "t\nu") [a](b  "t"',
      '[a]](b "t") [a] (b "t") ![a](b)(c) [a](b "t")(c "u")',
      `![${"a".repeat(500)}](b) ![${"a".repeat(501)}](b)`,
      `![a](${"b".repeat(2000)}) ![a](${"b".repeat(2001)})`,
      `[a](b "${"c".repeat(500)}") [a](b "${"c".repeat(501)}")`,
      '[é 中文](路径 "標題")\u00a0![a](b\u3000"c")',
    ];
    for (const text of texts) expect(markdownTitled(text), JSON.stringify(text)).toEqual(byRegex(text));
  });

  it("keeps the same answer on random texts of its delimiters", () => {
    const random = seededRandom(36);
    const pieces = [
      "![",
      "[",
      "](",
      "!",
      "]",
      "(",
      ")",
      '"',
      " ",
      "\n",
      "a",
      "x".repeat(498),
      "y".repeat(1999),
    ];
    let found = 0;
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: 30 }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      const expected = byRegex(text);
      found += expected.length;
      expect(markdownTitled(text)).toEqual(expected);
    }
    expect(found).toBeGreaterThan(100);
  });

  it("reads a megabyte of unclosed openings without holding the thread", async () => {
    // The regex read 500 characters after every `[` and 2,000 after every `](`: a user's megabyte of
    // `![a](` took 4.4 s, of `[a](` 1.7 s; the one pass 10-20 ms. The bound is ten times a loaded
    // machine's figure.
    for (const unit of ["![a](", "[a](", "[", '[a](b "']) {
      const text = unit.repeat((1 << 20) / unit.length);
      let spans = -1;
      const held = await longestStall(
        async () => {
          spans = markdownTitled(text).length;
        },
        "immediate",
        "held",
      );
      expect(spans).toBe(0);
      expect(held).toBeLessThan(300);
    }
  });
});
