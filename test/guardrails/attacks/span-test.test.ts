import { describe, expect, it } from "vitest";
import {
  createEmbeddedInstructionDetector,
  IMPERATIVE,
  IMPERATIVE_OTHER,
  IMPERATIVE_REACH,
} from "../../../src/guardrails/attacks/embedded-instructions.js";
import { SpanTest } from "../../../src/guardrails/attacks/span-test.js";
import { longestStall } from "../../support/loop-gaps.js";
import { seededRandom } from "../../support/seeded-random.js";

/** The top-level alternatives of a pattern's source (no `|` inside brackets or escaped in these). */
function alternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let part = "";
  for (let index = 0; index < source.length; index++) {
    const character = source[index] ?? "";
    if (character === "\\") {
      part += character + (source[index + 1] ?? "");
      index++;
      continue;
    }
    if (character === "(") depth++;
    if (character === ")") depth--;
    if (character === "|" && depth === 1) {
      parts.push(part);
      part = "";
    } else part += character;
  }
  parts.push(part);
  return parts;
}

describe("SpanTest", () => {
  it("reads the imperative patterns no further than their reach", () => {
    for (const pattern of [IMPERATIVE, IMPERATIVE_OTHER]) {
      // No unbounded repetition, and no alternative longer (as written) than the reach allows.
      expect(pattern.source).not.toMatch(/(?<!\\)[+*]|\{\d+,\}/);
      expect(pattern.flags).not.toContain("m");
      for (const alternative of alternatives(pattern.source))
        expect(alternative.length, alternative).toBeLessThan(IMPERATIVE_REACH);
    }
  });

  it("answers as the pattern tested on each span does", () => {
    const random = seededRandom(36);
    const pieces = [
      "say",
      "send",
      "recommend",
      "do not",
      "e-mail",
      "don't",
      "x",
      "_",
      " ",
      "\n",
      "ignorier",
      "ignor",
      "stattdessen",
      " قل ",
      "قل ",
      "انس",
      "忽略",
      "for the ai: ",
      "a".repeat(30),
    ];
    for (const pattern of [IMPERATIVE, IMPERATIVE_OTHER]) {
      for (let round = 0; round < 300; round++) {
        const text = Array.from({ length: 60 }, () => pieces[Math.floor(random() * pieces.length)]).join("");
        const spans = new SpanTest(text, pattern, IMPERATIVE_REACH);
        // Spans in order, as the detector asks, then at random places.
        for (let ask = 0; ask < 40; ask++) {
          const start = ask < 20 ? Math.floor((ask / 20) * text.length) : Math.floor(random() * text.length);
          const end = Math.min(text.length, start + Math.floor(random() * 300));
          expect(spans.has(start, end), JSON.stringify([text, start, end])).toBe(
            pattern.test(text.slice(start, end)),
          );
        }
      }
    }
  });

  it("lets the detector read a megabyte of addresses without holding the thread", async () => {
    // 80,000 addresses, each with the 300 characters after it to test for an imperative: ~470 ms
    // before, ~250 ms now (most of it the findings themselves). The bound is ten times that.
    const text = "\nfor the ai: ".repeat(80_660);
    let findings = -1;
    const held = await longestStall(
      async () => {
        findings = createEmbeddedInstructionDetector().scan(text, "document").length;
      },
      "immediate",
      "held",
    );
    // Every address is one finding, except the last 23: their instructions run to the text's end,
    // inside that of the address before them, so they add nothing (300 characters reach 24 addresses).
    expect(findings).toBe(80_660 - 23);
    expect(held).toBeLessThan(2500);
  });
});
