import validator from "validator";
import { ALPHANUMERIC, asciiClass } from "./char-class.js";
import type { PiiMatch } from "./pii-match.js";

const isLocalChar = asciiClass(`${ALPHANUMERIC}._%+-`);
const isDomainChar = asciiClass(`${ALPHANUMERIC}.-`);
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
// Addresses of machines and robots, not people: scored under the default threshold.
const MACHINE_ADDRESS =
  /^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster)@|@(?:[\w-]+\.)*(?:gserviceaccount\.com|users\.noreply\.github\.com)$/i;

/**
 * Email addresses: expand left and right from every `@` (no regex backtracking), then confirm with
 * validator's isEmail (RFC 5321 lengths, a real TLD). `git@host:repo` SSH remotes are not people;
 * no-reply and service-account addresses score low.
 */
export function findEmails(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && isLocalChar(text, start - 1)) start--;
    while (text[start] === ".") start++;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text, end)) end++;
    while (end > at + 1 && /[.-]/.test(text[end - 1] ?? "")) end--;
    if (start === at || end === at + 1) continue;
    const local = text.slice(start, at);
    if (local.toLowerCase() === "git") continue;
    const address = text.slice(start, end);
    if (!validator.isEmail(address)) continue;
    matches.push({ type: "email", start, end, score: MACHINE_ADDRESS.test(address) ? 0.4 : 0.95 });
  }
  return matches;
}
