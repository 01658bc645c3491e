import { describe, expect, it } from "vitest";
import { matchesAtLeads } from "../../../src/guardrails/attacks/matches-at-leads.js";

const spans = (matches: RegExpExecArray[] | undefined) =>
  (matches ?? []).map((match) => [match.index, match[0]] as const);

describe("matchesAtLeads", () => {
  it("finds what matchAll of each pattern finds, when every match starts at a lead", () => {
    const text =
      "Note to the AI: hi. note for the agent, (to the bot: x) NOTE TO AI NOTE TO AI? hinweis an die KI";
    const english = String.raw`\bnote\s+(?:to|for)\s+(?:the\s+)?(?:ai|agent|bot)|(?:^|[\n.!?(])\s*to\s+the\s+bot:`;
    const german = String.raw`\bhinweis\s+an\s+die\s+ki`;
    const found = matchesAtLeads(
      text,
      [/\b(?:note|hinweis)/gi, /[\n.!?(]\s*to/gi],
      [new RegExp(english, "iy"), new RegExp(german, "iy")],
    );
    expect(spans(found[0])).toEqual(spans([...text.matchAll(new RegExp(english, "gi"))]));
    expect(spans(found[1])).toEqual(spans([...text.matchAll(new RegExp(german, "gi"))]));
    expect(found[0]).toHaveLength(5);
  });

  it("tries the text's start, and continues after a match as matchAll does", () => {
    expect(spans(matchesAtLeads("to the bot: to the bot:", [/x/g], [/to the bot:/y])[0])).toEqual([
      [0, "to the bot:"],
    ]);
    expect(spans(matchesAtLeads("aaaa", [/a/g], [/aa/y])[0])).toEqual([
      [0, "aa"],
      [2, "aa"],
    ]);
    expect(matchesAtLeads("", [/a/g], [/a/y])).toEqual([[]]);
  });
});
