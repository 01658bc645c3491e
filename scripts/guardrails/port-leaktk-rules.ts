// `node --import tsx scripts/guardrails/port-leaktk-rules.ts`: ports LeakTK's gitleaks patterns
// (leaktk/patterns, MIT, at the commit pinned in leaktk-patterns.ts) into
// src/guardrails/leaktk-rules.ts, for the token types modelmux did not find, and writes what was
// skipped, and why, to scripts/guardrails/leaktk-port.json. A rule that shares a vendor, a pattern
// literal or an example with a Nosey Parker rule (the secret test source) is left out, by the same
// mechanical check as Kingfisher's (kingfisher-selection.ts). Reads the snapshots under
// MODELMUX_CORPUS_MIRRORS, the train and dev lines of .attack-corpus/ (never a test line) and
// ordinary code (node_modules, the Python standard library). Prints counts only.
import { join } from "node:path";
import { BETTERLEAKS_RULES } from "../../src/guardrails/betterleaks-rules.js";
import { KEYHOG_RULES } from "../../src/guardrails/keyhog-rules.js";
import { KINGFISHER_RULES } from "../../src/guardrails/kingfisher-rules.js";
import { MICROSOFT_SECRET_RULES } from "../../src/guardrails/microsoft-secret-rules.js";
import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";
import { SECRET_PATTERN_RULES } from "../../src/guardrails/secrets.js";
import { TIGHT_REPEAT, tightenedIfBacktracking } from "./backtracking-check.js";
import {
  type KingfisherFileRule,
  modelmuxVendors,
  ruleKey,
  selectKingfisherRules,
} from "./kingfisher-selection.js";
import { LEAKTK, type LeaktkRule, readLeaktkRules } from "./leaktk-patterns.js";
import {
  benignLines,
  COVERAGE_DRAWS,
  carriedKeywords,
  convertedForPort,
  examplesAdded,
  falsePositiveReasons,
  keywordPrefilterProblem,
  MAX_KEYWORD_LINES,
  NO_FINDING_ADDED,
  prefixOwner,
  reasonCounts,
  renderRuleObjects,
  reported,
  writeFormatted,
} from "./port-checks.js";
import { MAX_REPEAT } from "./rust-regex.js";

const root = join(import.meta.dirname, "../..");
const OUTPUT = join(root, "src/guardrails/leaktk-rules.ts");
const REPORT = join(import.meta.dirname, "leaktk-port.json");
/** As betterleaks' port: a token at its own fixed prefix, or a value found after the vendor's name. */
const PREFIX_SCORE = 0.85;
const NAMED_SCORE = 0.8;
/** Rules tagged as secrets that find no credential: what a finding of theirs would be. */
const NOT_CREDENTIALS: Record<string, string> = {
  "12NI0Yd57gc": "a document's classification marking (`CUI//…`), not a credential",
};

const lines = benignLines();
const prefilterProblem = keywordPrefilterProblem(lines);

const rules = readLeaktkRules();
const baseline = [
  ...SECRET_PATTERN_RULES,
  ...KINGFISHER_RULES,
  ...MICROSOFT_SECRET_RULES,
  ...KEYHOG_RULES,
  ...BETTERLEAKS_RULES,
];
// Nosey Parker's exclusion reads a rule's vendor from its file name: here the rule's description
// (`Testing Farm API Token` → `testing-farm-api-token.yml`), every word of it a vendor candidate.
const asKingfisher = (rule: LeaktkRule): KingfisherFileRule => ({
  name: rule.description,
  id: rule.id,
  pattern: rule.regex ?? "",
  examples: rule.examples.flatMap(({ match, secret }) => [match, secret]),
  file: `${rule.description.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.yml`,
});
const selection = selectKingfisherRules(
  rules.map(asKingfisher),
  modelmuxVendors(join(root, "src/guardrails")),
);

const skipped: Record<string, string> = {};
const candidates: { rule: LeaktkRule; ported: SecretPatternRule; texts: string[] }[] = [];
for (const rule of rules) {
  const name = `${rule.id} ${rule.description}`;
  const ported = convert(rule);
  if (typeof ported === "string") {
    skipped[name] = ported;
    continue;
  }
  const regex = new RegExp(ported.pattern, ported.flags ?? "");
  const missed = rule.examples.filter(
    ({ match, secret }) => regex.exec(match)?.[ported.group ?? 0] !== secret,
  ).length;
  if (missed > 0) {
    skipped[name] = `converted pattern misses ${missed} of its ${rule.examples.length} expected secrets`;
    continue;
  }
  // Each expected match and its secret written alone, as a token pasted into a message is.
  const texts = [...new Set(rule.examples.flatMap(({ match, secret }) => [match, secret]))];
  if (!texts.some((text) => reported([ported], text).length > 0)) {
    skipped[name] = "reports none of its examples itself (each under the entropy floor or masked)";
    continue;
  }
  if (examplesAdded(ported, texts, baseline).length === 0) {
    skipped[name] = NO_FINDING_ADDED;
    continue;
  }
  candidates.push({ rule, ported, texts });
}

// The false-positive checks.
const falsePositives = falsePositiveReasons(
  candidates.map(({ ported }) => ported),
  lines,
  root,
);
const kept: SecretPatternRule[] = [];
for (const { rule, ported } of candidates) {
  const reason = falsePositives.get(ported.id);
  if (reason === undefined) kept.push(ported);
  else skipped[`${rule.id} ${rule.description}`] = reason;
}

const reasons = reasonCounts(skipped);
const report = `${JSON.stringify(
  {
    about:
      "Written by scripts/guardrails/port-leaktk-rules.ts: LeakTK's rules not ported (by id and description), each with the reason.",
    repo: LEAKTK.repo,
    commit: LEAKTK.commit,
    rules: rules.length,
    ported: kept.length,
    skipped,
  },
  null,
  2,
)}\n`;
writeFormatted(root, [
  [REPORT, report],
  [OUTPUT, renderRules(kept)],
]);
console.log(`${rules.length} LeakTK rules; ported ${kept.length}; skipped:`);
console.log(Object.fromEntries([...reasons].sort((a, b) => b[1] - a[1])));

function convert(rule: LeaktkRule): SecretPatternRule | string {
  if (!(rule.tags ?? []).includes("type:secret")) return "not a secret rule (its type tag)";
  const notCredential = NOT_CREDENTIALS[rule.id];
  if (notCredential !== undefined) return notCredential;
  if (rule.regex === undefined || rule.path !== undefined) return "matches a file path, not a secret in text";
  if (rule.examples.length === 0) return "no example in the scanner test's expected results";
  const exclusion = selection.get(ruleKey(asKingfisher(rule).file, rule.id));
  if (exclusion !== undefined) return exclusion;
  const read = convertedForPort(rule.regex);
  if (typeof read === "string") return read;
  const keywords = carriedKeywords(rule.regex, read, (keywords) => prefilterProblem(keywords, read.source));
  if (typeof keywords === "string") return keywords;
  const converted = { ...read, keywords };
  const group = rule.secretGroup ?? converted.group;
  const prefixed = rule.examples.every(({ secret }) =>
    converted.keywords.some((keyword) => secret.toLowerCase().startsWith(keyword)),
  );
  const owner = prefixed ? prefixOwner(baseline, converted.keywords) : undefined;
  if (owner !== undefined) return `its token prefix already has a rule of modelmux's (${owner.id})`;
  const slug = rule.description
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  const ported: SecretPatternRule = {
    id: `leaktk.${rule.id}`,
    type: slug,
    keywords: converted.keywords,
    pattern: converted.source,
    ...(converted.flags === "" ? {} : { flags: converted.flags }),
    ...(group === 0 ? {} : { group }),
    score: prefixed ? PREFIX_SCORE : NAMED_SCORE,
    ...(rule.entropy === undefined ? {} : { minEntropy: rule.entropy }),
    source: `leaktk ${LEAKTK.folder}${rule.file} (${rule.id} ${rule.description})`,
  };
  return tightenedIfBacktracking(ported, MAX_REPEAT);
}

function renderRules(ported: SecretPatternRule[]): string {
  const body = renderRuleObjects(ported);
  return `// Generated by scripts/guardrails/port-leaktk-rules.ts; do not edit by hand.
import type { SecretPatternRule } from "./secret-rule-types.js";

/**
 * Vendor token rules ported from LeakTK's patterns (github.com/leaktk/patterns@${LEAKTK.commit.slice(0, 7)},
 * ${LEAKTK.folder}*.toml, MIT; see licenses/ and NOTICE), gitleaks rules Red Hat's leak tool kit
 * scans with. Kept: secret rules over text (no path rule), that share no vendor, pattern literal or
 * example with a Nosey Parker rule (the secret test source; kingfisher-selection.ts), for vendors
 * modelmux has no rule of its own for, with a literal start the prefilter can key on (one found in at
 * most ${MAX_KEYWORD_LINES} train/dev lines), whose token prefix no rule of modelmux's has already, whose
 * converted pattern (RE2 read as Rust regex syntax, scripts/guardrails/rust-regex.ts) reads every
 * secret LeakTK's scanner test expects from its fake leaks, that add a finding (in an example or
 * one of ${COVERAGE_DRAWS} variants of each with its secret redrawn) modelmux's vendor-format rules did
 * not make, report nothing in train or dev lines holding no secret nor in ~12 MB of ordinary code,
 * and cannot backtrack super-linearly (bounded repeats tightened at ${TIGHT_REPEAT} over their minimum where
 * that alone removes it). LeakTK's allowlists are not ported. \`minEntropy\` is the rule's entropy.
 * Score ${PREFIX_SCORE} for a token with its own prefix, ${NAMED_SCORE} otherwise. Not ported, and why:
 * scripts/guardrails/leaktk-port.json.
 */
export const LEAKTK_RULES: SecretPatternRule[] = [
${body}
];
`;
}
