import { describe, expect, it } from "vitest";
import { LEAKTK_RULES } from "../../src/guardrails/leaktk-rules.js";
import { fakeChars, hex } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";

// Rules ported from LeakTK's patterns by scripts/guardrails/port-leaktk-rules.ts. Values are drawn at
// test time (fake-values.ts); assertions compare spans and ids, so no value is printed on success.
const uuid = (seed: number) =>
  [hex(8, seed), hex(4, seed + 1), hex(4, seed + 2), hex(4, seed + 3), hex(12, seed + 4)].join("-");
const lowerAlnum = (length: number, seed: number) =>
  fakeChars(length, "abcdefghijklmnopqrstuvwxyz0123456789", seed);

describe("the ported LeakTK rules", () => {
  const cases: PortedRuleCase[] = [
    [
      "leaktk.lSFsU9hapFQ",
      uuid(1),
      (secret) => `export TESTING_FARM_API_TOKEN=${secret}`,
      // Not a UUID: one group short.
      `export TESTING_FARM_API_TOKEN=${hex(8, 1)}-${hex(4, 2)}-${hex(4, 3)}-${hex(12, 5)}`,
    ],
    [
      "leaktk.JH9jBKr63QI",
      lowerAlnum(40, 2),
      (secret) => `LABEL_STUDIO_API_KEY=${secret}`,
      // 39 characters: not the key's length.
      `LABEL_STUDIO_API_KEY=${lowerAlnum(39, 2)}`,
    ],
  ];

  checkPortedRules(cases);
});

describe("every ported rule", () => {
  it.each(LEAKTK_RULES.map((rule) => [rule.id, rule] as const))("%s is well formed", (_id, rule) => {
    expect(rule.id).toMatch(/^leaktk\.[\w-]+$/);
    expect(rule.source).toMatch(/^leaktk patterns\/gitleaks\/8\.27\.0\/[\w-]+\.toml \([\w-]+ .+\)$/);
    expect(rule.keywords.length).toBeGreaterThan(0);
    for (const keyword of rule.keywords) expect(keyword).toBe(keyword.toLowerCase());
    expect(() => new RegExp(rule.pattern, `${rule.flags ?? ""}dy`)).not.toThrow();
  });
});
