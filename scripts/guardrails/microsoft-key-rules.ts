import type { SecretPatternRule } from "../../src/guardrails/secret-rule-types.js";
import { sampleRegex } from "./regex-sample.js";
import { mulberry32 } from "./seeded-random.js";

/**
 * Microsoft's identifiable-secret rules (microsoft/security-utilities, MIT,
 * GeneratedRegexPatterns/PreciselyClassifiedSecurityKeys.json): Azure keys carrying a fixed signature
 * (`JQQJ99…AZDO`, `AzFu`, `+ASb`, `8Q~`…) and a few third-party tokens. Patterns are written in the
 * Python/RE2 dialect: `(^|[^class])(?P<refine>secret)([^class]|$)`. This reads them into modelmux's
 * rule shape (the boundary groups become look-arounds, the secret group 1) and draws seeded examples
 * from each secret pattern, as the project does for gitleaks' `secrets.NewSecret(regex)`; the source
 * ships no literal examples (its tests compute keys with checksums in C#).
 */
export interface MicrosoftKeyRule {
  Id: string;
  Name: string;
  Pattern: string;
  Signatures?: string[];
  DetectionMetadata?: string;
}

/** The source spells out its alphanumeric class; the ported patterns write it as ranges. */
const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890";

export const MICROSOFT_KEYS_PATH = "GeneratedRegexPatterns/PreciselyClassifiedSecurityKeys.json";

/** The secret itself: the `refine` group's pattern, flags folded in. */
export function refinePattern(rule: MicrosoftKeyRule): string {
  const open = rule.Pattern.indexOf("(?P<refine>");
  if (open === -1) throw new Error(`${rule.Id}: no refine group`);
  let depth = 0;
  for (let index = open; index < rule.Pattern.length; index++) {
    const char = rule.Pattern[index];
    if (char === "\\") index++;
    else if (char === "[") index = closeClass(rule.Pattern, index);
    else if (char === "(") depth++;
    else if (char === ")" && --depth === 0) return rule.Pattern.slice(open + "(?P<refine>".length, index);
  }
  throw new Error(`${rule.Id}: unclosed refine group`);
}

function closeClass(pattern: string, open: number): number {
  for (let index = open + 1; index < pattern.length; index++) {
    if (pattern[index] === "\\") index++;
    else if (pattern[index] === "]") return index;
  }
  throw new Error(`unclosed class in ${pattern}`);
}

/**
 * A key's base64 padding (`=`, `==` closing the secret) made optional, as Microsoft's own scanner
 * reads keys (security-utilities' identifiable_scans.rs tests): it finds the key with its padding
 * dropped (`…+ARmD7h+qo`, `…APIMHbKhsQ`), and a padded key with text run on after it
 * (`…+AMCFNqWyA==ZZZZ`: padding ends base64, so the key's end needs no boundary there). Unpadded,
 * the key still needs `boundary` (a look-ahead) after it, and its fixed signature at its offset.
 * The secret's pattern and what follows it; a secret with no padding of its own is kept as it is.
 */
export function optionalPadding(refine: string, boundary: string): [secret: string, tail: string] {
  const padding = /(?<!\\)(={1,2})$/.exec(refine);
  if (padding === null) return [refine, boundary];
  const optional = padding[1] === "=" ? "=?" : "(?:==)?";
  return [`${refine.slice(0, padding.index)}${optional}`, `(?:(?<==)|${boundary})`];
}

/** `(^|[^X])` before the secret → `(?<![X])`; `([^X]|$)` after it → `(?![X])`. */
export function convertMicrosoftRule(
  rule: MicrosoftKeyRule,
): Omit<SecretPatternRule, "id" | "type" | "score"> {
  const ignoreCase = rule.Pattern.startsWith("(?i)");
  const body = ignoreCase ? rule.Pattern.slice(4) : rule.Pattern;
  const before = /^\((?:\?:)?(?:\^\|(\[\^[^\]]*\])|(\[\^[^\]]*\])\|\^)\)/.exec(body);
  if (!before) throw new Error(`${rule.Id}: no boundary before the secret`);
  const refine = refinePattern(rule);
  const rest = body.slice(before[0].length + "(?P<refine>".length + refine.length + 1);
  const after = /^\((?:\?:)?(\[\^[^\]]*\])\|\$\)$/.exec(rest);
  const optionalPad = /^\(\?:(\[[^\]]*\])\{2\}==\)\?$/.exec(rest);
  const cls = (before[1] ?? before[2] ?? "").replace(/^\[\^/, "[");
  let secret: string;
  let tail = "";
  if (after) [secret, tail] = optionalPadding(refine, `(?!${after[1]?.replace(/^\[\^/, "[")})`);
  else if (optionalPad) {
    secret = refine;
    tail = `(?:${optionalPad[1]}{2}==)?`;
  } else if (rest === "") secret = refine;
  else throw new Error(`${rule.Id}: unexpected text after the secret: ${rest}`);
  // A secret opening with a fixed-length run before its signature: the match starts that far back.
  const lead = /^\[[^\]]*\]\{(\d+)\}/.exec(refine);
  const short = (source: string) => source.replaceAll(ALNUM, "a-zA-Z0-9");
  return {
    keywords: [...new Set((rule.Signatures ?? []).map((signature) => signature.toLowerCase()))],
    pattern: short(`(?<!${cls})(${secret})${tail}`),
    ...(ignoreCase ? { flags: "i" } : {}),
    group: 1,
    ...(lead ? { back: Number(lead[1]) } : {}),
    source: `microsoft/security-utilities ${MICROSOFT_KEYS_PATH} (${rule.Id} ${rule.Name})`,
  };
}

/** Seeded examples of a rule's secret, drawn from its own pattern (`(?i)` leaves the case as written). */
export function microsoftKeyExamples(rule: MicrosoftKeyRule, random: () => number, count = 3): string[] {
  return Array.from({ length: count }, () => sampleRegex(refinePattern(rule), random));
}

/** Seed of the examples: the port checks and the corpus's train lines are the same strings. */
export const MICROSOFT_EXAMPLE_SEED = 24;

/**
 * Why a rule is not a candidate for porting (before any measurement), or undefined: rules with no
 * signature are pure high-entropy patterns (a 52-character base32 run) or key off an unbounded
 * context (`AccountName=.+AccountKey=`); the sample token is GitHub's secret-scanning test string.
 */
export function structuralSkip(rule: MicrosoftKeyRule): string | undefined {
  if (rule.Name === "SecretScanningSampleToken") return "a scanner test token, not a credential";
  if ((rule.Signatures ?? []).length === 0) return "no signature: a generic high-entropy or context pattern";
  if (!/^(?:\(\?i\))?\((?:\?:)?(?:\^\||\[\^)/.test(rule.Pattern))
    return "the secret follows an unbounded context (`.servicebus.windows.+`), no boundary of its own";
  return undefined;
}

/** Every rule's examples, drawn in file order from one seeded generator. */
export function microsoftExamplesByRule(rules: MicrosoftKeyRule[]): Map<MicrosoftKeyRule, string[]> {
  const random = mulberry32(MICROSOFT_EXAMPLE_SEED);
  return new Map(rules.map((rule) => [rule, microsoftKeyExamples(rule, random)]));
}

/** `AzureDevOpsLegacyCommonAnnotatedSecurityKeyPat` → `azure_dev_ops_key_pat`. */
export function microsoftType(names: string[]): string {
  const words = (name: string) =>
    name
      .replace(/Identifiable|LegacyCommonAnnotatedSecurity/g, "")
      .replace(/^Unclassified/, "AzureCommonAnnotated")
      .replace("NuGet", "Nuget")
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
      .toLowerCase()
      .split("_");
  const lists = names.map(words);
  const first = lists[0] ?? [];
  // Rules with one pattern (the search query and admin keys): the words they share, and the last.
  let shared = 0;
  while (shared < first.length && lists.every((list) => list[shared] === first[shared])) shared++;
  const last = first[first.length - 1] ?? "key";
  return (shared === first.length ? first : [...first.slice(0, shared), last]).join("_");
}
