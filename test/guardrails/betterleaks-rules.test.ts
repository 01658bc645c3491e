import { describe, expect, it } from "vitest";
import { entropyFloor } from "../../scripts/guardrails/betterleaks-rules.js";
import { extractGoRuleSamples, readGoHelpers } from "../../scripts/guardrails/go-samples.js";
import { mulberry32 } from "../../scripts/guardrails/seeded-random.js";
import { BETTERLEAKS_RULES } from "../../src/guardrails/betterleaks-rules.js";
import { alnum, fakeChars, hex, urlSafe } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";

// Rules ported from betterleaks by scripts/guardrails/port-betterleaks-rules.ts. Values are drawn at
// test time (fake-values.ts); assertions compare spans and ids, so no value is printed on success.
const lowerAlnum = (length: number, seed: number) =>
  fakeChars(length, "abcdefghijklmnopqrstuvwxyz0123456789", seed);

describe("a sample of the ported betterleaks rules", () => {
  const cases: PortedRuleCase[] = [
    [
      "betterleaks.togetherai-api-key",
      `tgp_v1_${urlSafe(43, 1)}`,
      (secret) => `export TOGETHER_API_KEY=${secret}`,
      // One character short of the 43 after the prefix.
      `export TOGETHER_API_KEY=tgp_v1_${urlSafe(42, 1)}`,
    ],
    [
      "betterleaks.cerebras-api-key",
      `csk-${lowerAlnum(48, 2)}`,
      (secret) => `I rotated ${secret} yesterday`,
      // Inside a longer token the prefix is no token's start.
      `id="xcsk-${lowerAlnum(48, 2)}"`,
    ],
    [
      "betterleaks.devin-service-user-token",
      `cog_${fakeChars(52, "abcdefghijklmnopqrstuvwxyz234567", 3)}`,
      (secret) => `DEVIN_TOKEN: ${secret}`,
      // Base32: no 0, 1, 8 or 9.
      `DEVIN_TOKEN: cog_${fakeChars(51, "abcdefghijklmnopqrstuvwxyz234567", 3)}9`,
    ],
    [
      "betterleaks.rootly-api-key.1",
      `rootly_${hex(64, 4)}`,
      (secret) => `echo ${secret} | rootly login --stdin`,
      // Not the key's alphabet (hex).
      `rootly_${alnum(64, 4)}Z`,
    ],
    [
      // betterleaks reports it only beside Ramp's client id; its own prefix names it alone.
      "betterleaks.ramp-client-secret",
      `ramp_sec_${alnum(48, 5)}`,
      (secret) => `RAMP_CLIENT_SECRET=${secret}`,
      `RAMP_CLIENT_SECRET=ramp_sec_${alnum(47, 5)}`,
    ],
  ];

  checkPortedRules(cases);
});

describe("every ported rule", () => {
  it.each(BETTERLEAKS_RULES.map((rule) => [rule.id, rule] as const))("%s is well formed", (_id, rule) => {
    expect(rule.id).toMatch(/^betterleaks\.[\w.-]+$/);
    expect(rule.source).toMatch(/^betterleaks [\w.-]+\.go \([\w.-]+\)$/);
    expect(rule.keywords.length).toBeGreaterThan(0);
    for (const keyword of rule.keywords) expect(keyword).toBe(keyword.toLowerCase());
    expect(() => new RegExp(rule.pattern, `${rule.flags ?? ""}dy`)).not.toThrow();
    // Bounded: no `*`, `+` or `{n,}` left to backtrack without end.
    expect(rule.pattern.replace(/\\./g, "").replace(/\[(?:[^\]\\]|\\.)*\]/g, "")).not.toMatch(
      /[*+]|\{\d+,\}/,
    );
  });
});

// The reader the port uses: a rule function's `config.Rule{…}` literal, with gitleaks' regex builders
// composed from utils/generate.go's constants.
const GENERATE_GO = `package utils
const (
	caseInsensitive = \`(?i)\`
	secretPrefixUnique = \`\\b(\`
	secretSuffix       = \`)(?:[\\s;]|$)\`
)
func GenerateSampleSecrets(identifier string, secret string) []string {
	samples := map[string]string{
		"ini - unquoted": "{i}Token={s}",
	}
	return nil
}`;
const PATTERNS_GO = `package utils
func Hex(size string) string {
	return fmt.Sprintf(\`[a-f0-9]{%s}\`, size)
}`;
const RULE_GO = `package rules
func Demo() *config.Rule {
	r := config.Rule{
		RuleID:   "demo-key",
		Regex:    utils.GenerateUniqueTokenRegex(\`dm_\`+utils.Hex("12"), true),
		Keywords: []string{"dm_"},
		Filter:   utils.MinEntropy(3.5),
		ValidateExpr: unknownHelper("x"),
	}
	tps := []string{"dm_" + secrets.NewSecretWithEntropy(utils.Hex("12"), 3)}
	return utils.Validate(r, tps, nil)
}`;

describe("reading betterleaks' rule functions (scripts/guardrails/go-samples.ts)", () => {
  it("reads the rule's fields, composing the regex builders from generate.go's constants", () => {
    const helpers = readGoHelpers(GENERATE_GO, PATTERNS_GO);
    const [rule] = extractGoRuleSamples(RULE_GO, helpers, mulberry32(3)).rules;
    const fields = rule?.fields?.fields;
    expect(rule?.fields?.type).toBe("config.Rule");
    expect(fields?.get("RuleID")).toBe("demo-key");
    expect(fields?.get("Regex")).toBe("(?i)\\b(dm_[a-f0-9]{12})(?:[\\s;]|$)");
    expect(fields?.get("Keywords")).toEqual(["dm_"]);
    expect(fields?.get("Filter")).toBe('entropy(finding["secret"]) < 3.5');
    // A field it cannot evaluate is there, undefined; the rest still read.
    expect(fields?.has("ValidateExpr")).toBe(true);
    expect(fields?.get("ValidateExpr")).toBeUndefined();
    expect(rule?.positives).toHaveLength(1);
    expect(rule?.positives[0]).toMatch(/^dm_[a-f0-9]{12}$/);
  });

  it("takes a filter's entropy floor only when the filter is nothing else", () => {
    expect(entropyFloor('entropy(finding["secret"]) <= 3.0')).toBe(3);
    expect(entropyFloor('filter.entropy(finding["secret"]) < 3.5')).toBe(3.5);
    expect(entropyFloor('entropy(finding["secret"]) <= 3.0\n|| matchesAny(finding["secret"], [`x`])')).toBe(
      undefined,
    );
  });
});
