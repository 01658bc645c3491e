import { describe, expect, it } from "vitest";
import { superLinearBacktracking } from "../../scripts/guardrails/backtracking-check.js";
import { BETTERLEAKS_RULES } from "../../src/guardrails/betterleaks-rules.js";
import { KEYHOG_RULES } from "../../src/guardrails/keyhog-rules.js";
import { KINGFISHER_RULES } from "../../src/guardrails/kingfisher-rules.js";
import { LEAKTK_RULES } from "../../src/guardrails/leaktk-rules.js";
import { MICROSOFT_SECRET_RULES } from "../../src/guardrails/microsoft-secret-rules.js";
import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";
import { SECRET_PATTERN_RULES } from "../../src/guardrails/secrets.js";

const rule = (pattern: string, flags?: string): SecretPatternRule => ({
  id: "test",
  type: "test",
  keywords: ["key"],
  pattern,
  ...(flags === undefined ? {} : { flags }),
  score: 0.8,
  source: "test",
});

describe("the ported rules' backtracking check", () => {
  it("finds quantifiers that trade the same characters, bounded high or unbounded", () => {
    // KeyHog's Linode pattern's shape: 10 s on 64 KB of `linode` and spaces before it was dropped.
    expect(
      superLinearBacktracking(rule("linode[_\\s]{0,256}[_\\s]{0,256}token[=:\\s\"']{1,257}(\\w{64})")),
    ).toMatch(/trades with/);
    expect(superLinearBacktracking(rule("key=\\w+\\d+x", "i"))).toMatch(/super-linear/);
    expect(superLinearBacktracking(rule("key[a-z]{1,200}[a-z0-9]{1,200}!"))).toMatch(/trades with/);
  });

  it("passes a token's pattern and small bounded trades (a constant cost at each hit)", () => {
    expect(
      superLinearBacktracking(rule("(?<![A-Za-z0-9])key_[A-Za-z0-9]{32,64}(?![A-Za-z0-9])")),
    ).toBeUndefined();
    expect(superLinearBacktracking(rule("key\\s{0,256}[a-z]{20,276}"))).toBeUndefined();
    expect(superLinearBacktracking(rule("key[a-z]{0,8}[a-z0-9]{1,20}!"))).toBeUndefined();
  });

  it("passes every rule the secret detector ships", () => {
    const rules = [
      ...SECRET_PATTERN_RULES,
      ...KINGFISHER_RULES,
      ...MICROSOFT_SECRET_RULES,
      ...KEYHOG_RULES,
      ...BETTERLEAKS_RULES,
      ...LEAKTK_RULES,
    ];
    const failing = rules.flatMap((shipped) => {
      const reason = superLinearBacktracking(shipped);
      return reason === undefined ? [] : [`${shipped.id}: ${reason}`];
    });
    expect(failing).toEqual([]);
  });
});
