import { parse } from "yaml";
import type { PiiSecretLine, PiiSecretSplit } from "./pii-secret-line.js";

/** What the builder knows about a source when it turns parsed records into labelled lines. */
export interface LineContext {
  source: string;
  split: PiiSecretSplit;
  licence: string;
}

/** presidio-research's synthetic sentences: `full_text` and labelled `spans` of entity types. */
export interface PresidioRecord {
  full_text: string;
  spans: { entity_type: string; start_position: number; end_position: number }[];
}

/**
 * A sentence is positive when it holds a span of a type modelmux claims (`claimed`: presidio entity
 * type → modelmux's name); spans of other types (PERSON, STREET_ADDRESS…) are listed as unclaimed,
 * so a sentence holding only those is a negative that the bench reports apart.
 */
export function presidioResearchLines(
  records: PresidioRecord[],
  claimed: Record<string, string>,
  context: LineContext,
): PiiSecretLine[] {
  return records.map((record, index) => {
    const claimedSpans = record.spans.filter((span) => claimed[span.entity_type] !== undefined);
    const unclaimed = record.spans
      .filter((span) => claimed[span.entity_type] === undefined)
      .map((span) => span.entity_type);
    return {
      text: record.full_text,
      evaluates: "pii",
      positive: claimedSpans.length > 0,
      types: [...new Set(claimedSpans.map((span) => span.entity_type))].sort(),
      unclaimed: [...new Set(unclaimed)].sort(),
      spans: claimedSpans.map((span): [string, number, number] => [
        span.entity_type,
        span.start_position,
        span.end_position,
      ]),
      ...context,
      origin: `record ${index}`,
    };
  });
}

/** extract-pytest-cases.py's output for one test file. */
export interface PytestCases {
  groups: { function: string; params: string[]; rows: unknown[][] }[];
  lists: Record<string, unknown[][]>;
}

const TEXT_PARAMS = ["text", "line", "payload", "content", "file_content", "iban"];
const UPPER_WEAK = 0.5;

/**
 * presidio's recognizer tests: `(text, expected_len, …, expected_score_ranges)`. A case is positive
 * when the recognizer must find something; when every expected match is scored under 0.5 (presidio's
 * "weak" and "very weak" matches) it is marked `weak` and left out. Files of types modelmux does not
 * claim contribute their positive cases as unclaimed lines (`positive: false`), reported apart.
 */
export function presidioTestLines(
  cases: PytestCases,
  entityType: string,
  isClaimed: boolean,
  file: string,
  context: LineContext,
): PiiSecretLine[] {
  const lines: PiiSecretLine[] = [];
  for (const group of cases.groups) {
    const textAt = group.params.findIndex((param) => TEXT_PARAMS.includes(param));
    const lengthAt = group.params.indexOf("expected_len");
    if (textAt === -1 || lengthAt === -1) continue;
    const rangesAt = group.params.indexOf("expected_score_ranges");
    for (const row of group.rows) {
      const text = row[textAt];
      const expected = row[lengthAt];
      if (typeof text !== "string" || typeof expected !== "number") continue;
      const ranges = rangesAt === -1 ? [] : ((row[rangesAt] as unknown[][] | undefined) ?? []);
      const weak =
        expected > 0 && ranges.length > 0 && ranges.every((range) => Number(range[1]) < UPPER_WEAK);
      if (!isClaimed && expected === 0) continue;
      const line: PiiSecretLine = {
        text,
        evaluates: "pii",
        positive: isClaimed && expected > 0,
        types: isClaimed && expected > 0 ? [entityType] : [],
        unclaimed: !isClaimed ? [entityType] : [],
        ...context,
        origin: `${file} ${group.function}`,
      };
      if (weak && isClaimed) line.excluded = "weak";
      lines.push(line);
    }
  }
  return lines;
}

/**
 * detect-secrets' plugin tests: `(payload, should_flag)` cases; single-parameter cases of a
 * detector's `test_analyze`/`test_basic` (each must be found); and keyword_test's `*_TEST_CASES`
 * lists of `(line, expected_secret)`, where `None` means no secret. Helpers' tests are not detection:
 * `test_find_*` pick names, and `test_get_secret_access_key` lists the strings AWS verification tries
 * beside a key id (`'TEST' * 10` among them), whether or not any detector flags their line.
 * Two kinds of "no secret" speak of syntax or of one vendor, not of the line, and are left out as weak:
 * a keyword case holding a value the same file gives as a secret (`api_key = '<it>';` in C, whose
 * single quotes make a char, not a string: "double quotes required", "secret without quotes"), and a
 * vendor plugin's case with a quoted value under a name detect-secrets' own keyword plugin reports
 * (`"secret_access_key": "<48 hex>extra"`: too long for IBM's format, a secret all the same).
 */
export function detectSecretsLines(
  cases: PytestCases,
  plugin: string,
  evaluates: "pii" | "secret",
  file: string,
  context: LineContext,
): PiiSecretLine[] {
  const labelled: { text: string; positive: boolean; origin: string; weak?: boolean }[] = [];
  for (const group of cases.groups) {
    if (HELPER_TESTS.test(group.function)) continue;
    const textAt = group.params.findIndex((param) => TEXT_PARAMS.includes(param));
    if (textAt === -1) continue;
    const flagAt = group.params.findIndex((param) => param === "should_flag" || param === "expected_output");
    if (flagAt === -1 && group.params.length !== 1) continue;
    for (const row of group.rows) {
      const text = row[textAt];
      if (typeof text !== "string") continue;
      const flag = flagAt === -1 ? true : row[flagAt];
      const positive = Array.isArray(flag) ? flag.length > 0 : flag === true;
      const weak = !positive && plugin !== "keyword" && KEYWORD_REPORTS.test(text);
      labelled.push({ text, positive, origin: `${file} ${group.function}`, weak });
    }
  }
  const listed = Object.entries(cases.lists).flatMap(([name, rows]) =>
    rows.flatMap(([text, expected]) => (typeof text === "string" ? [{ text, expected, name }] : [])),
  );
  const secrets = listed.flatMap(({ expected }) => (typeof expected === "string" ? [expected] : []));
  for (const { text, expected, name } of listed) {
    const positive = expected !== null && expected !== undefined;
    const weak = !positive && secrets.some((secret) => text.includes(secret));
    labelled.push({ text, positive, origin: `${file} ${name}`, weak });
  }
  return labelledLines(labelled, plugin, evaluates, context);
}

// Tests of detect-secrets' helpers, not of a detector's verdict on a line.
const HELPER_TESTS = /^test_(?:find_|get_secret_access_key$)/;
// detect-secrets' keyword plugin (plugins/keyword.py): a name of its DENYLIST, with any suffix, then
// `:`, `=`, `:=`, `==` or `!=` and a quoted value holding a word character.
const KEYWORD_REPORTS =
  /(?:api_?key|auth_?key|service_?key|account_?key|db_?key|database_?key|priv_?key|private_?key|client_?key|db_?pass|database_?pass|key_?pass|password|passwd|pwd|secret|contrase[ñn]a)\w*[\]'"]{0,2}[ \t]*(?::=|[=!]=|[:=])[ \t]*(["'`])(?=[^"'`\n]*\w)[^"'`\n]+\1/i;

/** gitleaks' rule samples: `tps` positive, `fps` negative for the rule that lists them. */
export function gitleaksLines(
  rules: { rule: string; positives: string[]; negatives: string[] }[],
  file: string,
  context: LineContext,
): PiiSecretLine[] {
  return rules.flatMap(({ rule, positives, negatives }) => [
    ...positives.map((text) => secretLine(text, true, rule, `${file} ${rule}`, context)),
    ...negatives.map((text) => secretLine(text, false, rule, `${file} ${rule}`, context)),
  ]);
}

/** One rule of a Nosey Parker rules file (its `RuleSyntax`; Kingfisher's are the same); other fields are not read. */
export interface NoseyParkerRule {
  name: string;
  id?: string;
  categories?: string[];
  examples?: string[];
  negative_examples?: string[];
  /** A spelling of `negative_examples` a few rules use; Nosey Parker itself does not read it. */
  non_examples?: string[];
  /** Kingfisher: `false` for a helper rule whose matches are not reported. */
  visible?: boolean;
}

const isSecretCategory = (rule: NoseyParkerRule) => rule.categories?.includes("secret") === true;

/**
 * Nosey Parker's rules file (YAML, `rules: [...]`): each rule's `examples` are positives of the type
 * named by the rule's `name`, its `negative_examples` (or `non_examples`) negatives. By default only
 * rules whose `categories` include `secret` are read: the others find identifiers (bucket names,
 * account and client IDs, public keys), which are not secrets. Kingfisher's rules files have the
 * same shape and choose their rules with `keep`.
 */
export function noseyParkerLines(
  yamlText: string,
  file: string,
  context: LineContext,
  keep: (rule: NoseyParkerRule) => boolean = isSecretCategory,
): PiiSecretLine[] {
  const { rules } = parse(yamlText) as { rules?: NoseyParkerRule[] };
  if (!Array.isArray(rules)) throw new Error(`${file}: no \`rules\` list`);
  return rules.filter(keep).flatMap((rule) => {
    const origin = `${file} ${rule.name}`;
    const negatives = [...(rule.negative_examples ?? []), ...(rule.non_examples ?? [])];
    return [
      ...(rule.examples ?? []).map((text) => secretLine(text, true, rule.name, origin, context)),
      ...negatives.map((text) => secretLine(text, false, rule.name, origin, context)),
    ];
  });
}

/** A whole file as one positive text holding secrets of the given types (a rule's test file). */
export function documentLine(
  text: string,
  types: string[],
  file: string,
  context: LineContext,
): PiiSecretLine {
  return { ...secretLine(text, true, types[0] ?? "", `${file} ${types.join(",")}`, context), types };
}

function secretLine(
  text: string,
  positive: boolean,
  type: string,
  origin: string,
  context: LineContext,
): PiiSecretLine {
  return {
    text,
    evaluates: "secret",
    positive,
    types: positive ? [type] : [],
    unclaimed: [],
    ...context,
    origin,
  };
}

/**
 * Test lines whose text is also a dev or train line of the same kind are dropped: the rules were tuned
 * on (or written from) that text, so it would not be held out. Returns the lines kept and, per test
 * source, how many were dropped.
 */
export function dropTestLinesSeenInDev(lines: PiiSecretLine[]): {
  lines: PiiSecretLine[];
  dropped: Map<string, number>;
} {
  const dev = new Set(
    lines.filter((line) => line.split !== "test").map((line) => `${line.evaluates}\u0000${line.text}`),
  );
  const dropped = new Map<string, number>();
  const kept = lines.filter((line) => {
    if (line.split !== "test" || !dev.has(`${line.evaluates}\u0000${line.text}`)) return true;
    dropped.set(line.source, (dropped.get(line.source) ?? 0) + 1);
    return false;
  });
  return { lines: kept, dropped };
}

/** One case of a Microsoft Recognizers-Text spec file (Specs/<Model>/<Language>/<Name>Model.json). */
export interface RecognizersCase {
  Input: string;
  Results: { TypeName: string; Text: string; Start?: number }[];
  /** Implementations (dotnet, java, javascript, python) that do not pass the case, comma-separated. */
  NotSupported?: string;
  /** The same, spelled so in a few cases. */
  NotSupportedBy?: string;
  /** Implementations that return something else on purpose, comma-separated. */
  NotSupportedByDesign?: string;
}

/** The implementations Recognizers-Text's specs are run against. */
const RECOGNIZERS_PLATFORMS = ["dotnet", "java", "javascript", "python"];

/**
 * Recognizers-Text's sequence specs: each case is `Input` and the `Results` the model must return.
 * The spec file says which type it labels (`modelType`: `phonenumber` in PhoneNumberModel.json), so a
 * case is positive when a result is of that type and negative when there is none, and only
 * findings of the modelmux types that type is claimed as are scored (`scoredTypes`): a phone spec's
 * negative may hold an IP address. `NotSupported`/`NotSupportedByDesign` name implementations that
 * do not return the expected result; the result is still the spec's, and a case is left out
 * (`unsupported`) only when every implementation is named, so none is held to it.
 */
export function recognizersTextLines(
  cases: RecognizersCase[],
  modelType: string,
  claimed: Record<string, string>,
  language: string,
  file: string,
  context: LineContext,
): PiiSecretLine[] {
  const claimedAs = claimed[modelType];
  if (claimedAs === undefined) throw new Error(`${file}: ${modelType} is not mapped in "claimed"`);
  return cases.map((testCase, index) => {
    const results = testCase.Results.filter((result) => result.TypeName === modelType);
    const spans = results.flatMap((result): [string, number, number][] => {
      const start = result.Start ?? testCase.Input.indexOf(result.Text);
      return start === -1 ? [] : [[modelType, start, start + result.Text.length]];
    });
    const line: PiiSecretLine = {
      text: testCase.Input,
      evaluates: "pii",
      positive: results.length > 0,
      types: results.length > 0 ? [modelType] : [],
      unclaimed: [],
      scoredTypes: claimedAs.split("/"),
      language,
      spans,
      ...context,
      origin: `${language}/${file} case ${index}`,
    };
    const unsupported = new Set(
      [testCase.NotSupported, testCase.NotSupportedBy, testCase.NotSupportedByDesign].flatMap((list) =>
        (list ?? "").split(",").map((platform) => platform.trim().toLowerCase()),
      ),
    );
    if (RECOGNIZERS_PLATFORMS.every((platform) => unsupported.has(platform))) line.excluded = "unsupported";
    return line;
  });
}

/**
 * Lines of one file, each text once; a text labelled both ways is kept but marked `conflict`, and one
 * whose every label is `weak` is kept but marked `weak`.
 */
function labelledLines(
  labelled: { text: string; positive: boolean; origin: string; weak?: boolean }[],
  type: string,
  evaluates: "pii" | "secret",
  context: LineContext,
): PiiSecretLine[] {
  const byText = new Map<string, PiiSecretLine>();
  const firm = new Set<string>();
  for (const { text, positive, origin, weak } of labelled) {
    if (weak !== true) firm.add(text);
    const seen = byText.get(text);
    if (seen !== undefined) {
      if (seen.positive !== positive) seen.excluded = "conflict";
      continue;
    }
    byText.set(text, {
      text,
      evaluates,
      positive,
      types: positive ? [type] : [],
      unclaimed: [],
      ...context,
      origin,
    });
  }
  for (const [text, line] of byText)
    if (line.excluded === undefined && !firm.has(text)) line.excluded = "weak";
  return [...byText.values()];
}

/**
 * Each text once per source, kind and scored types; a text labelled both ways (across files too) is
 * marked `conflict`.
 */
export function dedupeLines(lines: PiiSecretLine[]): PiiSecretLine[] {
  const byKey = new Map<string, PiiSecretLine>();
  for (const line of lines) {
    const key = `${line.source}\u0000${line.evaluates}\u0000${line.scoredTypes?.join("/") ?? ""}\u0000${line.text}`;
    const seen = byKey.get(key);
    if (seen === undefined) {
      byKey.set(key, { ...line });
      continue;
    }
    if (seen.positive !== line.positive) seen.excluded = "conflict";
    else if (line.excluded !== undefined && seen.excluded === undefined) seen.excluded = line.excluded;
  }
  return [...byKey.values()];
}
