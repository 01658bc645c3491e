import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { parse } from "yaml";
import { show } from "./snapshot.js";

/**
 * LeakTK's patterns (github.com/leaktk/patterns, MIT): gitleaks rules (`patterns/gitleaks/8.27.0/*.toml`,
 * parsed by Python's tomllib, read-toml.py) and, as each rule's own examples, the matches and secrets
 * its scanner test expects over LeakTK's fake leaks (`testdata/leaktk-scanner-results.yaml`): the
 * source ships them as literal text, so nothing is drawn.
 */
export const LEAKTK = {
  repo: "leaktk/patterns",
  commit: "2170b0886278a58f140a882d8bb85e78c70dafed",
  folder: "patterns/gitleaks/8.27.0/",
  results: "testdata/leaktk-scanner-results.yaml",
} as const;

/** One rule as the TOML spells it (gitleaks 8 syntax). */
export interface LeaktkRule {
  id: string;
  description: string;
  regex?: string;
  path?: string;
  secretGroup?: number;
  entropy?: number;
  keywords?: string[];
  tags?: string[];
  allowlist?: unknown;
  /** Its file's name. */
  file: string;
  /** The test's expected matches (`match`) and secrets (`secret`) of this rule, in file order. */
  examples: { match: string; secret: string }[];
}

const RULE_FILES = ["98-general.toml", "99-testing.toml"];

/** Every rule of the pinned snapshot's gitleaks 8 patterns, each with its expected test results. */
export function readLeaktkRules(): LeaktkRule[] {
  const read = (path: string) => show(LEAKTK.repo, LEAKTK.commit, path).toString("utf8");
  const texts = RULE_FILES.map((file) => read(`${LEAKTK.folder}${file}`));
  const parsed = JSON.parse(
    execFileSync("python3", [join(import.meta.dirname, "read-toml.py")], {
      input: JSON.stringify(texts),
      maxBuffer: 64 << 20,
    }).toString("utf8"),
  ) as { rules?: Omit<LeaktkRule, "file" | "examples">[] }[];
  const results = parse(read(LEAKTK.results)) as { "rule.id": string; match: string; secret: string }[];
  return parsed.flatMap(({ rules }, index) =>
    (rules ?? []).map((rule) => ({
      ...rule,
      file: RULE_FILES[index] ?? "",
      examples: results
        .filter((result) => result["rule.id"] === rule.id)
        .map(({ match, secret }) => ({ match, secret })),
    })),
  );
}
