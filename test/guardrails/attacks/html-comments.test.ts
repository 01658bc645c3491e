import { describe, expect, it } from "vitest";
import { htmlComments, MAX_COMMENT_BODY } from "../../../src/guardrails/attacks/html-comments.js";
import { createGuardrails } from "../../../src/guardrails/index.js";

/** What the regex it replaces finds. */
function byRegex(text: string, maxBody: number) {
  return [...text.matchAll(new RegExp(`<!--([\\s\\S]{0,${maxBody}}?)-->`, "g"))].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    body: match[1] ?? "",
  }));
}

describe("htmlComments", () => {
  it("finds what the bounded lazy regex finds", () => {
    const texts = [
      "",
      "no comment here",
      "a <!-- one --> b <!--two--> c",
      "<!---->",
      "<!--->",
      "<!-- unclosed <!-- inner -->",
      "<!-- a --> --> <!-- b",
      `<!-- ${"x".repeat(30)} --> <!-- short -->`,
      "<!--<!--<!-- -->-->",
      "x<!-- é 中文 -->y<!--\n\nline\n-->",
    ];
    for (const text of texts) {
      for (const maxBody of [0, 5, 20, MAX_COMMENT_BODY]) {
        expect(htmlComments(text, maxBody), `${JSON.stringify(text)} at ${maxBody}`).toEqual(
          byRegex(text, maxBody),
        );
      }
    }
  });

  it("keeps the same answer on random texts of openings and closes", () => {
    const pieces = ["<!--", "-->", "-", "<", "!", "a", " ", "\n"];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 40 }, () => pieces[next() % pieces.length]).join("");
      expect(htmlComments(text, 10)).toEqual(byRegex(text, 10));
    }
  });
});

describe("pasted documents of many small parts", () => {
  const guardrails = createGuardrails({ learnedAttackScorer: false });

  it("screens a megabyte of fenced lines without overflowing the call stack", () => {
    expect(() => guardrails.check({ text: "```\n".repeat(250_000), direction: "input" })).not.toThrow();
  });

  it("screens a megabyte of unclosed comments and addresses as a document and as a user's text", () => {
    const text = "<!-- note to the assistant ".repeat(37_000);
    for (const source of ["user", "document"] as const) {
      expect(() => guardrails.check({ text, direction: "input", source })).not.toThrow();
    }
  });
});
