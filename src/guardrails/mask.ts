import type { GuardrailKind } from "./types.js";

const MAX_INJECTION_PREVIEW = 60;
const TOKEN_CHAR = "[A-Za-z0-9_+/=-]";
const LONG_TOKEN = new RegExp(`${TOKEN_CHAR}{20,}`, "g");
// What the two replacements below would change: whitespace other than single spaces, a long token.
// A long token is looked for only where a token starts (the look-behind): 2.5× faster on phrases,
// where every letter of every word began an attempt.
const NEEDS_FLATTENING = new RegExp(`[^\\S ]| \\s|(?<!${TOKEN_CHAR})${TOKEN_CHAR}{20}`);

/** The head flattened first: twice the preview, enough for most values. */
const HEAD_CHARS = 2 * MAX_INJECTION_PREVIEW;

/** The last character of a whitespace run. */
const RUN_END = /\s(?=\S)/g;

/** The first index at or after `from` where a whitespace run has ended (or the value's end). */
function headEnd(value: string, from: number): number {
  if (from >= value.length) return value.length;
  RUN_END.lastIndex = from - 1;
  const found = RUN_END.exec(value);
  return found === null ? value.length : found.index + 1;
}

/** Whitespace runs as one space, long key-like tokens cut to 4 characters. */
function flatten(value: string): string {
  // Most matched phrases have neither (one test); the replacements would return them unchanged.
  return NEEDS_FLATTENING.test(value)
    ? value.replace(/\s+/g, " ").replace(LONG_TOKEN, (token) => `${token.slice(0, 4)}…`)
    : value;
}

/**
 * The `preview` of a finding: enough to recognise it, never enough to use it.
 * Secrets keep their first 4 characters (2 when short) — the vendor prefix, not the key material.
 * PII keeps 2 characters at each end (1 at the start when short). Injection text is not sensitive, so
 * it is shown, shortened, with long key-like tokens cut to 4 characters.
 */
export function maskPreview(kind: GuardrailKind, value: string): string {
  if (kind === "prompt_injection" || kind === "jailbreak") {
    // Injection text is shown, but a long token inside it could be a key it tries to exfiltrate.
    // Only the preview's first characters are kept, so only a head of the value is flattened: 120,
    // 240, … characters, each cut where a whitespace run ends, until one flattens to more. Flattening
    // works run by run (whitespace runs, tokens, neither crossing such a cut), so the head flattens to
    // the start of the whole's flattening. An embedded instruction runs up to 300 characters: a
    // megabyte of "\nfor the ai: " read as a document has 80,000, and flattening each whole took
    // half its check.
    for (let cut = HEAD_CHARS; ; cut *= 2) {
      const end = headEnd(value, cut);
      const flat = flatten(value.slice(0, end));
      if (flat.length > MAX_INJECTION_PREVIEW) return `${flat.slice(0, MAX_INJECTION_PREVIEW)}…`;
      if (end === value.length) return flat;
    }
  }
  if (kind === "secret") return `${value.slice(0, value.length >= 12 ? 4 : 2)}…`;
  if (value.length >= 10) return `${value.slice(0, 2)}…${value.slice(-2)}`;
  return `${value.slice(0, 1)}…`;
}
