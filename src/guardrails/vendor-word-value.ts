import { asciiClass, isAsciiUpper } from "./char-class.js";
import { vendorNameBefore } from "./generic-secret.js";
import { isRandomValue, MAX_RANDOM_VALUE, NOT_A_VALUE } from "./random-value.js";
import { runEnd } from "./run-end.js";
import type { ParsedSecret, SecretParser } from "./secret-parsers.js";

/**
 * A vendor's name, then a credential's word written as a word (`ACCESS`, `PRIVATE`, `SECRET`,
 * `TOKEN`, capitalised or in capitals, maybe with `KEY` after it), then a value drawn at random:
 * `pandadoc PRIVATE …`, `weatherbitACCESS …`, `Acme Token: …`, `cliengo-SECRET-…`. The way vendor
 * rule sets (Kingfisher, KeyHog, Nosey Parker) key a vendor's credential on its name and one of these
 * words within a few characters; this reading does so for any vendor, the name's shape alone (a word
 * of 2-31 letters, digits, `.` and `-`), as the `<vendor> KEY …` reading (generic-secret.ts
 * vendorKeyValue) does for `KEY`. In small letters the word only counts joined to the name by `-` or
 * `_` (`launchdarkly-secret-…`): "the token …" is prose. The value: drawn at random (random-value.ts:
 * 16 to 200 characters with a letter and a digit, entropy 3.5 or more), not a code expression nor a
 * digest's label, at most 8 separators (spaces, `:`, `=`, quotes, `-`) after the word, on the word's
 * line. Score 0.7, as the `KEY` reading.
 */
const WORD =
  /(?:ACCESS|PRIVATE|SECRET|TOKEN|Access|Private|Secret|Token|access|private|secret|token)(?:[ _-]?(?:KEY|Key|key|TOKEN|Token|token))?(?![A-Za-z0-9])/y;
const GLUED_WORD = /^(?:ACCESS|PRIVATE|SECRET|TOKEN)/;
const isLower = asciiClass("abcdefghijklmnopqrstuvwxyz0123456789");
const isJoin = asciiClass("-_");
const isSpace = asciiClass(" \t");
const isSeparator = asciiClass(" \t:=\"'-");
const isValueChar = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/=.-");
const MAX_SEPARATORS = 8;
const valueEnd = runEnd(isValueChar);
const SCORE = 0.7;
/** Tokens that are not credentials (generic-secret.ts NOT_A_SECRET_TOKEN's words): CSRF tokens, public ones. */
const NOT_A_CREDENTIAL = /(?:^|[^A-Za-z])(?:csrf|xsrf|public|pub|authenticity|anti-?forgery)[ \t_-]*$/i;
/** Words before a credential's word that say what kind of credential, not whose (`api_token`, `image_token`). */
const NOT_A_VENDOR =
  /(?:^|[^A-Za-z])(?:api|app|auth|access|client|user|bot|service|session|refresh|image|id|my|the|your|new|old|default|test)[ \t_-]*$/i;

export function vendorWordValue(text: string, index: number): ParsedSecret | undefined {
  // What stands before the word, and the word's case, first: most hits are prose's "access" and
  // code's `accessToken`, turned down here before any regex runs.
  const glued = index > 0 && isLower(text, index - 1);
  const joined = !glued && index > 0 && isJoin(text, index - 1);
  const spaced = !glued && !joined && index > 0 && isSpace(text, index - 1);
  if (!glued && !joined && !spaced) return undefined;
  const capital = isAsciiUpper(text, index);
  // Joined to the name (`weatherbitACCESS`): in capitals only; `getAccessToken` is code's.
  if (glued && !(capital && isAsciiUpper(text, index + 1))) return undefined;
  // After a space, capitalised or in capitals: "the token …" is prose.
  if (spaced && !capital) return undefined;
  WORD.lastIndex = index;
  const word = WORD.exec(text)?.[0];
  if (word === undefined || (glued && !GLUED_WORD.test(word))) return undefined;
  const nameEnd = index > 0 && text[index - 1] === "_" ? index - 1 : index;
  if (
    !vendorNameBefore(text, nameEnd) ||
    NOT_A_CREDENTIAL.test(text.slice(Math.max(0, index - 20), index)) ||
    NOT_A_VENDOR.test(text.slice(Math.max(0, index - 20), index))
  )
    return undefined;
  let start = index + word.length;
  const limit = Math.min(text.length, start + MAX_SEPARATORS);
  while (start < limit && isSeparator(text, start)) start++;
  const end = valueEnd(text, start);
  if (end - start > MAX_RANDOM_VALUE) return undefined;
  const value = text.slice(start, end);
  if (!isRandomValue(value) || NOT_A_VALUE.test(value)) return undefined;
  return { type: "vendor_credential", start, end, score: SCORE };
}

export const vendorWordValueParser: SecretParser = {
  id: "vendor-word",
  keywords: ["access", "private", "secret", "token"],
  source:
    "modelmux: a vendor's name and a credential's word before a random value, the way Kingfisher's and KeyHog's rules key a vendor's credential",
  parse: vendorWordValue,
};
