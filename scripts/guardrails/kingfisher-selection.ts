import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PII_SECRET_SOURCES, type PiiSecretSource } from "./load-pii-secret-corpus.js";
import { listFiles, show } from "./snapshot.js";

/**
 * Which of Kingfisher's rules (mongodb/kingfisher, Apache-2.0) modelmux may port. Kingfisher began as
 * a fork of Nosey Parker's rules, and Nosey Parker's rule examples are the secret test source, so a
 * Kingfisher rule that shares anything with a Nosey Parker rule is left out, decided mechanically
 * and conservatively: Nosey Parker's rules are read here only to compare, and nothing of their text
 * is printed or written (only counts and Kingfisher's rule ids). A Kingfisher rule is "derived" when
 * - its vendor (its file's name, or the first word of its name) is a word of a Nosey Parker rule's
 *   name or file name, or the two names are the same;
 * - its pattern, with whitespace and comments dropped, is a Nosey Parker pattern, or a literal of 4
 *   or more characters from it (`aio_`, `.apps.googleusercontent`) occurs in a Nosey Parker pattern;
 * - any of its examples or negative examples is, or shares a run of 12 or more token characters
 *   with, a Nosey Parker example or negative example.
 * Vendors modelmux already has a rule for (its rule ids and the gitleaks/secretlint files they name)
 * are left out too: those were ported from the dev sources.
 */
/** The corpus source of the given format in pii-secret-sources.json: one pin for the port and the corpus. */
export function pinnedSource(
  format: "kingfisher-rules" | "noseyparker-rules" | "microsoft-keys",
): PiiSecretSource {
  const { sources } = JSON.parse(readFileSync(PII_SECRET_SOURCES, "utf8")) as { sources: PiiSecretSource[] };
  const source = sources.find((candidate) => candidate.format === format);
  if (source === undefined || source.paths.length !== 1) throw new Error(`no single-folder ${format} source`);
  return source;
}

/** One Kingfisher rule as its YAML spells it (Nosey Parker's `RuleSyntax` plus Kingfisher's fields). */
export interface KingfisherRule {
  name: string;
  id: string;
  pattern: string;
  min_entropy?: number;
  confidence?: string;
  examples?: string[];
  negative_examples?: string[];
  non_examples?: string[];
  categories?: string[];
  /** A rule that only reports with another rule's match (an id beside a secret). */
  depends_on_rule?: unknown;
  /** `false`: a helper rule whose matches are not reported. */
  visible?: boolean;
}

export interface KingfisherFileRule extends KingfisherRule {
  file: string;
}

export type Exclusion =
  | "nosey-parker-vendor"
  | "nosey-parker-pattern"
  | "nosey-parker-example"
  | "modelmux-vendor";

/** Words of rule names that say what a secret is, not whose: never read as a vendor. */
const GENERIC_WORDS = new Set(
  "api key keys token tokens secret secrets access client personal oauth app application service account id private public password credential credentials auth authentication bearer refresh webhook url uri user admin management the and for with v1 v2 v3 legacy new old live test sandbox production prod dev".split(
    " ",
  ),
);

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 && !GENERIC_WORDS.has(word));

/** A pattern without `(?x)` whitespace and `#` comments, lower-cased, for comparing. */
export function normalisePattern(pattern: string): string {
  return pattern
    .replace(/\(\?#[^)]*\)/g, "")
    .replace(/(^|[^\\])#[^\n]*/g, "$1")
    .replace(/\s+/g, "")
    .toLowerCase();
}

/** Literal runs of 4+ characters in a normalised pattern (escapes dropped), as `aio_`. */
function patternLiterals(normalised: string): string[] {
  const withoutClasses = normalised.replace(/\[(?:\\.|[^\]\\])*\]/g, " ").replace(/\{\d+(?:,\d*)?\}/g, " ");
  const literals = withoutClasses
    .replace(/\\[bdswabz]/gi, " ")
    .replace(/\(\?[a-z-]*[:)]?|\(\?<[a-z_]+>|\(\?p<[a-z_]+>/g, " ")
    .replace(/\\(.)/g, "$1")
    .split(/[()|?*+^$ ]+/);
  // Scaffolding every rule spells (`secret`, `token`, `https://`) says nothing of where a rule came from.
  return literals.filter(
    (literal) =>
      literal.length >= 4 &&
      !/^[.:/]*$/.test(literal) &&
      words(literal).length > 0 &&
      !/^https?:\/\/$/.test(literal),
  );
}

const TOKEN_RUN = /[A-Za-z0-9_+/=-]{12,}/g;

function exampleRuns(examples: string[]): string[] {
  const runs: string[] = [];
  for (const example of examples) for (const run of example.match(TOKEN_RUN) ?? []) runs.push(run);
  return runs;
}

/** Every rule of the rules files (`*.yml`) under `folder` of a snapshot, each with its file's name. */
export function readRuleFiles(repo: string, commit: string, folder: string): KingfisherFileRule[] {
  return listFiles(repo, commit, folder, ".yml").flatMap((path) => {
    const { rules } = parse(show(repo, commit, path).toString("utf8")) as { rules?: KingfisherRule[] };
    const file = path.split("/").pop() ?? path;
    return (rules ?? []).map((rule) => ({ ...rule, file }));
  });
}

export function readKingfisherRules(): KingfisherFileRule[] {
  const { repo, commit, paths } = pinnedSource("kingfisher-rules");
  return readRuleFiles(repo, commit, paths[0] as string);
}

/** The vendors modelmux has a rule for: rule ids, and the gitleaks `*.go` / `secretlint-rule-*` they name. */
export function modelmuxVendors(guardrailsFolder: string): Set<string> {
  const vendors = new Set<string>();
  for (const file of readdirSync(guardrailsFolder)) {
    if (!/-rules\.ts$/.test(file) || file.startsWith("kingfisher")) continue;
    const text = readFileSync(join(guardrailsFolder, file), "utf8");
    if (!text.includes("SecretPatternRule")) continue;
    for (const match of text.matchAll(/\bid: "([a-z0-9-]+)"/g))
      vendors.add((match[1] ?? "").replace(/-/g, ""));
    for (const match of text.matchAll(/gitleaks ([a-z0-9]+)\.go|secretlint-rule-([a-z0-9-]+)/g))
      vendors.add((match[1] ?? match[2] ?? "").replace(/-/g, ""));
  }
  return vendors;
}

/**
 * A rule's key: its file and id. Kingfisher's ids are not unique (`kingfisher.fullstory.1` is in
 * fullstory.yml and fullstory_v2.yml), so an id alone would let one rule's decision stand for another's.
 */
export function ruleKey(file: string, id: string | undefined): string {
  return `${file} ${id ?? ""}`;
}

/** Each Kingfisher rule's exclusion (by `ruleKey`), or none when it may be ported. */
export function selectKingfisherRules(
  rules: KingfisherFileRule[],
  vendorsCovered: ReadonlySet<string> = new Set(),
): Map<string, Exclusion | undefined> {
  const { repo, commit, paths } = pinnedSource("noseyparker-rules");
  const noseyParker = readRuleFiles(repo, commit, paths[0] as string);
  const npWords = new Set<string>();
  const npNames = new Set<string>();
  const npPatterns: string[] = [];
  const npExamples = new Set<string>();
  const npRuns = new Set<string>();
  for (const rule of noseyParker) {
    for (const word of [...words(rule.name), ...words(rule.file.replace(/\.yml$/, ""))]) npWords.add(word);
    npNames.add(rule.name.toLowerCase().replace(/[^a-z0-9]/g, ""));
    npPatterns.push(normalisePattern(rule.pattern));
    const examples = [
      ...(rule.examples ?? []),
      ...(rule.negative_examples ?? []),
      ...(rule.non_examples ?? []),
    ];
    for (const example of examples) npExamples.add(example.trim());
    for (const run of exampleRuns(examples)) npRuns.add(run);
  }
  const sharesRun = (run: string) => {
    if (npRuns.has(run)) return true;
    for (const other of npRuns) if (other.includes(run) || run.includes(other)) return true;
    return false;
  };
  const selection = new Map<string, Exclusion | undefined>();
  for (const rule of rules) {
    const stem = rule.file.replace(/\.yml$/, "");
    const vendors = [
      stem.toLowerCase().replace(/[^a-z0-9]/g, ""),
      ...words(stem),
      ...words(rule.name).slice(0, 1),
    ];
    const pattern = normalisePattern(rule.pattern);
    const examples = [
      ...(rule.examples ?? []),
      ...(rule.negative_examples ?? []),
      ...(rule.non_examples ?? []),
    ];
    let exclusion: Exclusion | undefined;
    if (
      npNames.has(rule.name.toLowerCase().replace(/[^a-z0-9]/g, "")) ||
      vendors.some((vendor) => npWords.has(vendor))
    )
      exclusion = "nosey-parker-vendor";
    else if (
      npPatterns.includes(pattern) ||
      patternLiterals(pattern).some((literal) => npPatterns.some((other) => other.includes(literal)))
    )
      exclusion = "nosey-parker-pattern";
    else if (
      examples.some((example) => npExamples.has(example.trim())) ||
      exampleRuns(examples).some(sharesRun)
    )
      exclusion = "nosey-parker-example";
    else if (vendors.some((vendor) => vendorsCovered.has(vendor))) exclusion = "modelmux-vendor";
    selection.set(ruleKey(rule.file, rule.id), exclusion);
  }
  return selection;
}
