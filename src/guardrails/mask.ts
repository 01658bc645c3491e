import type { GuardrailKind } from "./types.js";

const MAX_INJECTION_PREVIEW = 60;
const TOKEN_CHAR = "[A-Za-z0-9_+/=-]";
const LONG_TOKEN = new RegExp(`${TOKEN_CHAR}{20,}`, "g");
// What the two replacements below would change: whitespace other than single spaces, a long token.
// A long token is looked for only where a token starts (the look-behind): 2.5× faster on phrases,
// where every letter of every word began an attempt.
const NEEDS_FLATTENING = new RegExp(`[^\\S ]| \\s|(?<!${TOKEN_CHAR})${TOKEN_CHAR}{20}`);

/**
 * The `preview` of a finding: enough to recognise it, never enough to use it.
 * Secrets keep their first 4 characters (2 when short) — the vendor prefix, not the key material.
 * PII keeps 2 characters at each end (1 at the start when short). Injection text is not sensitive, so
 * it is shown, shortened, with long key-like tokens cut to 4 characters.
 */
export function maskPreview(kind: GuardrailKind, value: string): string {
  if (kind === "prompt_injection" || kind === "jailbreak") {
    // Injection text is shown, but a long token inside it could be a key it tries to exfiltrate.
    // Most matched phrases have neither (one test); the replacements would return them unchanged.
    const flat = NEEDS_FLATTENING.test(value)
      ? value.replace(/\s+/g, " ").replace(LONG_TOKEN, (token) => `${token.slice(0, 4)}…`)
      : value;
    return flat.length > MAX_INJECTION_PREVIEW ? `${flat.slice(0, MAX_INJECTION_PREVIEW)}…` : flat;
  }
  if (kind === "secret") return `${value.slice(0, value.length >= 12 ? 4 : 2)}…`;
  if (value.length >= 10) return `${value.slice(0, 2)}…${value.slice(-2)}`;
  return `${value.slice(0, 1)}…`;
}
