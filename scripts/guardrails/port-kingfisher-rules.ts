// `node --import tsx scripts/guardrails/port-kingfisher-rules.ts`: ports Kingfisher's rules
// (mongodb/kingfisher, Apache-2.0, at the commit pinned in kingfisher-selection.ts) that are not
// derived from Nosey Parker's (the secret test source) into src/guardrails/kingfisher-rules.ts, and
// writes what was skipped, and why, to scripts/guardrails/kingfisher-port.json. Reads the snapshots
// under MODELMUX_CORPUS_MIRRORS and, for the false-positive check, the train and dev lines of
// .attack-corpus/ (never a test line). Prints counts and Kingfisher rule ids only.
import { join } from "node:path";
import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";
import { createSecretDetector } from "../../src/guardrails/secrets.js";
import {
  type KingfisherFileRule,
  modelmuxVendors,
  pinnedSource,
  readKingfisherRules,
  ruleKey,
  selectKingfisherRules,
} from "./kingfisher-selection.js";
import {
  benignLines,
  COVERAGE_DRAWS,
  carriedKeywords,
  convertedForPort,
  examplesAdded,
  keywordPrefilterProblem,
  keywordTooCommon,
  NO_FINDING_ADDED,
  reasonCounts,
  renderRuleObjects,
  reported,
  superLinearBacktracking,
  writeFormatted,
} from "./port-checks.js";

const root = join(import.meta.dirname, "../..");
const OUTPUT = join(root, "src/guardrails/kingfisher-rules.ts");
const REPORT = join(import.meta.dirname, "kingfisher-port.json");
const CONFIDENCE_SCORE: Record<string, number> = { high: 0.9, medium: 0.85, low: 0.75 };
/**
 * A vendor's name read before the value (`line … KEY … <token>`), not the token's own prefix, may be
 * found in this many train/dev lines holding no secret: each hit runs a lazy search of the next 32
 * characters for the key word. `line` (1,685 lines) and `tly` (2,117: `directly`, `mostly`) are over
 * it; `less` (896, Less Annoying CRM's, ported since session 19) is under. A token's own prefix
 * (`pat…`, `ion_…`) fails at once where no token is and is not limited.
 */
const NAME_KEYWORD_LINES = 1000;

/** Kingfisher rule `kingfisher.box.com.1` → finding type `box_com` (the vendor, as modelmux's types read). */
function findingType(rule: KingfisherFileRule): string {
  const slug = rule.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  return slug.slice(0, 60);
}

type Skip = string;

function convert(rule: KingfisherFileRule, id: string): SecretPatternRule | Skip {
  if (rule.visible === false) return "helper rule (not reported by Kingfisher itself)";
  if (rule.depends_on_rule !== undefined) return "reports only beside another rule's match (depends_on_rule)";
  const converted = convertedForPort(rule.pattern);
  if (typeof converted === "string") return converted;
  const source = converted.source;
  const keywords = carriedKeywords(rule.pattern, converted, (keywords) => {
    const common = keywords.find((keyword) => keywordTooCommon(keyword, source));
    return common === undefined
      ? undefined
      : `keyword too common for the prefilter (${common.length} characters)`;
  });
  if (typeof keywords === "string") return keywords;
  return {
    id,
    type: findingType(rule),
    keywords,
    pattern: converted.source,
    ...(converted.flags === "" ? {} : { flags: converted.flags }),
    ...(converted.group === 0 ? {} : { group: converted.group }),
    score: CONFIDENCE_SCORE[rule.confidence ?? "medium"] ?? 0.85,
    ...(rule.min_entropy === undefined ? {} : { minEntropy: rule.min_entropy }),
    source: `kingfisher data/rules/${rule.file} (${rule.id})`,
  };
}

/** Whether every example's secret starts with one of the rule's keywords (its token prefix). */
function tokenPrefixed(rule: SecretPatternRule, examples: readonly string[]): boolean {
  const regex = new RegExp(rule.pattern, rule.flags ?? "");
  return examples.every((example) => {
    const secret = regex.exec(example)?.[rule.group ?? 0]?.toLowerCase() ?? "";
    return rule.keywords.some((keyword) => secret.startsWith(keyword));
  });
}

const KINGFISHER = pinnedSource("kingfisher-rules");
const benign = benignLines();
const nameKeywordProblem = keywordPrefilterProblem(benign, NAME_KEYWORD_LINES);
const rules = readKingfisherRules();
const selection = selectKingfisherRules(rules, modelmuxVendors(join(root, "src/guardrails")));
const skipped: Record<string, Skip> = {};
const candidates: { rule: KingfisherFileRule; ported: SecretPatternRule }[] = [];
// A rule's id, made unique where Kingfisher gives two rules one id (`kingfisher.fullstory.1@fullstory_v2`).
const idCounts = new Map<string, number>();
for (const rule of rules) idCounts.set(rule.id, (idCounts.get(rule.id) ?? 0) + 1);
const uniqueId = (rule: KingfisherFileRule) =>
  (idCounts.get(rule.id) ?? 0) > 1 ? `${rule.id}@${rule.file.replace(/\.yml$/, "")}` : rule.id;
for (const rule of rules) {
  const exclusion = selection.get(ruleKey(rule.file, rule.id));
  if (exclusion !== undefined) continue;
  const id = uniqueId(rule);
  const ported = convert(rule, id);
  if (typeof ported === "string") {
    skipped[id] = ported;
    continue;
  }
  const examples = rule.examples ?? [];
  const regex = new RegExp(ported.pattern, ported.flags ?? "");
  const missed = examples.filter((example) => !regex.test(example)).length;
  if (examples.length === 0 || missed > 0) {
    skipped[id] = `converted pattern misses ${missed} of its ${examples.length} examples`;
    continue;
  }
  // Kingfisher's examples are sometimes fillers (`abcdefabcdef…`) under its own `min_entropy`, which
  // modelmux applies to the secret itself: such examples are not found, and a rule needs one that is.
  if (!examples.some((example) => reported([ported], example).length > 0)) {
    skipped[id] = "every example is under the rule's min_entropy (or masked)";
    continue;
  }
  const negatives = [...(rule.negative_examples ?? []), ...(rule.non_examples ?? [])];
  if (negatives.some((example) => reported([ported], example).length > 0)) {
    skipped[id] = "converted pattern flags one of its negative examples";
    continue;
  }
  if (!tokenPrefixed(ported, examples)) {
    const problem = nameKeywordProblem(ported.keywords, ported.pattern);
    if (problem !== undefined) {
      skipped[id] = `vendor name before the value: ${problem}`;
      continue;
    }
  }
  if (examplesAdded(ported, examples).length === 0) {
    skipped[id] = NO_FINDING_ADDED;
    continue;
  }
  candidates.push({ rule, ported });
}

const flaggedBenign = new Map<string, number>();
const all = createSecretDetector(candidates.map(({ ported }) => ported));
for (const text of benign) {
  if (!all.scan(text).some((finding) => finding.detector.startsWith("secrets/kingfisher."))) continue;
  for (const { ported } of candidates)
    if (reported([ported], text).length > 0)
      flaggedBenign.set(ported.id, (flaggedBenign.get(ported.id) ?? 0) + 1);
}
const kept: SecretPatternRule[] = [];
for (const { ported } of candidates) {
  const flagged = flaggedBenign.get(ported.id);
  if (flagged !== undefined) {
    skipped[ported.id] = `flags ${flagged} train/dev line(s) holding no secret`;
    continue;
  }
  const backtracking = superLinearBacktracking(ported);
  if (backtracking !== undefined) {
    skipped[ported.id] = backtracking;
    continue;
  }
  kept.push(ported);
}

const exclusions = new Map<string, number>();
for (const exclusion of selection.values())
  if (exclusion !== undefined) exclusions.set(exclusion, (exclusions.get(exclusion) ?? 0) + 1);
const reasons = reasonCounts(skipped);
const report = `${JSON.stringify(
  {
    about:
      "Written by scripts/guardrails/port-kingfisher-rules.ts: Kingfisher's rules left out as derived from Nosey Parker or a vendor modelmux covers (counts), and the selected rules not ported, each with the reason.",
    repo: KINGFISHER.repo,
    commit: KINGFISHER.commit,
    rules: rules.length,
    excluded: Object.fromEntries([...exclusions].sort()),
    selected: rules.length - [...exclusions.values()].reduce((sum, count) => sum + count, 0),
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
console.log(`${rules.length} Kingfisher rules; excluded:`, Object.fromEntries(exclusions));
console.log(
  `selected ${rules.length - [...exclusions.values()].reduce((a, b) => a + b, 0)}, ported ${kept.length}; skipped:`,
  Object.fromEntries(reasons),
);

function renderRules(ported: SecretPatternRule[]): string {
  const body = renderRuleObjects(ported);
  return `// Generated by scripts/guardrails/port-kingfisher-rules.ts; do not edit by hand.
import type { SecretPatternRule } from "./secret-rule-types.js";

/**
 * Vendor token rules ported from Kingfisher (github.com/mongodb/kingfisher@${KINGFISHER.commit.slice(0, 7)},
 * data/rules/*.yml, Apache-2.0; see licenses/ and NOTICE): only rules that share no vendor, pattern
 * literal or example with Nosey Parker's (the secret test source), for vendors modelmux had no rule
 * for, whose converted pattern finds each of the rule's examples, misses its negative examples,
 * adds a finding modelmux's vendor-format rules did not make in one of them or of ${COVERAGE_DRAWS} variants of each with its secret redrawn (its name-based readings, which need a
 * setting's name before the value, are not counted), and flags no train or dev line that holds no
 * secret; a vendor's name read before the value may be in at most ${NAME_KEYWORD_LINES} train/dev lines. Each
 * rule names its Kingfisher file and id; \`minEntropy\` is Kingfisher's \`min_entropy\`, the score its
 * \`confidence\`. Rules not ported, and why: scripts/guardrails/kingfisher-port.json.
 */
export const KINGFISHER_RULES: SecretPatternRule[] = [
${body}
];
`;
}
