// The ported secret rules' speed check, decided from the pattern alone: the same rule table always
// gives the same answer, on any machine and under any load (a 1 MB wall-time filter did not).
import { RegExpParser, visitRegExpAST } from "@eslint-community/regexpp";
import { analyse } from "scslre";
import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";

/**
 * A quantifier allowed more repeats than this counts as unbounded in the check. A rule runs anchored
 * at each keyword hit, so bounded quantifiers keep each try's cost constant, but two that can trade the
 * same characters (`[_]{0,256}[_]{0,256}`, `[^\n]{0,256}[=:\s]{1,257}`) try every split between them at
 * every hit: 256 x 256 steps a hit ran KeyHog's Linode and New Relic patterns for 10 s on 64 KB of
 * `linode` and spaces. Up to 32 x 32 steps a hit is the cost of an ordinary token match.
 */
export const TRADE_BOUND = 32;

const parser = new RegExpParser({ ecmaVersion: 2024 });

/**
 * Why `rule` backtracks super-linearly on some input, or undefined: scslre's static analysis (MIT),
 * which finds a character whose repetition makes quantifiers trade it between them, run on the
 * pattern as the detector runs it (sticky at the hit) with every quantifier over TRADE_BOUND unbounded.
 */
export function superLinearBacktracking(rule: SecretPatternRule): string | undefined {
  const flags = `${(rule.flags ?? "").replace(/[yd]/g, "")}y`;
  const literal = {
    pattern: parser.parsePattern(rule.pattern, undefined, undefined, { unicode: flags.includes("u") }),
    flags: parser.parseFlags(flags),
  };
  visitRegExpAST(literal.pattern, {
    onQuantifierEnter(quantifier) {
      if (quantifier.max > TRADE_BOUND) (quantifier as { max: number }).max = Number.POSITIVE_INFINITY;
    },
  });
  const report = analyse(literal, { maxReports: 1 }).reports[0];
  if (report === undefined) return undefined;
  const quantifiers =
    report.type === "Trade"
      ? `${report.startQuant.raw} trades with ${report.endQuant.raw}`
      : `${report.quant.raw} (${report.type.toLowerCase()})`;
  const repeated = JSON.stringify(String.fromCodePoint(report.character.set.ranges[0]?.min ?? 0));
  return `super-linear backtracking: ${quantifiers} on ${repeated} repeated${report.exponential ? " (exponential)" : ""}`;
}

/**
 * How many repeats over its minimum a repetition the converter left unbounded keeps when its rule
 * fails the check: three such repetitions of the same characters (KeyHog's `linode[_\s]*[_\s]*token
 * [=:\s"']+`) try 17^3 splits at a hit, ~80 ms per MB of `linode` and tabs; at 32 they tried 33^3 (600 ms).
 */
export const TIGHT_REPEAT = 16;

/**
 * `rule` with each repetition that the Rust-regex converter bounded at `unbounded` more than its
 * minimum (an unbounded `*`, `+`, `{n,}` in the source) bounded at TIGHT_REPEAT more instead: the
 * same pattern for ordinary text (16 separators or characters between a vendor's name and its
 * token), which no longer tries hundreds of splits of a long run at each hit.
 */
export function withTightRepeats(rule: SecretPatternRule, unbounded: number): SecretPatternRule {
  const flags = rule.flags ?? "";
  const pattern = parser.parsePattern(rule.pattern, undefined, undefined, { unicode: flags.includes("u") });
  const edits: { start: number; end: number; text: string }[] = [];
  visitRegExpAST(pattern, {
    onQuantifierEnter(quantifier) {
      if (quantifier.max - quantifier.min !== unbounded) return;
      const bounds = `{${quantifier.min},${quantifier.max}}`;
      const start = quantifier.end - bounds.length - (quantifier.greedy ? 0 : 1);
      if (rule.pattern.slice(start, start + bounds.length) !== bounds) return;
      edits.push({
        start,
        end: start + bounds.length,
        text: `{${quantifier.min},${quantifier.min + TIGHT_REPEAT}}`,
      });
    },
  });
  let source = rule.pattern;
  for (const edit of edits.sort((left, right) => right.start - left.start))
    source = source.slice(0, edit.start) + edit.text + source.slice(edit.end);
  return { ...rule, pattern: source };
}

/**
 * `rule` as a port keeps it: as it is when it cannot backtrack super-linearly; else with its repeats
 * tightened (withTightRepeats) when that alone removes it; else as it is (the port's check then
 * turns it down). Repetitions that trade a long run at each hit (`linode[_\s]*[_\s]*token`).
 */
export function tightenedIfBacktracking(rule: SecretPatternRule, unbounded: number): SecretPatternRule {
  if (superLinearBacktracking(rule) === undefined) return rule;
  const tight = withTightRepeats(rule, unbounded);
  return superLinearBacktracking(tight) === undefined ? tight : rule;
}
