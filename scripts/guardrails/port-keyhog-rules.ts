// `node --import tsx scripts/guardrails/port-keyhog-rules.ts`: ports KeyHog's vendor detectors
// (santhsecurity/keyhog, MIT, at the commit pinned in pii-secret-sources.json) into
// src/guardrails/keyhog-rules.ts, for the token types modelmux did not find, and writes what was
// skipped, and why, to scripts/guardrails/keyhog-port.json. Reads the snapshot under
// MODELMUX_CORPUS_MIRRORS, the train and dev lines of .attack-corpus/ (never a test line) and
// ordinary code (node_modules, the Python standard library). Prints counts only.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { KINGFISHER_RULES } from "../../src/guardrails/kingfisher-rules.js";
import { MICROSOFT_SECRET_RULES } from "../../src/guardrails/microsoft-secret-rules.js";
import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";
import { SECRET_PATTERN_RULES } from "../../src/guardrails/secrets.js";
import { TIGHT_REPEAT, tightenedIfBacktracking } from "./backtracking-check.js";
import {
  type KeyhogDetector,
  type KeyhogPattern,
  keyhogExamples,
  readKeyhogDetectors,
  whyNotAVendorToken,
} from "./keyhog-detectors.js";
import { PII_SECRET_SOURCES, type PiiSecretSource } from "./load-pii-secret-corpus.js";
import {
  benignLines,
  COVERAGE_DRAWS,
  carriedKeywords,
  convertedForPort,
  examplesAdded,
  falsePositiveReasons,
  keywordPrefilterProblem,
  NO_FINDING_ADDED,
  reasonCounts,
  renderRuleObjects,
  reported,
  writeFormatted,
} from "./port-checks.js";
import { MAX_REPEAT } from "./rust-regex.js";

const root = join(import.meta.dirname, "../..");
const OUTPUT = join(root, "src/guardrails/keyhog-rules.ts");
const REPORT = join(import.meta.dirname, "keyhog-port.json");
/**
 * Under the vendor rules with a fixed prefix (0.85-0.9): KeyHog's patterns mostly key off the vendor's
 * name before an assignment, so where another rule names the same text, that rule's type is kept.
 */
const SCORE = 0.8;
/** A random secret of 10 or more characters measures over 3 bits; `aaaa…` and `1234…` fillers do not. */
const MIN_ENTROPY = 3;
/**
 * KeyHog names no boundary; a ported match may not start or end inside a longer alphanumeric run,
 * and a token prefix (`xau_`, `ap_`) may not follow `_`, `-`, `+` or `/` either: inside a longer
 * token or a base64 run it is no token's start (`…rYqRvfQ+EZAK…` in a certificate); a vendor's name
 * may follow `_` (`APP_ABUSEIPDB_KEY`).
 */
const BEFORE = "(?<![A-Za-z0-9])";
const BEFORE_PREFIX = "(?<![A-Za-z0-9_+/-])";
const AFTER = "(?![A-Za-z0-9])";
/**
 * A keyword may be found in this many train/dev lines holding no secret (of 66,734; 10 for the other
 * ports): each hit costs one sticky match that fails at the boundary or the next literal. At 100 the
 * secret detector's scan of the bench's 10 KB texts costs about 7 % more (0.26 → 0.28 ms); at 1,000,
 * 22 % more for half as many rules again. A rule over the limit is kept when its keywords read on past
 * small choices (`google_client` for `(?:GOOGLE|google)[_.]?(?:CLIENT|client)`) are under it
 * (port-checks.ts carriedKeywords): 48 rules, 3-5 % of the secret scan.
 */
const KEYWORD_LINES = 100;
/**
 * Patterns whose shape ordinary configuration has, found by hand (test/guardrails/keyhog-rules.test.ts
 * holds each example): the port's corpus and code checks have no Docker image or ConfigMap in them.
 */
const SHAPE_NOT_A_SECRET: Record<string, string> = {
  "keyhog.oxylabs-credentials.2": "any `user-…:…` pair: a Docker image and its tag (`user-service:latest`)",
  "keyhog.kubernetes-secret": "the first setting of any `data:` block: a ConfigMap's plain values",
  "keyhog.threads-api-token": "a `thread_id` is an identifier, not a token",
  "keyhog.firecrawl-api-key": "`fc-` and letters and dashes: a slug (`fc-gateway-service-…`)",
};

const SOURCE = pinnedKeyhog();
const lines = benignLines();
const prefilterProblem = keywordPrefilterProblem(lines, KEYWORD_LINES);
const folder = SOURCE.paths[0] ?? "detectors/";
const detectors = readKeyhogDetectors(SOURCE, folder);
const examples = keyhogExamples(detectors);
const baseline = [...SECRET_PATTERN_RULES, ...KINGFISHER_RULES, ...MICROSOFT_SECRET_RULES];
const skipped: Record<string, string> = {};
const candidates: SecretPatternRule[] = [];
for (const detector of detectors) {
  detector.patterns.forEach((pattern, index) => {
    const id = `keyhog.${detector.id}${detector.patterns.length > 1 ? `.${index + 1}` : ""}`;
    const ported = convert(detector, pattern, index, id);
    if (typeof ported === "string") {
      skipped[id] = ported;
      return;
    }
    const own = examples.get(pattern) ?? [];
    if (own.length === 0) {
      skipped[id] = "no example could be drawn from the pattern";
      return;
    }
    const regex = new RegExp(ported.pattern, ported.flags ?? "");
    const missed = own.filter((example) => !regex.test(example)).length;
    if (missed > 0) {
      skipped[id] = `converted pattern misses ${missed} of its ${own.length} examples`;
      return;
    }
    // An example may be under the entropy floor or masked; the rule needs one example it reports itself.
    if (!own.some((example) => reported([ported], example).length > 0)) {
      skipped[id] = "reports none of its examples itself (each under the entropy floor or masked)";
      return;
    }
    if (examplesAdded(ported, own, baseline).length === 0) {
      skipped[id] = NO_FINDING_ADDED;
      return;
    }
    candidates.push(ported);
  });
}

// The false-positive checks.
const falsePositives = falsePositiveReasons(candidates, lines, root);
const kept: SecretPatternRule[] = [];
for (const rule of candidates) {
  const reason = falsePositives.get(rule.id);
  if (reason === undefined) kept.push(rule);
  else skipped[rule.id] = reason;
}

const reasons = reasonCounts(skipped);
const patterns = detectors.reduce((sum, detector) => sum + detector.patterns.length, 0);
const report = `${JSON.stringify(
  {
    about:
      "Written by scripts/guardrails/port-keyhog-rules.ts: KeyHog's detector patterns not ported, each with the reason.",
    repo: SOURCE.repo,
    commit: SOURCE.commit,
    detectors: detectors.length,
    patterns,
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
console.log(`${detectors.length} KeyHog detectors, ${patterns} patterns; ported ${kept.length}; skipped:`);
console.log(Object.fromEntries([...reasons].sort((a, b) => b[1] - a[1])));

function pinnedKeyhog(): PiiSecretSource {
  const { sources } = JSON.parse(readFileSync(PII_SECRET_SOURCES, "utf8")) as { sources: PiiSecretSource[] };
  const source = sources.find((candidate) => candidate.format === "keyhog-detectors");
  if (source === undefined || source.paths.length !== 1)
    throw new Error("no single-folder keyhog-detectors source");
  return source;
}

function convert(
  detector: KeyhogDetector,
  pattern: KeyhogPattern,
  index: number,
  id: string,
): SecretPatternRule | string {
  const shape = SHAPE_NOT_A_SECRET[id];
  if (shape !== undefined) return `matches ordinary configuration: ${shape}`;
  const notAToken = whyNotAVendorToken(detector, pattern);
  if (notAToken !== undefined) return notAToken;
  let converted = convertedForPort(pattern.regex);
  if (typeof converted === "string") return converted;
  const group = pattern.group ?? 0;
  // A token that starts with its literal (`xau_…`, or the whole match: `EZAK…`), not a vendor's name before a value.
  const prefix = group === 0 || converted.keywords.every((keyword) => /[-_.]$/.test(keyword));
  // The boundary opens every ported pattern: a short vendor name (`miro`, `loom`) inside a longer word fails at once.
  const boundary = prefix ? BEFORE_PREFIX : BEFORE;
  const keywords = carriedKeywords(pattern.regex, converted, (keywords) =>
    prefilterProblem(keywords, boundary),
  );
  if (typeof keywords === "string") {
    // Alternatives of the vendor's name where only some are too common (`DD.API.KEY|DATADOG.API.KEY`:
    // `dd`; `COGNITO…|AWS_COGNITO…`: `aws`): keyed by the distinctive ones alone, the rule runs only
    // where a match opens with one of them, and leaves the rest of its alternatives unread.
    const distinctive = converted.keywords.filter(
      (keyword) => prefilterProblem([keyword], boundary) === undefined,
    );
    if (distinctive.length === 0) return keywords;
    converted = { ...converted, keywords: distinctive };
  } else converted = { ...converted, keywords };
  const rule: SecretPatternRule = {
    id,
    type: detector.id.replace(/-/g, "_"),
    keywords: converted.keywords,
    pattern: `${boundary}(?:${converted.source})${AFTER}`,
    ...(converted.flags === "" ? {} : { flags: converted.flags }),
    ...(group === 0 ? {} : { group }),
    score: SCORE,
    minEntropy: MIN_ENTROPY,
    source: `keyhog ${detector.file} (${detector.id}, pattern ${index + 1})`,
  };
  // The example checks after this still hold a tightened rule to its examples.
  return tightenedIfBacktracking(rule, MAX_REPEAT);
}

function renderRules(ported: SecretPatternRule[]): string {
  const body = renderRuleObjects(ported);
  return `// Generated by scripts/guardrails/port-keyhog-rules.ts; do not edit by hand.
import type { SecretPatternRule } from "./secret-rule-types.js";

/**
 * Vendor token rules ported from KeyHog (github.com/santhsecurity/keyhog@${SOURCE.commit.slice(0, 7)},
 * detectors/*.toml, MIT; see licenses/ and NOTICE): one rule per detector pattern, for token types
 * modelmux did not find. Kept: patterns for a vendor's secret (not its generic detectors, nor the
 * identifiers, publishable keys and paths their descriptions name, nor the few whose shape ordinary
 * configuration has), with a literal start the prefilter can key on (three characters or more, found in
 * at most ${KEYWORD_LINES} train/dev lines; where the vendor's name alone is more common, the keywords
 * read on past small choices: \`slack_client\`, \`slack.oauth\`; where only some alternatives' keywords are
 * too common, the others alone: \`datadog\`, not \`dd\`), whose
 * converted pattern finds the three examples drawn from it, of which one (or one of ${COVERAGE_DRAWS} variants of each with its secret redrawn) adds a finding modelmux's
 * vendor-format rules did not make (not counting its name-based readings), and that report nothing in train or dev lines holding no secret nor in ~12 MB of ordinary
 * code (node_modules, the Python standard library), and whose pattern cannot backtrack super-linearly
 * (scripts/guardrails/backtracking-check.ts; where repetitions the converter bounded from unbounded traded
 * a long run, bounded at ${TIGHT_REPEAT} over their minimum). KeyHog names no boundary: each match here may not
 * start or end inside a longer alphanumeric run, nor a token (\`xau_…\`, \`EZAK…\`) follow \`_\`, \`-\`, \`+\` or \`/\`
 * (inside a longer token or a base64 run).
 * Score ${SCORE}, under the fixed-prefix vendor rules; the secret needs entropy ${MIN_ENTROPY}. Not
 * ported, and why: scripts/guardrails/keyhog-port.json.
 */
export const KEYHOG_RULES: SecretPatternRule[] = [
${body}
];
`;
}
