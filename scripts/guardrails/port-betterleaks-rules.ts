// `node --import tsx scripts/guardrails/port-betterleaks-rules.ts`: ports betterleaks' rules
// (betterleaks/betterleaks, MIT, at the commit pinned in betterleaks-rules.ts) into
// src/guardrails/betterleaks-rules.ts, for the token types modelmux did not find, and writes what was
// skipped, and why, to scripts/guardrails/betterleaks-port.json. Reads the snapshot under
// MODELMUX_CORPUS_MIRRORS, the train and dev lines of .attack-corpus/ (never a test line) and
// ordinary code (node_modules, the Python standard library). Prints counts only.
import { join } from "node:path";
import { KEYHOG_RULES } from "../../src/guardrails/keyhog-rules.js";
import { KINGFISHER_RULES } from "../../src/guardrails/kingfisher-rules.js";
import { MICROSOFT_SECRET_RULES } from "../../src/guardrails/microsoft-secret-rules.js";
import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";
import { SECRET_PATTERN_RULES } from "../../src/guardrails/secrets.js";
import { TIGHT_REPEAT, tightenedIfBacktracking } from "./backtracking-check.js";
import {
  BETTERLEAKS,
  type BetterleaksRule,
  entropyFloor,
  gitleaksRuleIds,
  readBetterleaksRules,
} from "./betterleaks-rules.js";
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
import { type ConvertedRegex, MAX_REPEAT } from "./rust-regex.js";

const root = join(import.meta.dirname, "../..");
const OUTPUT = join(root, "src/guardrails/betterleaks-rules.ts");
const REPORT = join(import.meta.dirname, "betterleaks-port.json");
/**
 * A token whose match starts at its own fixed prefix (`gsk_`, `tskey-api-`) scores as the other
 * fixed-prefix vendor rules do; a value found after the vendor's name (gitleaks' semi-generic shape)
 * scores as KeyHog's name-keyed rules, so where another rule names the same text its type is kept.
 */
const PREFIX_SCORE = 0.85;
const NAMED_SCORE = 0.8;

const lines = benignLines();
const prefilterProblem = keywordPrefilterProblem(lines);

const rules = readBetterleaksRules();
const gitleaks = gitleaksRuleIds();
const baseline = [...SECRET_PATTERN_RULES, ...KINGFISHER_RULES, ...MICROSOFT_SECRET_RULES, ...KEYHOG_RULES];
const skipped: Record<string, string> = {};
const candidates: SecretPatternRule[] = [];
const seen = new Set<string>();
for (const rule of rules) {
  const name = rule.id ?? `${rule.file} ${rule.func}`;
  if (rule.id !== undefined && seen.has(rule.id)) continue;
  if (rule.id !== undefined) seen.add(rule.id);
  const ported = convert(rule);
  if (typeof ported === "string") {
    skipped[name] = ported;
    continue;
  }
  const regex = new RegExp(ported.pattern, ported.flags ?? "");
  const missed = rule.positives.filter((example) => !regex.test(example)).length;
  if (missed > 0) {
    skipped[name] = `converted pattern misses ${missed} of its ${rule.positives.length} examples`;
    continue;
  }
  // Each sample (mostly `{i}Token = "…"` assignments, which modelmux's generic readings find) and
  // its secret written alone, as a token pasted into a message is.
  const texts = rule.positives.flatMap((example) => {
    const match = regex.exec(example);
    const alone = match?.[ported.group ?? 0];
    return alone === undefined || alone === example ? [example] : [example, alone];
  });
  // A sample may be under the entropy floor or masked; the rule needs one text it reports itself.
  if (!texts.some((text) => reported([ported], text).length > 0)) {
    skipped[name] = "reports none of its examples itself (each under the entropy floor or masked)";
    continue;
  }
  const negatives = rule.negatives.filter((example) => reported([ported], example).length > 0).length;
  if (negatives > 0) {
    skipped[name] = `reports ${negatives} of its ${rule.negatives.length} negative examples`;
    continue;
  }
  if (examplesAdded(ported, texts, baseline).length === 0) {
    skipped[name] = NO_FINDING_ADDED;
    continue;
  }
  candidates.push(ported);
}

// The false-positive checks.
const falsePositives = falsePositiveReasons(candidates, lines, root);
const kept: SecretPatternRule[] = [];
for (const rule of candidates) {
  const reason = falsePositives.get(rule.id);
  if (reason === undefined) kept.push(rule);
  else skipped[rule.id.slice("betterleaks.".length)] = reason;
}

const reasons = reasonCounts(skipped);
const report = `${JSON.stringify(
  {
    about:
      "Written by scripts/guardrails/port-betterleaks-rules.ts: betterleaks' rules not ported, each with the reason.",
    repo: BETTERLEAKS.repo,
    commit: BETTERLEAKS.commit,
    rules: seen.size,
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
console.log(`${seen.size} betterleaks rules; ported ${kept.length}; skipped:`);
console.log(Object.fromEntries([...reasons].sort((a, b) => b[1] - a[1])));

function convert(rule: BetterleaksRule): SecretPatternRule | string {
  if (rule.id === undefined || rule.regex === undefined)
    return "rule fields not read (built from a helper's arguments)";
  if (gitleaks.has(rule.id))
    return "a gitleaks rule (its samples are the gitleaks-rule-samples dev source; gitleaks is ported by hand)";
  const alone = rule.special.filter((field) => field !== "RequiredRules");
  if (alone.length > 0) return `not a standalone finder (${alone.join(", ")})`;
  if (rule.positives.length === 0) return "no example read";
  const read = convertedForPort(rule.regex);
  if (typeof read === "string") return read;
  const keywords = carriedKeywords(rule.regex, read, (keywords) => prefilterProblem(keywords, read.source));
  if (typeof keywords === "string") return keywords;
  const converted = { ...read, keywords };
  // A companion rule pairs a secret with its id (for validation); a secret with its own prefix
  // (`ramp_sec_`, `sb_secret_`) is that vendor's without it, a value after a name is not.
  if (rule.special.includes("RequiredRules") && !tokenPrefixed(rule, converted))
    return "not a standalone finder (RequiredRules, and no token prefix of its own)";
  // A token prefix modelmux already has a rule for (most read from the vendor's own code or SDK): that
  // rule decides the alphabet and length; betterleaks' looser ones add only findings of its own samples.
  const prefixed = tokenPrefixed(rule, converted);
  const owner = prefixed ? prefixOwner(baseline, converted.keywords) : undefined;
  if (owner !== undefined) return `its token prefix already has a rule of modelmux's (${owner.id})`;
  const floor = rule.filter === undefined ? undefined : entropyFloor(rule.filter);
  const ported: SecretPatternRule = {
    id: `betterleaks.${rule.id}`,
    type: rule.id.replace(/\.\d+$/, "").replace(/-/g, "_"),
    keywords: converted.keywords,
    pattern: converted.source,
    ...(converted.flags === "" ? {} : { flags: converted.flags }),
    ...(converted.group === 0 ? {} : { group: converted.group }),
    score: prefixed ? PREFIX_SCORE : NAMED_SCORE,
    ...(floor === undefined ? {} : { minEntropy: floor }),
    source: `betterleaks ${rule.file} (${rule.id})`,
  };
  return tightenedIfBacktracking(ported, MAX_REPEAT);
}

/** Whether the secret itself starts with a keyword (a fixed token prefix), not a name before it. */
function tokenPrefixed(rule: BetterleaksRule, converted: ConvertedRegex): boolean {
  const regex = new RegExp(converted.source, converted.flags);
  return rule.positives.every((example) => {
    const secret = regex.exec(example)?.[converted.group]?.toLowerCase() ?? "";
    return converted.keywords.some((keyword) => secret.startsWith(keyword));
  });
}

function renderRules(ported: SecretPatternRule[]): string {
  const body = renderRuleObjects(ported);
  return `// Generated by scripts/guardrails/port-betterleaks-rules.ts; do not edit by hand.
import type { SecretPatternRule } from "./secret-rule-types.js";

/**
 * Vendor token rules ported from betterleaks (github.com/betterleaks/betterleaks@${BETTERLEAKS.commit.slice(0, 7)},
 * cmd/generate/config/rules/*.go, MIT; see licenses/ and NOTICE), gitleaks' successor by its author:
 * the rules gitleaks (ported by hand, its samples a dev source) does not have, for token types
 * modelmux did not find. Kept: rules that report alone (no path, secret group or helper-only rule;
 * a companion rule only where the secret has its own token prefix),
 * with a literal start the prefilter can key on (one found in at most ${MAX_KEYWORD_LINES} train/dev lines),
 * whose token prefix no rule of modelmux's has already,
 * whose converted pattern (RE2 read as Rust regex syntax, scripts/guardrails/rust-regex.ts) finds
 * every one of the rule's own samples, reports none of its own negative samples, adds a finding (in a sample or one of ${COVERAGE_DRAWS} variants of each with its secret redrawn)
 * modelmux's vendor-format rules did not make (not counting its name-based readings), reports nothing in train or dev lines holding no secret nor in ~12 MB of
 * ordinary code (node_modules, the Python standard library), and cannot backtrack super-linearly
 * (scripts/guardrails/backtracking-check.ts; where repetitions the converter bounded from unbounded
 * traded a long run, bounded at ${TIGHT_REPEAT} over their minimum). \`minEntropy\` is the entropy floor of
 * the rule's filter. Score ${PREFIX_SCORE} for a token with its own prefix, ${NAMED_SCORE} for a value after the
 * vendor's name. Not ported, and why: scripts/guardrails/betterleaks-port.json.
 */
export const BETTERLEAKS_RULES: SecretPatternRule[] = [
${body}
];
`;
}
