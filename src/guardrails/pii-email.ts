import validator from "validator";
import { ALPHANUMERIC, asciiClass } from "./char-class.js";
import type { PiiMatch } from "./pii-match.js";

const isAsciiLocalChar = asciiClass(`${ALPHANUMERIC}._%+-`);
const isAsciiDomainChar = asciiClass(`${ALPHANUMERIC}.-`);
/**
 * Letters and digits of the scripts written with spaces between words (`josé`, `müller`,
 * `пользователь`, `bücher.de`, `пример.рф`); Han, kana and Hangul are left out, since those scripts
 * run the words around an address into it (`我的邮箱是test@163.com谢谢`).
 */
const SPACED_LETTER = /[\p{L}\p{M}\p{Nd}]/u;
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const isLetterOfSpacedScript = (character: string) =>
  SPACED_LETTER.test(character) && !UNSPACED_SCRIPT.test(character);
const isLocalChar = (text: string, index: number) =>
  text.charCodeAt(index) < 128 ? isAsciiLocalChar(text, index) : isLetterOfSpacedScript(text[index] ?? "");
const isDomainChar = (text: string, index: number) =>
  text.charCodeAt(index) < 128 ? isAsciiDomainChar(text, index) : isLetterOfSpacedScript(text[index] ?? "");
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
// Addresses of machines and robots, not people: scored under the default threshold.
const MACHINE_ADDRESS =
  /^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster)@|@(?:[\w-]+\.)*(?:gserviceaccount\.com|users\.noreply\.github\.com)$/i;

/**
 * Email addresses: expand left and right from every `@` (no regex backtracking), then confirm with
 * validator's isEmail (RFC 5321 lengths, a real TLD; RFC 6531 letters in the local part and IDN
 * domains, of scripts written with spaces; `＠`, full-width, as `@`; a quoted local part,
 * `"john.doe"@example.com`). `git@host:repo` SSH remotes are not people;
 * no-reply and service-account addresses score low.
 */
export function findEmails(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  const nextAt = atSigns(text);
  for (let at = nextAt(0); at !== -1; at = nextAt(at + 1)) {
    let start = quotedLocalStart(text, at);
    if (start === at) {
      while (start > 0 && at - start < MAX_LOCAL && isLocalChar(text, start - 1)) start--;
      while (text[start] === ".") start++;
    }
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text, end)) end++;
    while (end > at + 1 && /[.-]/.test(text[end - 1] ?? "")) end--;
    if (start === at || end === at + 1) continue;
    const local = text.slice(start, at);
    if (local.toLowerCase() === "git") continue;
    // The full-width `＠` of Chinese and Japanese text (`info＠example.com`) stands for `@`.
    const address = `${local}@${text.slice(at + 1, end)}`;
    if (!validator.isEmail(address)) continue;
    matches.push({ type: "email", start, end, score: MACHINE_ADDRESS.test(address) ? 0.4 : 0.95 });
  }
  return matches;
}

/** What may stand before the opening quote: a space, a bracket or punctuation, never a word or a quote. */
const QUOTE_OPENS = /[\s<([{:;,]/;
/** Something quoted, not starting or ending with a space, without quote, backslash or line break. */
const QUOTED_LOCAL = /^[^\s"\\](?:[^"\\\n\r]*[^\s"\\])?$/;

/**
 * Where a quoted local part before the `@` at `at` opens (RFC 5321: `"john.doe"@example.com`,
 * `"john doe"@example.com`): a `"` right before the `@`, its opening `"` within the local part's 64
 * characters after a space, a bracket or punctuation (`say "hi" and "@x.com"` is two quotations);
 * else `at`.
 */
function quotedLocalStart(text: string, at: number): number {
  if (text[at - 1] !== '"') return at;
  const open = text.lastIndexOf('"', at - 2);
  if (open === -1 || at - open > MAX_LOCAL || (open > 0 && !QUOTE_OPENS.test(text[open - 1] ?? "")))
    return at;
  return QUOTED_LOCAL.test(text.slice(open + 1, at - 1)) ? open : at;
}

/** The next `@` or full-width `＠` at or after `from`, or -1 (each sign searched for once per text). */
function atSigns(text: string): (from: number) => number {
  let wide = text.indexOf("＠");
  return (from) => {
    if (wide !== -1 && wide < from) wide = text.indexOf("＠", from);
    const ascii = text.indexOf("@", from);
    if (wide === -1) return ascii;
    return ascii === -1 ? wide : Math.min(ascii, wide);
  };
}
