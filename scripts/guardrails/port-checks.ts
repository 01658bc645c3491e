// Checks a ported secret rule passes (scripts/guardrails/port-*-rules.ts): what it reports beside
// modelmux's own rules, the train/dev lines holding no secret it must leave alone (never a test
// line), and its backtracking, decided from the pattern (backtracking-check.ts): a ported table is
// the same on every run, where the 1 MB wall-time filter it replaces dropped 1-28 other rules under load.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_THRESHOLDS } from "../../src/guardrails/config.js";
import { discordBotTokenParser } from "../../src/guardrails/discord-bot-token.js";
import { encodedPrivateKeyParser, puttyKeyParser } from "../../src/guardrails/encoded-private-key.js";
import {
  anySchemeUrlParser,
  basicAuthParser,
  credentialUrlParser,
  privateKeyParser,
  type SecretParser,
} from "../../src/guardrails/secret-parsers.js";
import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";
import { createSecretDetector, SECRET_PATTERN_RULES } from "../../src/guardrails/secrets.js";
import { telegramBotTokenParser } from "../../src/guardrails/telegram-token.js";
import type { Detector } from "../../src/guardrails/types.js";
import { superLinearBacktracking } from "./backtracking-check.js";
import { captureGroup } from "./keyhog-detectors.js";
import { PUBLIC_CORPUS } from "./load-corpus.js";
import { PII_SECRET_CORPUS, type PiiSecretLine } from "./load-pii-secret-corpus.js";
import { sampleRegex } from "./regex-sample.js";
import { type ConvertedRegex, convertRustRegex, RustRegexError } from "./rust-regex.js";
import { fnv1a, mulberry32 } from "./seeded-random.js";

export { superLinearBacktracking };

/**
 * A ported rule's pattern read as Rust regex syntax (rust-regex.ts), or why it cannot be ported: it
 * does not convert, or no literal text starts every match (nothing for the prefilter to key on).
 */
export function convertedForPort(regex: string): ConvertedRegex | string {
  let converted: ConvertedRegex;
  try {
    converted = convertRustRegex(regex);
  } catch (error) {
    if (error instanceof RustRegexError || error instanceof SyntaxError)
      return `regex not converted: ${error.message}`;
    throw error;
  }
  return converted.keywords.length === 0
    ? "no literal text that every match starts with (no keyword)"
    : converted;
}

/**
 * The baseline rule already keyed on one of a token prefix's keywords (most read from the vendor's
 * own code or SDK): that rule decides the prefix's alphabet and length, not a port's looser one.
 */
export function prefixOwner(
  baseline: readonly SecretPatternRule[],
  keywords: readonly string[],
): SecretPatternRule | undefined {
  return baseline.find((other) => other.keywords.some((keyword) => keywords.includes(keyword)));
}

/**
 * The keywords a ported rule's prefilter carries: the literal its matches start with or, where that
 * is too common (`google`, `gh`: a vendor's name in prose), the keywords read on past small choices
 * (`google_client`, `gh.client`: rust-regex.ts `longPrefixes`), which run the rule at fewer places.
 * A string: why neither will do (the short keywords' problem).
 */
export function carriedKeywords(
  regex: string,
  converted: ConvertedRegex,
  problem: (keywords: readonly string[]) => string | undefined,
): string[] | string {
  const short = problem(converted.keywords);
  if (short === undefined) return converted.keywords;
  const long = convertRustRegex(regex, { longKeywords: true }).keywords;
  return long.length > 0 && problem(long) === undefined ? long : short;
}

/*
 * The ports' "adds no finding" checks read one another's tables and modelmux's vendor-format
 * readings: Kingfisher's baseline is modelmux's pattern rules and format parsers, Microsoft's adds
 * Kingfisher's, KeyHog's adds both, betterleaks' adds KeyHog's, LeakTK's adds betterleaks'. Re-run
 * them in that order (Kingfisher, Microsoft, KeyHog, betterleaks, LeakTK): a second round changes nothing. The name-based
 * readings (a secret-like name before a value) are left out of the baseline: a vendor rule finds its
 * token wherever it stands, they only after a name, so their finding a rule's examples (which mostly
 * are assignments) says nothing of the token pasted alone. Counted, they dropped 33 Kingfisher rules
 * when the generic reading widened in session 20.
 */

/**
 * The parsers that find a secret by its own format, wherever it stands: private keys, credential
 * URLs, `Basic` credentials, Telegram and Discord bot tokens.
 */
export const FORMAT_PARSERS: readonly SecretParser[] = [
  privateKeyParser,
  encodedPrivateKeyParser,
  puttyKeyParser,
  credentialUrlParser,
  anySchemeUrlParser,
  basicAuthParser,
  telegramBotTokenParser,
  discordBotTokenParser,
];

/** One detector per rule table (a port asks about thousands of examples against the same baseline). */
const detectors = new WeakMap<readonly SecretPatternRule[], WeakMap<readonly SecretParser[], Detector>>();
function detectorFor(rules: readonly SecretPatternRule[], parsers: readonly SecretParser[]): Detector {
  let byParsers = detectors.get(rules);
  if (byParsers === undefined) {
    byParsers = new WeakMap();
    detectors.set(rules, byParsers);
  }
  let detector = byParsers.get(parsers);
  if (detector === undefined) {
    detector = createSecretDetector(rules, parsers);
    byParsers.set(parsers, detector);
  }
  return detector;
}

const NO_PARSERS: readonly SecretParser[] = [];

/** The same one-rule table for the same rule, so its detector is built once. */
const tablesOfOne = new WeakMap<SecretPatternRule, readonly SecretPatternRule[]>();
function tableOf(rules: readonly SecretPatternRule[]): readonly SecretPatternRule[] {
  const [only] = rules;
  if (rules.length !== 1 || only === undefined) return rules;
  let table = tablesOfOne.get(only);
  if (table === undefined) {
    table = [only];
    tablesOfOne.set(only, table);
  }
  return table;
}

/** What `rules` report in `text`, alone (no parser runs beside them to hide a finding). */
export const reported = (rules: readonly SecretPatternRule[], text: string) =>
  detectorFor(tableOf(rules), NO_PARSERS)
    .scan(text)
    .filter((finding) => finding.score >= DEFAULT_THRESHOLDS.secret);
/**
 * What modelmux's vendor-format readings report: `rules` (default: the hand-ported ones) and the
 * format parsers, not the name-based readings.
 */
export const reportedByVendorRules = (
  text: string,
  rules: readonly SecretPatternRule[] = SECRET_PATTERN_RULES,
) =>
  detectorFor(rules, FORMAT_PARSERS)
    .scan(text)
    .filter((finding) => finding.score >= DEFAULT_THRESHOLDS.secret);

/** Whether `rule` reports in `text` what the vendor-format readings with `baseline` do not overlap. */
export function addsFinding(
  rule: SecretPatternRule,
  text: string,
  baseline: readonly SecretPatternRule[] = SECRET_PATTERN_RULES,
): boolean {
  const base = reportedByVendorRules(text, baseline);
  return reported([rule], text).some(
    (found) => !base.some((other) => other.start < found.end && found.start < other.end),
  );
}

/**
 * How many variants of each example the coverage check draws: the example with its secret redrawn
 * from the rule's own secret pattern. A vendor rule that covers a dropped rule's three examples may
 * still be narrower than it (Kingfisher's Fastly rule reads `[a-z0-9_-]{32}` between word boundaries,
 * KeyHog's `[a-zA-Z0-9_=-]{32}`: a token with `=` in it, or `-` at its end, is the dropped rule's alone).
 */
export const COVERAGE_DRAWS = 30;

/**
 * `examples` and, for each, COVERAGE_DRAWS copies with the secret (the rule's `group`) redrawn from
 * the rule's own pattern for it, seeded by the rule's id; none where the sampler cannot read that
 * pattern (it throws rather than guess). What a port's "adds no finding" compares over.
 */
export function coverageExamples(rule: SecretPatternRule, examples: readonly string[]): string[] {
  const secret = captureGroup(rule.pattern, rule.group ?? 0);
  if (secret === undefined) return [...examples];
  const regex = new RegExp(rule.pattern, `${rule.flags ?? ""}d`);
  const random = mulberry32(fnv1a(rule.id));
  const drawn: string[] = [];
  for (const example of examples) {
    const span = regex.exec(example)?.indices?.[rule.group ?? 0];
    if (span === undefined) continue;
    for (let draw = 0; draw < COVERAGE_DRAWS; draw++) {
      let value: string;
      try {
        value = sampleRegex(secret, random);
      } catch {
        return [...examples];
      }
      const variant = example.slice(0, span[0]) + value + example.slice(span[1]);
      if (regex.test(variant)) drawn.push(variant);
    }
  }
  return [...examples, ...drawn];
}

/**
 * The examples in which `rule` reports what the vendor-format readings with `baseline` do not overlap,
 * over its own examples and their redrawn variants (coverageExamples): empty, and the rule adds nothing.
 */
export function examplesAdded(
  rule: SecretPatternRule,
  examples: readonly string[],
  baseline: readonly SecretPatternRule[] = SECRET_PATTERN_RULES,
): string[] {
  return coverageExamples(rule, examples).filter((example) => addsFinding(rule, example, baseline));
}

export const NO_FINDING_ADDED = `adds no finding: modelmux already finds every example and ${COVERAGE_DRAWS} variants of each with the secret redrawn`;

/** Lines that hold no secret, from the train and dev splits only: the false-positive check. */
export function benignLines(): string[] {
  const lines: string[] = [];
  if (!existsSync(PUBLIC_CORPUS) || !existsSync(PII_SECRET_CORPUS))
    throw new Error("corpora missing: run `npm run corpus:guardrails` and `npm run corpus:pii-secrets`");
  for (const raw of readFileSync(PUBLIC_CORPUS, "utf8").split("\n")) {
    if (raw === "") continue;
    const line = JSON.parse(raw) as { text: string; split: string };
    if (line.split === "train" || line.split === "dev") lines.push(line.text);
  }
  for (const raw of readFileSync(PII_SECRET_CORPUS, "utf8").split("\n")) {
    if (raw === "") continue;
    const line = JSON.parse(raw) as PiiSecretLine;
    if (line.split !== "dev") continue;
    if (line.evaluates === "pii" || !line.positive) lines.push(line.text);
  }
  return lines;
}

/** Ported rules as the generated files write them: one object literal each, optional fields left out. */
export function renderRuleObjects(rules: readonly SecretPatternRule[]): string {
  return rules
    .map((rule) => {
      const fields = [
        `    id: ${JSON.stringify(rule.id)},`,
        `    type: ${JSON.stringify(rule.type)},`,
        `    keywords: ${JSON.stringify(rule.keywords)},`,
        `    pattern: ${JSON.stringify(rule.pattern)},`,
        ...(rule.flags === undefined ? [] : [`    flags: ${JSON.stringify(rule.flags)},`]),
        ...(rule.group === undefined ? [] : [`    group: ${rule.group},`]),
        ...(rule.back === undefined ? [] : [`    back: ${rule.back},`]),
        `    score: ${rule.score},`,
        ...(rule.minEntropy === undefined ? [] : [`    minEntropy: ${rule.minEntropy},`]),
        `    source: ${JSON.stringify(rule.source)},`,
      ];
      return `  {\n${fields.join("\n")}\n  },`;
    })
    .join("\n");
}

/**
 * A keyword the prefilter would hit in ordinary prose at every turn (`pat` in `path`, `pattern`): under
 * 3 characters, or a word under 5 letters unless the pattern opens with a word boundary (`\b`, or the
 * `(?<![A-Za-z0-9…])` the KeyHog port puts first), which fails at once inside a longer word (`lob` in `global`).
 */
export function keywordTooCommon(keyword: string, pattern: string): boolean {
  return (
    keyword.length < 3 || (keyword.length < 5 && /^[a-z]+$/.test(keyword) && !OPENS_AT_BOUNDARY.test(pattern))
  );
}
const OPENS_AT_BOUNDARY = /^(?:\\b|\(\?<!\[A-Za-z0-9)/;

/**
 * Every keyword hit runs the rule: a keyword found in more train/dev lines than this (`create`,
 * `token`, `https://`, and vendors named in prose: `google`, `slack`) costs the prefilter more than
 * one vendor's token is worth.
 */
export const MAX_KEYWORD_LINES = 10;

/**
 * Why the prefilter cannot key on a rule's keywords (too short a word, or found in more than
 * MAX_KEYWORD_LINES of `lines`, the train/dev lines holding no secret), or undefined when it can.
 * Lines are counted once per keyword.
 */
export function keywordPrefilterProblem(
  lines: readonly string[],
  maxLines = MAX_KEYWORD_LINES,
): (keywords: readonly string[], pattern: string) => string | undefined {
  const lowerLines = lines.map((line) => line.toLowerCase());
  const counts = new Map<string, number>();
  const linesWith = (keyword: string) => {
    let count = counts.get(keyword);
    if (count === undefined) {
      count = lowerLines.filter((line) => line.includes(keyword)).length;
      counts.set(keyword, count);
    }
    return count;
  };
  return (keywords, pattern) => {
    // A short word would run the rule at every turn of prose, boundary or not.
    const common = keywords.find((keyword) => keywordTooCommon(keyword, pattern));
    if (common !== undefined) return `keyword too common for the prefilter (${common.length} characters)`;
    const frequent = keywords.find((keyword) => linesWith(keyword) > maxLines);
    if (frequent !== undefined)
      return `keyword in ${linesWith(frequent)} train/dev lines: too frequent for the prefilter`;
    return undefined;
  };
}

/**
 * Per candidate rule, how many of `texts` it reports something in. Every candidate at once finds the
 * texts where any fires; there each candidate whose keyword occurs runs alone, since overlapping
 * candidates hide one another.
 */
export function rulesFlagging(
  candidates: SecretPatternRule[],
  texts: readonly string[],
): Map<string, number> {
  const all = createSecretDetector(candidates, NO_PARSERS);
  const counts = new Map<string, number>();
  for (const text of texts) {
    const fired = all.scan(text).some((finding) => finding.score >= DEFAULT_THRESHOLDS.secret);
    if (!fired) continue;
    const lower = text.toLowerCase();
    for (const rule of candidates)
      if (rule.keywords.some((keyword) => lower.includes(keyword)) && reported([rule], text).length > 0)
        counts.set(rule.id, (counts.get(rule.id) ?? 0) + 1);
  }
  return counts;
}

/**
 * The false-positive checks a ported rule must pass last: why each of `candidates` is not kept (it
 * reports in `lines`, the train/dev lines holding no secret, or in ordinary code, or its pattern can
 * backtrack super-linearly), by rule id; a rule not in the map is kept.
 */
export function falsePositiveReasons(
  candidates: SecretPatternRule[],
  lines: readonly string[],
  root: string,
): Map<string, string> {
  const benign = rulesFlagging(candidates, lines);
  const code = rulesFlagging(candidates, ordinaryCode(root));
  const reasons = new Map<string, string>();
  for (const rule of candidates) {
    const flagged = benign.get(rule.id);
    const files = code.get(rule.id);
    const reason =
      flagged !== undefined
        ? `flags ${flagged} train/dev line(s) holding no secret`
        : files !== undefined
          ? `reports a secret in ${files} file(s) of ordinary code`
          : superLinearBacktracking(rule);
    if (reason !== undefined) reasons.set(rule.id, reason);
  }
  return reasons;
}

/** How many skipped rules each reason has, its numbers and parenthesised details folded (`N`). */
export function reasonCounts(skipped: Record<string, string>): Map<string, number> {
  const reasons = new Map<string, number>();
  for (const reason of Object.values(skipped)) {
    const key = reason
      .replace(/\d+/g, "N")
      .replace(/\(.*\)/, "")
      .trim();
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  return reasons;
}

/** Bytes of each kind of ordinary code read by `ordinaryCode`. */
const CODE_BYTES = 6 << 20;

/**
 * Ordinary code that holds no secret: the installed packages' JavaScript (node_modules, files in
 * sorted order) and the Python standard library (/usr/lib/python3.*), about 6 MB of each, whole files.
 * A ported rule that reports anything here fires on code, not on credentials.
 */
export function ordinaryCode(root: string): string[] {
  const python = readdirSync("/usr/lib")
    .filter((name) => /^python3\.\d+$/.test(name))
    .sort()
    .map((name) => join("/usr/lib", name));
  const paths = [...filesUnder([join(root, "node_modules")], /\.js$/), ...filesUnder(python, /\.py$/)];
  return paths.map((path) => readFileSync(path, "utf8"));
}

function filesUnder(folders: string[], name: RegExp): string[] {
  const found: string[] = [];
  let left = CODE_BYTES;
  const walk = (folder: string) => {
    let entries: string[];
    try {
      entries = readdirSync(folder).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      if (left <= 0) return;
      const path = join(folder, entry);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat === undefined) continue;
      if (stat.isDirectory()) walk(path);
      else if (name.test(entry) && stat.size < 2 << 20) {
        found.push(path);
        left -= stat.size;
      }
    }
  };
  for (const folder of folders) walk(folder);
  return found;
}

/**
 * Writes a port's generated files (its rule table, its report), then formats them as the project's
 * formatter does, so a run that changes nothing leaves no diff.
 */
export function writeFormatted(
  root: string,
  files: ReadonlyArray<readonly [path: string, text: string]>,
): void {
  for (const [path, text] of files) writeFileSync(path, text);
  execFileSync(join(root, "node_modules/.bin/biome"), ["format", "--write", ...files.map(([path]) => path)], {
    stdio: "ignore",
  });
}
