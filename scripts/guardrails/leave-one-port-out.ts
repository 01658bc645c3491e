// `node --import tsx scripts/guardrails/leave-one-port-out.ts`: how modelmux does on vendor formats
// from a rule set it never ported, the honest proxy for the secret test source (whose rules are never
// read). For each rule set with train/dev examples (gitleaks, Kingfisher, KeyHog, betterleaks,
// Microsoft, trivy, detect-secrets, LeakTK), the examples that only that set's rules find, no other set's
// vendor rule: with that set's rules taken out, how many does the rest of the secret detector (the
// other sets, the generic and name-based readings, the format parsers) still flag? Line-level, at the
// policy's secret threshold, as the PII/secret bench counts a line. Reads train and dev lines only
// (never a test line) and, for betterleaks and LeakTK (not corpus sources), their rules' samples in the
// snapshots.
// Prints counts per set and per half (mixedBit of the line: half 0 is the one readings are tuned on).

import { BETTERLEAKS_RULES } from "../../src/guardrails/betterleaks-rules.js";
import { DEFAULT_THRESHOLDS } from "../../src/guardrails/config.js";
import { KEYHOG_RULES } from "../../src/guardrails/keyhog-rules.js";
import { KINGFISHER_RULES } from "../../src/guardrails/kingfisher-rules.js";
import { LEAKTK_RULES } from "../../src/guardrails/leaktk-rules.js";
import { MICROSOFT_SECRET_RULES } from "../../src/guardrails/microsoft-secret-rules.js";
import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";
import { createSecretDetector, SECRET_PARSERS, SECRET_PATTERN_RULES } from "../../src/guardrails/secrets.js";
import { readBetterleaksRules } from "./betterleaks-rules.js";
import { readLeaktkRules } from "./leaktk-patterns.js";
import { loadPiiSecretCorpus } from "./load-pii-secret-corpus.js";
import { mixedBit } from "./seeded-random.js";

const ALL_RULES: readonly SecretPatternRule[] = [
  ...SECRET_PATTERN_RULES,
  ...KINGFISHER_RULES,
  ...MICROSOFT_SECRET_RULES,
  ...KEYHOG_RULES,
  ...BETTERLEAKS_RULES,
  ...LEAKTK_RULES,
];

/**
 * The rule set a rule came from, by the first word of its `source` (`gitleaks cmd/…`, `kingfisher
 * data/rules/…`, `secretlint-rule-github`); rules written from a vendor's own docs or code
 * (`doppler`, `getsentry`) are modelmux's own, one more set that has no examples of its own.
 */
export function ruleSet(rule: SecretPatternRule): string {
  const word = rule.source.toLowerCase().split(/[ /(:;,]/)[0] ?? "";
  if (word.startsWith("secretlint")) return "secretlint";
  return EXAMPLE_SOURCES.some((set) => set.set === word) ? word : "own";
}

/** The sets with examples, and the corpus source holding them (train or dev). */
const EXAMPLE_SOURCES = [
  { set: "gitleaks", source: "gitleaks-rule-samples", split: "dev" },
  { set: "kingfisher", source: "kingfisher-rule-examples", split: "train" },
  { set: "keyhog", source: "keyhog-detector-samples", split: "train" },
  { set: "microsoft", source: "microsoft-security-key-examples", split: "train" },
  { set: "trivy", source: "trivy-secret-testdata", split: "train" },
  { set: "detect-secrets", source: "detect-secrets-plugin-tests", split: "dev" },
  { set: "betterleaks", source: undefined, split: "train" },
  { set: "leaktk", source: undefined, split: "train" },
] as const;

function examplesOf(set: (typeof EXAMPLE_SOURCES)[number]): string[] {
  if (set.set === "betterleaks")
    return readBetterleaksRules().flatMap((rule) => rule.positives.filter((text) => text !== ""));
  // LeakTK's scanner test's expected matches, and each secret written alone.
  if (set.set === "leaktk")
    return readLeaktkRules().flatMap((rule) => rule.examples.flatMap(({ match, secret }) => [match, secret]));
  return loadPiiSecretCorpus(set.split)
    .lines.filter(
      (line) =>
        line.source === set.source &&
        line.evaluates === "secret" &&
        line.positive &&
        line.excluded === undefined,
    )
    .map((line) => line.text);
}

const flags = (detector: ReturnType<typeof createSecretDetector>, text: string) =>
  detector.scan(text).some((finding) => finding.score >= DEFAULT_THRESHOLDS.secret);

export interface LeaveOneOut {
  set: string;
  /** Examples of the set that its rules flag and no other set's vendor rule does. */
  only: number;
  /** Of those, flagged by the rest of modelmux with the set's rules taken out. */
  found: number;
  /** The same two counts per half of the lines (mixedBit 0, 1). */
  halves: [{ only: number; found: number }, { only: number; found: number }];
}

export function leaveOnePortOut(): LeaveOneOut[] {
  const results: LeaveOneOut[] = [];
  for (const examples of EXAMPLE_SOURCES) {
    const own = ALL_RULES.filter((rule) => ruleSet(rule) === examples.set);
    const others = ALL_RULES.filter((rule) => ruleSet(rule) !== examples.set);
    const ownRules = createSecretDetector(own, []);
    const otherRules = createSecretDetector(others, []);
    const rest = createSecretDetector(others, SECRET_PARSERS);
    const result: LeaveOneOut = {
      set: examples.set,
      only: 0,
      found: 0,
      halves: [
        { only: 0, found: 0 },
        { only: 0, found: 0 },
      ],
    };
    for (const text of new Set(examplesOf(examples))) {
      if (!flags(ownRules, text) || flags(otherRules, text)) continue;
      const found = flags(rest, text) ? 1 : 0;
      const half = result.halves[mixedBit(text)] as { only: number; found: number };
      result.only++;
      result.found += found;
      half.only++;
      half.found += found;
    }
    results.push(result);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const share = (found: number, only: number) => (only === 0 ? "-" : (found / only).toFixed(3));
  const total = { only: 0, found: 0, halves: [0, 0, 0, 0] };
  console.log("set             only-this-set  found-without-it  share   half0      half1");
  for (const { set, only, found, halves } of leaveOnePortOut()) {
    total.only += only;
    total.found += found;
    halves.forEach((half, index) => {
      total.halves[index * 2] = (total.halves[index * 2] ?? 0) + half.found;
      total.halves[index * 2 + 1] = (total.halves[index * 2 + 1] ?? 0) + half.only;
    });
    console.log(
      `${set.padEnd(15)} ${String(only).padStart(13)} ${String(found).padStart(17)}  ${share(found, only).padStart(5)}  ${halves.map((half) => `${half.found}/${half.only}`.padStart(9)).join("  ")}`,
    );
  }
  const [f0 = 0, o0 = 0, f1 = 0, o1 = 0] = total.halves;
  console.log(
    `${"all".padEnd(15)} ${String(total.only).padStart(13)} ${String(total.found).padStart(17)}  ${share(total.found, total.only).padStart(5)}  ${`${f0}/${o0}`.padStart(9)}  ${`${f1}/${o1}`.padStart(9)}`,
  );
}
