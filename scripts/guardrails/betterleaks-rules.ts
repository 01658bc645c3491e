import { extractGoRuleSamples, readGoHelpers, type Value } from "./go-samples.js";
import { mulberry32 } from "./seeded-random.js";
import { listFiles, show } from "./snapshot.js";

/**
 * betterleaks' rules (github.com/betterleaks/betterleaks, MIT; gitleaks' successor by its author,
 * cmd/generate/config/rules/*.go), read without a Go toolchain by go-samples.ts: each rule function's
 * `config.Rule{…}` fields and its own `tps`/`fps`, the secrets in them drawn with a seeded generator.
 */
export const BETTERLEAKS = {
  repo: "betterleaks/betterleaks",
  commit: "6381fa45ae946c588e2e1334d8396a15e5171ad6",
  folder: "cmd/generate/config/rules/",
} as const;

/** The gitleaks commit whose rule samples are the dev source gitleaks-rule-samples (pii-secret-sources.json). */
const GITLEAKS = { repo: "gitleaks/gitleaks", commit: "b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b" } as const;

const SAMPLE_SEED = 36;

export interface BetterleaksRule {
  /** The rule's file name (`groq.go`) and function (`Groq`). */
  file: string;
  func: string;
  /** Undefined when a field could not be read (a rule built by a helper from its arguments). */
  id: string | undefined;
  /** The Go (RE2) regex source, as the builders compose it. */
  regex: string | undefined;
  keywords: string[];
  /** The `Filter` expression (gitleaks' entropy floor and more), as written. */
  filter: string | undefined;
  /** Fields that make the rule something other than a standalone secret finder, by name. */
  special: string[];
  positives: string[];
  negatives: string[];
}

/** Fields under which a rule does not report alone, or reports only with a path or another rule. */
const SPECIAL_FIELDS = ["SkipReport", "RequiredRules", "Path", "SecretGroup", "WithinLines"];

const text = (value: Value) => (typeof value === "string" ? value : undefined);

/** Every rule function of the pinned snapshot with its samples; `_test.go` files left out. */
export function readBetterleaksRules(): BetterleaksRule[] {
  const read = (path: string) => show(BETTERLEAKS.repo, BETTERLEAKS.commit, path).toString("utf8");
  const helpers = readGoHelpers(
    read("cmd/generate/config/utils/generate.go"),
    read("cmd/generate/config/utils/patterns.go"),
  );
  const random = mulberry32(SAMPLE_SEED);
  const rules: BetterleaksRule[] = [];
  for (const path of listFiles(BETTERLEAKS.repo, BETTERLEAKS.commit, BETTERLEAKS.folder, ".go")) {
    if (path.endsWith("_test.go")) continue;
    const file = path.slice(BETTERLEAKS.folder.length);
    for (const samples of extractGoRuleSamples(read(path), helpers, random).rules) {
      const fields = samples.fields?.fields ?? new Map<string, Value>();
      const keywords = fields.get("Keywords");
      rules.push({
        file,
        func: samples.rule,
        id: text(fields.get("RuleID")),
        regex: text(fields.get("Regex")),
        keywords: Array.isArray(keywords) ? keywords : [],
        filter: text(fields.get("Filter")),
        special: SPECIAL_FIELDS.filter((name) => fields.has(name) && !isFalse(fields.get(name))),
        positives: samples.positives,
        negatives: samples.negatives,
      });
    }
  }
  return rules;
}

const isFalse = (value: Value) => value === "false";

/** The minimum entropy a `Filter` sets when it is only gitleaks' entropy floor, else undefined. */
export function entropyFloor(filter: string): number | undefined {
  const match = /^\s*(?:filter\.)?entropy\(finding\["secret"\]\)\s*(<=?)\s*(\d+(?:\.\d+)?)\s*$/.exec(filter);
  return match === null ? undefined : Number(match[2]);
}

/**
 * The rule ids of the pinned gitleaks rules (the dev source's): betterleaks carries most of them on,
 * and porting one would tune on that dev source's own samples.
 */
export function gitleaksRuleIds(): Set<string> {
  const ids = new Set<string>();
  const folder = "cmd/generate/config/rules/";
  for (const path of listFiles(GITLEAKS.repo, GITLEAKS.commit, folder, ".go")) {
    const source = show(GITLEAKS.repo, GITLEAKS.commit, path).toString("utf8");
    for (const match of source.matchAll(/RuleID:\s*"([^"]+)"/g)) ids.add(match[1] ?? "");
  }
  return ids;
}
