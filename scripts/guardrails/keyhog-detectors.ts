import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { PiiSecretSource } from "./load-pii-secret-corpus.js";
import { sampleRegex } from "./regex-sample.js";
import { mulberry32 } from "./seeded-random.js";
import { listFiles, showMany } from "./snapshot.js";

/**
 * KeyHog's detectors (santhsecurity/keyhog, MIT, `detectors/*.toml`): one file per vendor token type,
 * each with one or more Rust-syntax patterns (the secret in the `group`th capture, else the whole
 * match). The source ships no literal examples, so three seeded examples are drawn from each pattern,
 * as the project does for gitleaks' `secrets.NewSecret(regex)` and Microsoft's keys: the port's checks
 * and the corpus's train lines are the same strings.
 */
export interface KeyhogPattern {
  regex: string;
  description?: string;
  group?: number;
}

export interface KeyhogDetector {
  /** The file, `detectors/abuseipdb-api-key.toml`. */
  file: string;
  id: string;
  name: string;
  service: string;
  severity: string;
  keywords: string[];
  patterns: KeyhogPattern[];
}

/** Seed of the examples (one generator, detectors in file order, patterns in order). */
export const KEYHOG_EXAMPLE_SEED = 24;
export const KEYHOG_EXAMPLES_PER_PATTERN = 3;

/** Every detector under `folder` at the pinned commit, parsed by Python's tomllib (read-toml.py). */
export function readKeyhogDetectors(source: PiiSecretSource, folder: string): KeyhogDetector[] {
  const files = listFiles(source.repo, source.commit, folder, ".toml");
  const texts = showMany(source.repo, source.commit, files).map((file) => file.toString("utf8"));
  const parsed = JSON.parse(
    execFileSync("python3", [join(import.meta.dirname, "read-toml.py")], {
      input: JSON.stringify(texts),
      maxBuffer: 256 << 20,
    }).toString("utf8"),
  ) as { detector: Omit<KeyhogDetector, "file"> }[];
  return parsed.map(({ detector }, index) => ({ ...detector, file: files[index] ?? "" }));
}

/** A pattern's seeded examples, or none where the sampler cannot read it (it throws rather than guess). */
function examplesOf(pattern: KeyhogPattern, random: () => number): string[] {
  try {
    return Array.from({ length: KEYHOG_EXAMPLES_PER_PATTERN }, () => sampleRegex(pattern.regex, random));
  } catch {
    return [];
  }
}

/** Each detector's patterns' examples, drawn in file order from one seeded generator. */
export function keyhogExamples(detectors: KeyhogDetector[]): Map<KeyhogPattern, string[]> {
  const random = mulberry32(KEYHOG_EXAMPLE_SEED);
  const examples = new Map<KeyhogPattern, string[]>();
  for (const detector of detectors)
    for (const pattern of detector.patterns) examples.set(pattern, examplesOf(pattern, random));
  return examples;
}

/**
 * A token's alphabet: what the secret part of a vendor token pattern may be built of (letters,
 * digits, `_-.+/=~:` as literals or in classes, `\d`, `\w`, groups, alternation, repeats). A secret
 * that may hold `!@#$%`, spaces, a negated class or any character is a password or free text, which
 * modelmux's own generic readings judge with their placeholder and code checks.
 */
const TOKEN_SHAPE =
  /^(?:\[(?:[A-Za-z0-9_.+/=~:-]|\\[-.+/=_~dw])+\]|\\[dw.+/=_:~|-]|[A-Za-z0-9_~:-]|\(\?:|[()|?*+]|\{\d+(?:,\d*)?\})*$/;

export const tokenShaped = (secret: string) => TOKEN_SHAPE.test(secret);

/**
 * Whether a token-shaped pattern repeats anything (`+`, `*`, `{n}`): without, it matches a fixed list
 * of words, as KeyHog's context patterns do (`GOOGLE_APPLICATION_CREDENTIALS|GOOGLE_CLOUD_PROJECT`),
 * and would report the name of a variable as its secret.
 */
export const repeats = (secret: string) => /[+*]|\{\d/.test(secret.replace(/\\./g, ""));

/** The text of capture group `group` of `pattern` (the whole pattern for 0), brackets skipped. */
export function captureGroup(pattern: string, group: number): string | undefined {
  if (group === 0) return pattern.replace(/^\(\?i\)/, "");
  let seen = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "\\") index++;
    else if (char === "[") {
      for (index++; index < pattern.length && pattern[index] !== "]"; index++)
        if (pattern[index] === "\\") index++;
    } else if (char === "(" && pattern[index + 1] !== "?" && ++seen === group) {
      let depth = 0;
      for (let end = index; end < pattern.length; end++) {
        const inner = pattern[end];
        if (inner === "\\") end++;
        else if (inner === "[") {
          for (end++; end < pattern.length && pattern[end] !== "]"; end++) if (pattern[end] === "\\") end++;
        } else if (inner === "(") depth++;
        else if (inner === ")" && --depth === 0) return pattern.slice(index + 1, end);
      }
      return undefined;
    }
  }
  return undefined;
}

/** Not a vendor's token: the generic detectors (password=, private keys) modelmux reads its own way. */
const GENERIC_DETECTOR = /^generic-/;
/**
 * A pattern for what identifies, not what authenticates (`8x8 Subaccount ID`, `Client ID for OAuth2
 * authentication`, `Apple Auth Key file reference`): its description names an id, a reference or a
 * file; or it names an identifier (`Username`, `Endpoint URL`) and no secret.
 */
const ID_OR_REFERENCE = /\b(?:ids?|identifier|reference|file)\b/i;
const IDENTIFIER =
  /\b(?:user ?name|user|login|e-?mail|url|uri|endpoint|domain|host(?:name)?|region|subdomain|instance|workspace|project|organi[sz]ation|org|tenant|account|site|zone|sid|number|name)\b/i;
/** What is public by design (Clerk's and Klaviyo's publishable `pk_` keys) or a file's path. */
const PUBLIC = /\b(?:publishable|public|path)\b/i;
const SECRET_WORD = /secret|password|passwd|token|private|\bkey\b|api ?key|credential|auth|signing/i;

/**
 * Why a detector pattern is not read as a vendor's token (its port and its train lines leave it out),
 * or undefined: a generic detector, what its description calls public, an id, a reference or a
 * file, or an identifier without a secret; a secret whose alphabet is not a token's.
 */
export function whyNotAVendorToken(detector: KeyhogDetector, pattern: KeyhogPattern): string | undefined {
  if (GENERIC_DETECTOR.test(detector.id)) return "generic detector, not a vendor's token";
  const description = pattern.description ?? "";
  if (PUBLIC.test(description)) return "public by design or a path, not a secret (by its description)";
  if (ID_OR_REFERENCE.test(description) || (IDENTIFIER.test(description) && !SECRET_WORD.test(description)))
    return "an identifier, not a secret (by its description)";
  const secret = captureGroup(pattern.regex, pattern.group ?? 0);
  if (secret === undefined || !tokenShaped(secret))
    return "the secret's alphabet is not a token's (a password, a command or free text)";
  if (!repeats(secret)) return "matches fixed words only: a variable's name (context), not a value";
  return undefined;
}
