import type { GuardrailKind } from "./types.js";

const MAX_INJECTION_PREVIEW = 60;
/** A long key-like token: this many characters of the class below, or more. */
const LONG_TOKEN = 20;
const isTokenCode = (code: number) =>
  (code >= 97 && code <= 122) ||
  (code >= 65 && code <= 90) ||
  (code >= 47 && code <= 57) ||
  code === 95 ||
  code === 43 ||
  code === 61 ||
  code === 45;
const SPACE = /\s/;
const isSpaceCode = (code: number, text: string, index: number) =>
  code === 32 || (code >= 9 && code <= 13) || (code >= 0xa0 && SPACE.test(text[index] ?? ""));

/**
 * The start of `value` flattened as `value.replace(/\s+/g, " ")` then
 * `.replace(/[A-Za-z0-9_+/=-]{20,}/g, (token) => token.slice(0, 4) + "…")` would give it, `limit`
 * characters of it or more (all of it when shorter): whitespace runs as one space, long key-like
 * tokens cut to 4 characters. One pass that stops at the limit, copying what stays as slices: an
 * embedded instruction runs up to 300 characters, and a megabyte of "\nfor the ai: " read as a
 * document has 80,000 of them, whose regex flattening took a third of the check.
 */
function flatHead(value: string, limit: number): string {
  let flat = "";
  /** `value` from `copyFrom` to `index` stays as it is. */
  let copyFrom = 0;
  let index = 0;
  while (index < value.length && flat.length + index - copyFrom < limit) {
    const code = value.charCodeAt(index);
    if (isSpaceCode(code, value, index)) {
      let end = index + 1;
      while (end < value.length && isSpaceCode(value.charCodeAt(end), value, end)) end++;
      if (code !== 32 || end > index + 1) {
        flat += `${value.slice(copyFrom, index)} `;
        copyFrom = end;
      }
      index = end;
    } else if (isTokenCode(code)) {
      let end = index + 1;
      while (end < value.length && isTokenCode(value.charCodeAt(end))) end++;
      if (end - index >= LONG_TOKEN) {
        flat += `${value.slice(copyFrom, index + 4)}…`;
        copyFrom = end;
      }
      index = end;
    } else index++;
  }
  return flat + value.slice(copyFrom, index);
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
    const flat = flatHead(value, MAX_INJECTION_PREVIEW + 1);
    return flat.length > MAX_INJECTION_PREVIEW ? `${flat.slice(0, MAX_INJECTION_PREVIEW)}…` : flat;
  }
  if (kind === "secret") return `${value.slice(0, value.length >= 12 ? 4 : 2)}…`;
  return piiPreviewAt(value, 0, value.length);
}

/**
 * `maskPreview("pii", text.slice(start, end))` without slicing the value out first: a phone list
 * makes tens of thousands of findings.
 */
export function piiPreviewAt(text: string, start: number, end: number): string {
  if (end - start >= 10) return `${text.slice(start, start + 2)}…${text.slice(end - 2, end)}`;
  return `${text.slice(start, Math.min(end, start + 1))}…`;
}
