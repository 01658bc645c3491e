import { describe, expect, it } from "vitest";
import { markdownImages } from "../../../src/guardrails/attacks/markdown-images.js";
import { seededRandom } from "../../support/seeded-random.js";

/** What the regex it replaces finds. */
function byRegex(text: string) {
  return [...text.matchAll(/!\[([^\]\n]{0,500})\]\([^)\s]{0,2000}(?:\s+"([^"\n]{0,500})")?\)/g)].map(
    (match) => ({
      start: match.index,
      end: match.index + match[0].length,
      alt: match[1] ?? "",
      title: match[2],
    }),
  );
}

describe("markdownImages", () => {
  it("finds what the bounded regex finds, at its bounds too", () => {
    const texts = [
      "",
      "no image here ![",
      'see ![a cat](cat.png) and ![x](y "a title") then ![](z)',
      "![![a](b)",
      "![a\nb](c) ![a](b c) ![a](b 'c') ![a](b  \"c\"",
      '![a](b\t"t")) ![a](b "t\nu")',
      "![a]](b) ![a] (b) ![a](b)(c)",
      `![${"a".repeat(500)}](b) ![${"a".repeat(501)}](b)`,
      `![a](${"b".repeat(2000)}) ![a](${"b".repeat(2001)})`,
      `![a](b "${"c".repeat(500)}") ![a](b "${"c".repeat(501)}")`,
      '![é 中文](路径 "標題")\u00a0![a](b\u3000"c")',
    ];
    for (const text of texts) expect(markdownImages(text), JSON.stringify(text)).toEqual(byRegex(text));
  });

  it("keeps the same answer on random texts of its delimiters", () => {
    const random = seededRandom(19);
    const pieces = [
      "![",
      "](",
      "!",
      "[",
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
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: 30 }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      expect(markdownImages(text)).toEqual(byRegex(text));
    }
  });

  it("reads a megabyte of unclosed openings in one pass", () => {
    // The regex read 500 characters after every `![` and 2,000 after every `](` (0.7 s and 1.75 s).
    for (const unit of ["![", "![a]("]) {
      const text = unit.repeat((1 << 20) / unit.length);
      const started = performance.now();
      expect(markdownImages(text)).toEqual([]);
      expect(performance.now() - started).toBeLessThan(250);
    }
  });
});
