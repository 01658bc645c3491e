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
    const domain = text.slice(at + 1, end);
    if (!mayBeEmail(local, domain)) continue;
    // The full-width `＠` of Chinese and Japanese text (`info＠example.com`) stands for `@`.
    const address = `${local}@${domain}`;
    if (!validator.isEmail(address)) continue;
    matches.push({ type: "email", start, end, score: MACHINE_ADDRESS.test(address) ? 0.4 : 0.95 });
  }
  if (BRACKETED_AT.test(text)) matches.push(...findBracketedEmails(text));
  return matches;
}

/**
 * False for an address isEmail rejects in any case, told cheaply: a domain without a top-level domain,
 * a local part with an empty label. Each `@` of a megabyte of `a.b@` or `a..b@x.com ` cost an isEmail
 * call (its options merged anew every time), 0.5-0.7 s, the PII detector's budget three times over.
 */
export function mayBeEmail(local: string, domain: string): boolean {
  return hasTopLevelDomain(domain) && !hasEmptyLabel(local);
}

/** A top-level domain as validator's isFQDN requires one (require_tld, no numeric TLD), which isEmail does. */
const TOP_LEVEL_DOMAIN =
  /^(?:[a-z\u00A1-\u00A8\u00AA-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]{2,}|xn[a-z0-9-]{2,})$/i;

/** False for a domain without a dot, or whose last label is not a top-level domain (`a.b@a.b@…`). */
function hasTopLevelDomain(domain: string): boolean {
  const dot = domain.lastIndexOf(".");
  return dot !== -1 && TOP_LEVEL_DOMAIN.test(domain.slice(dot + 1));
}

/** An unquoted local part with an empty dot-separated part (`a..b`, `a.`), which isEmail rejects. */
function hasEmptyLabel(local: string): boolean {
  return !local.startsWith('"') && (local.includes("..") || local.startsWith(".") || local.endsWith("."));
}

/** `[at]`, `(at)`, `{at}`, `<at>`: the `@` of an address written so that harvesters miss it. */
const BRACKETED_AT = /[[({<] ?at ?[\])}>]/i;
const BRACKETED_ADDRESS =
  /(?<![\w.%+-])[\w.%+-]{1,64} ?[[({<] ?at ?[\])}>] ?[a-z0-9-]{1,63}(?: ?(?:[[({<] ?dot ?[\])}>]|\.) ?[a-z0-9-]{1,63}){1,4}(?![\w-])/giu;
const BRACKETED_DOT = / ?[[({<] ?dot ?[\])}>] ?/giu;
const BRACKETED_AT_SIGN = / ?[[({<] ?at ?[\])}>] ?/iu;

/**
 * Addresses written with a bracketed `at` and `dot` (`john[at]example[dot]com`, `jane (at) mail
 * (dot) co (dot) uk`, `ops{at}example.org`): someone's address all the same. The spelled-out form
 * without brackets (`john at example dot com`) is left to prose, where `at` and `dot` are words.
 * validator's isEmail confirms the address read back; scored a little under a written one.
 */
function findBracketedEmails(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  for (const found of text.matchAll(BRACKETED_ADDRESS)) {
    const address = found[0].replace(BRACKETED_AT_SIGN, "@").replace(BRACKETED_DOT, ".").replace(/ /g, "");
    if (!validator.isEmail(address)) continue;
    matches.push({ type: "email", start: found.index, end: found.index + found[0].length, score: 0.85 });
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
