import { describe, expect, it } from "vitest";
import { addsFinding } from "../../scripts/guardrails/port-checks.js";
import { KINGFISHER_RULES } from "../../src/guardrails/kingfisher-rules.js";
import { SECRET_PATTERN_RULES } from "../../src/guardrails/secrets.js";
import { alnum, fakeChars, hex, urlSafe } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";

// Rules ported from Kingfisher by scripts/guardrails/port-kingfisher-rules.ts. Values are drawn at
// test time (fake-values.ts); assertions compare spans and ids, so no value is printed on success.
const lowerAlnum = (length: number, seed: number) =>
  fakeChars(length, "abcdefghijklmnopqrstuvwxyz0123456789", seed);

describe("a sample of the ported Kingfisher rules", () => {
  const cases: PortedRuleCase[] = [
    [
      "kingfisher.airtable.1",
      `pat${lowerAlnum(14, 1)}.${hex(64, 2)}`,
      (secret) => `AIRTABLE_KEY=${secret}`,
      `AIRTABLE_KEY=pat${lowerAlnum(14, 1)}.${hex(40, 2)}`,
    ],
    [
      "kingfisher.xai.1",
      `xai-${alnum(80, 3)}`,
      (secret) => `grok client uses ${secret}`,
      `xai-${alnum(60, 3)}`,
    ],
    [
      "kingfisher.replicate.1",
      `r8_${urlSafe(37, 4)}`,
      (secret) => `export REPLICATE=${secret}`,
      `export REPLICATE=r8_${"a".repeat(37)}`,
    ],
    [
      "kingfisher.ubidots.1",
      `BBFF-${alnum(30, 5)}`,
      (secret) => `token ${secret}`,
      `token BBFF-${alnum(20, 5)}`,
    ],
    [
      "kingfisher.zohocrm.1",
      `1000.${hex(32, 6)}.${hex(32, 7)}`,
      (secret) => `refresh: ${secret}`,
      `version 1000.${hex(32, 6)}`,
    ],
    [
      "kingfisher.sendbird.1",
      hex(24, 8),
      (secret) => `sendbird organization api key ${secret}`,
      // One hex digit more: a longer run is not cut to fit.
      `sendbird organization api key ${hex(25, 8)}`,
    ],
    [
      // Its name before the token, in prose: no secret-like setting name for the generic reading.
      "kingfisher.apollo.1",
      alnum(22, 10),
      (secret) => `the apollo studio key is ${secret}`,
      `the apollo studio key is ${alnum(23, 10)}`,
    ],
    [
      "kingfisher.vultr.1",
      fakeChars(36, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 11),
      (secret) => `vultr API key ${secret}`,
      `vultr API key ${fakeChars(35, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 11)}`,
    ],
    [
      "kingfisher.posthog.1",
      `phx_${alnum(43, 9)}`,
      (secret) => `posthog personal api key ${secret}`,
      `analytics key phx_${alnum(43, 9)}`,
    ],
  ];

  checkPortedRules(cases);
});

describe("the ports' adds-a-finding check", () => {
  const rule = (id: string) => {
    const found = [...KINGFISHER_RULES, ...SECRET_PATTERN_RULES].find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(`no rule ${id}`);
    return found;
  };

  it("leaves out the name-based readings: a vendor rule finds its token without a setting's name", () => {
    // The generic reading finds this assignment too, but not the token pasted alone after `apollo`.
    expect(addsFinding(rule("kingfisher.apollo.1"), `APOLLO_KEY="${alnum(22, 12)}"`)).toBe(true);
  });

  it("counts the vendor-format rules: a copy of one adds nothing", () => {
    const notion = rule("vendor-format.notion-integration-secret");
    const copy = { ...notion, id: "copy.notion" };
    expect(addsFinding(copy, `const notion = new Client({ auth: "secret_${alnum(43, 13)}" })`)).toBe(false);
  });
});

describe("every ported rule", () => {
  it.each(KINGFISHER_RULES.map((rule) => [rule.id, rule] as const))("%s is well formed", (_id, rule) => {
    expect(rule.source).toMatch(/^kingfisher data\/rules\/[\w.-]+\.yml \(kingfisher\.[\w.-]+\)$/);
    expect(rule.keywords.length).toBeGreaterThan(0);
    for (const keyword of rule.keywords) expect(keyword).toBe(keyword.toLowerCase());
    expect(() => new RegExp(rule.pattern, `${rule.flags ?? ""}dy`)).not.toThrow();
    // Bounded: no `*`, `+` or `{n,}` left to backtrack without end.
    expect(rule.pattern.replace(/\\./g, "").replace(/\[(?:[^\]\\]|\\.)*\]/g, "")).not.toMatch(
      /[*+]|\{\d+,\}/,
    );
  });
});
