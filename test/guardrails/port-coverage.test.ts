import { describe, expect, it } from "vitest";
import { COVERAGE_DRAWS, coverageExamples, examplesAdded } from "../../scripts/guardrails/port-checks.js";
import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";

// A port drops a rule whose examples another vendor rule already finds; the check compares over the
// examples' redrawn variants, so a kept rule narrower than the dropped one does not hide it.
const rule = (id: string, secret: string): SecretPatternRule => ({
  id,
  type: "acme_token",
  keywords: ["acme_key"],
  pattern: `acme_key=(${secret})(?![A-Za-z0-9_=-])`,
  group: 1,
  score: 0.8,
  minEntropy: 3,
  source: "test",
});
const wide = rule("test.wide", "[a-zA-Z0-9_=-]{32}");
const narrow = rule("test.narrow", "[a-zA-Z0-9]{32}");
const example = "acme_key=Qm7ZpX2vR9kLw4nB8tY6cH3jD5fG1sNa";

describe("the ports' coverage check", () => {
  it("draws variants of each example with the secret redrawn from the rule's own pattern", () => {
    const examples = coverageExamples(wide, [example]);
    expect(examples).toHaveLength(1 + COVERAGE_DRAWS);
    expect(examples[0]).toBe(example);
    for (const variant of examples) expect(variant).toMatch(/^acme_key=[a-zA-Z0-9_=-]{32}$/);
    expect(new Set(examples).size).toBeGreaterThan(COVERAGE_DRAWS / 2);
    // Seeded by the rule's id: the same variants on every run.
    expect(coverageExamples(wide, [example])).toEqual(examples);
  });

  it("keeps a rule wider than the one that found its example", () => {
    // The narrow rule finds the example itself; only the drawn variants with `_`, `=` or `-` are the wide rule's.
    expect(examplesAdded(wide, [example], [narrow]).length).toBeGreaterThan(0);
    expect(examplesAdded(wide, [example], [narrow]).every((text) => /[_=-]/.test(text.slice(9)))).toBe(true);
  });

  it("drops a rule no wider than the baseline", () => {
    expect(examplesAdded(narrow, [example], [wide])).toEqual([]);
  });

  it("keeps the examples alone where the sampler cannot read the secret's pattern", () => {
    const lookaround = {
      ...wide,
      id: "test.lookaround",
      pattern: "acme_key=((?<=\\=)[a-z0-9]{32})",
      group: 1,
    };
    expect(coverageExamples(lookaround, ["acme_key=qm7zpx2vr9klw4nb8ty6ch3jd5fg1sna"])).toEqual([
      "acme_key=qm7zpx2vr9klw4nb8ty6ch3jd5fg1sna",
    ]);
  });
});
