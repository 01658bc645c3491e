// `node --import tsx scripts/guardrails/port-microsoft-key-rules.ts`: ports Microsoft's identifiable-secret
// rules (microsoft/security-utilities, MIT, at the commit pinned in pii-secret-sources.json) into
// src/guardrails/microsoft-secret-rules.ts, for the key formats modelmux did not find: a rule is kept
// when its converted pattern finds its examples, one of them adds a finding modelmux's vendor-format
// rules did not make, it flags no train/dev line holding no secret, and its pattern cannot backtrack
// super-linearly. Rules with one pattern (the four APIM keys) become one rule. Prints counts and Microsoft rule names only.
import { join } from "node:path";
import { KINGFISHER_RULES } from "../../src/guardrails/kingfisher-rules.js";
import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";
import { createSecretDetector, SECRET_PATTERN_RULES } from "../../src/guardrails/secrets.js";
import { pinnedSource } from "./kingfisher-selection.js";
import {
  convertMicrosoftRule,
  type MicrosoftKeyRule,
  microsoftExamplesByRule,
  microsoftType,
  structuralSkip,
} from "./microsoft-key-rules.js";
import {
  benignLines,
  COVERAGE_DRAWS,
  examplesAdded,
  NO_FINDING_ADDED,
  renderRuleObjects,
  reported,
  superLinearBacktracking,
  writeFormatted,
} from "./port-checks.js";
import { show } from "./snapshot.js";

const root = join(import.meta.dirname, "../..");
const OUTPUT = join(root, "src/guardrails/microsoft-secret-rules.ts");
/**
 * Microsoft's identifiable keys carry a fixed signature and, in the source, a checksum: high confidence.
 * The unclassified common annotated key (any `JQQJ9…` key) scores under the product-specific ones, so
 * the product's type wins where both match.
 */
const SCORE = 0.9;
const UNCLASSIFIED_SCORE = 0.85;
/**
 * A rule whose own examples modelmux's rules all find, kept for the redrawn variants only they miss
 * (port-checks.ts coverageExamples): under the rule that finds the examples, so where both read a
 * key that rule's type is kept (Azure's client secret, not the AAD credential type).
 */
const WIDER_SCORE = 0.85;
/** modelmux's rules before this port: the baseline a ported rule must add to. */
const BASELINE = [...SECRET_PATTERN_RULES, ...KINGFISHER_RULES];

const SOURCE = pinnedSource("microsoft-keys");
const path = SOURCE.paths[0] ?? "";
const rules = JSON.parse(show(SOURCE.repo, SOURCE.commit, path).toString("utf8")) as MicrosoftKeyRule[];
const examples = microsoftExamplesByRule(rules);
const skipped: Record<string, string> = {};
// Rules with the same pattern (query and admin search keys, the IoT and APIM keys) make one rule.
const byPattern = new Map<string, MicrosoftKeyRule[]>();
for (const rule of rules) {
  const reason = structuralSkip(rule);
  if (reason !== undefined) {
    skipped[rule.Name] = reason;
    continue;
  }
  const group = byPattern.get(rule.Pattern) ?? [];
  group.push(rule);
  byPattern.set(rule.Pattern, group);
}
const candidates: { group: MicrosoftKeyRule[]; ported: SecretPatternRule }[] = [];
for (const group of byPattern.values()) {
  const first = group[0] as MicrosoftKeyRule;
  const converted = convertMicrosoftRule(first);
  const ported: SecretPatternRule = {
    id: `microsoft.${first.Name}`,
    type: microsoftType(group.map((rule) => rule.Name)),
    ...converted,
    score: first.Name.startsWith("Unclassified") ? UNCLASSIFIED_SCORE : SCORE,
    source: `microsoft/security-utilities ${path} (${group.map((rule) => `${rule.Id} ${rule.Name}`).join(", ")})`,
  };
  const own = group.flatMap((rule) => examples.get(rule) ?? []);
  if (!own.every((example) => reported([ported], example).length > 0)) {
    for (const rule of group) skipped[rule.Name] = "converted pattern misses one of its examples";
    continue;
  }
  const added = examplesAdded(ported, own, BASELINE);
  if (added.length === 0) {
    for (const rule of group) skipped[rule.Name] = NO_FINDING_ADDED;
    continue;
  }
  // Kept for redrawn variants alone, the rule reads what another's does, wider: that one names the type.
  const wider = added.every((example) => !own.includes(example));
  candidates.push({ group, ported: wider ? { ...ported, score: WIDER_SCORE } : ported });
}

const all = createSecretDetector(candidates.map(({ ported }) => ported));
const flagged = new Map<string, number>();
for (const text of benignLines()) {
  if (!all.scan(text).some((finding) => finding.detector.startsWith("secrets/microsoft."))) continue;
  for (const { ported } of candidates)
    if (reported([ported], text).length > 0) flagged.set(ported.id, (flagged.get(ported.id) ?? 0) + 1);
}
const kept: SecretPatternRule[] = [];
for (const { group, ported } of candidates) {
  const count = flagged.get(ported.id);
  const reason =
    count !== undefined
      ? `flags ${count} train/dev line(s) holding no secret`
      : superLinearBacktracking(ported);
  if (reason === undefined) kept.push(ported);
  else for (const rule of group) skipped[rule.Name] = reason;
}

writeFormatted(root, [[OUTPUT, renderRules(kept, Object.entries(skipped))]]);
console.log(
  `${rules.length} Microsoft rules, ${byPattern.size} distinct patterns with a signature; ported ${kept.length}`,
);
for (const [name, reason] of Object.entries(skipped)) console.log(`skipped ${name}: ${reason}`);

function renderRules(ported: SecretPatternRule[], skips: [string, string][]): string {
  const body = renderRuleObjects(ported);
  const skipLines = skips.map(([name, reason]) => ` * - ${name}: ${reason}`).join("\n");
  return `// Generated by scripts/guardrails/port-microsoft-key-rules.ts; do not edit by hand.
import type { SecretPatternRule } from "./secret-rule-types.js";

/**
 * Identifiable-secret rules ported from Microsoft's security-utilities
 * (github.com/microsoft/security-utilities@${SOURCE.commit.slice(0, 7)}, ${path}, MIT; written
 * independently of Nosey Parker): Azure keys whose fixed signature (\`JQQJ99…\`, \`AzFu\`, \`+ASb\`…)
 * sits at a fixed offset, hence \`back\`, and NuGet and Databricks tokens. A key's base64 padding is
 * optional and, where present, ends the key, as Microsoft's own scanner reads keys (microsoft-key-rules.ts
 * \`optionalPadding\`). Kept: rules whose converted
 * pattern finds the examples drawn from it, of which one (or one of ${COVERAGE_DRAWS} variants of each with its secret redrawn) adds a finding modelmux's vendor-format rules
 * did not make, and
 * that flag no train or dev line holding no secret. Not ported:
${skipLines}
 */
export const MICROSOFT_SECRET_RULES: SecretPatternRule[] = [
${body}
];
`;
}
