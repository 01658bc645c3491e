import { describe, expect, it } from "vitest";
import { type MatchSpans, matchesAtLeads } from "../../../src/guardrails/attacks/matches-at-leads.js";

/** Each match as its start and its text, from the spans found or from matchAll's matches. */
const spans = (text: string, found: MatchSpans | undefined) =>
  (found?.starts ?? []).map((start, index) => [start, text.slice(start, found?.ends[index])] as const);
const matched = (matches: RegExpExecArray[]) => matches.map((match) => [match.index, match[0]] as const);

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
    expect(spans(text, found[0])).toEqual(matched([...text.matchAll(new RegExp(english, "gi"))]));
    expect(spans(text, found[1])).toEqual(matched([...text.matchAll(new RegExp(german, "gi"))]));
    expect(found[0]?.starts).toHaveLength(5);
  });

  it("tries the text's start, and continues after a match as matchAll does", () => {
    const bots = "to the bot: to the bot:";
    expect(spans(bots, matchesAtLeads(bots, [/x/g], [/to the bot:/y])[0])).toEqual([[0, "to the bot:"]]);
    expect(spans("aaaa", matchesAtLeads("aaaa", [/a/g], [/aa/y])[0])).toEqual([
      [0, "aa"],
      [2, "aa"],
    ]);
    expect(matchesAtLeads("", [/a/g], [/a/y])).toEqual([{ starts: [], ends: [] }]);
  });
});
