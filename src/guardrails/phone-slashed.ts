import { hasPhoneContext } from "./phone-context.js";
import type { PiiMatch } from "./pii-match.js";
import type { PhoneScorer } from "./pii-phone.js";

/**
 * An area code, a slash and the subscriber's digits, as German, Austrian and Swiss numbers were long
 * written (DIN 5008 before 2011): "Tel. 089/1234567", "01/512 34 56". The number run of
 * pii-numbers does not take a slash (dates, fractions and paths use it), so these are read here,
 * only after a phone word ("Tel.", "Telefon", "Fax", "Handy"…) and only when the scorer calls the
 * digits a valid number of a configured region. After a country code (`+36 30/528-3108`, Hungary's
 * mobiles; `+49 89/1234567`; a slash after the code too, `+49/89/1234567`, `+43/1/5123456`, or the
 * trunk `0` bracketed before the area code, `+49 (0)89/1234567`, as German and Austrian letterheads
 * print them) no phone word is needed: the scorer calls it valid in its country.
 * Belgian mobiles are also written without their trunk `0` before the slash (`Telefoon: 472/97 48 67`):
 * after a phone word, three digits not starting with 0 (never a year: `2019/2020`) may stand there.
 * With the digits after the slash grouped (`415/666-7777`, `0456/705 915`) no phone word is needed.
 * A slash with a space beside it (`Handy: 0171 / 1234567`, Belgium's `Telefoon: 05/ 549 32 81`) is
 * read only after a phone word: `2019 / 2020` and `1 / 2` are written so too.
 */
const SLASHED =
  /(?:\+\d{1,3}(?:[ -]|(?: ?\(0\))? ?\/ ?| ?\(0\) ?)?\d{1,5}|0\d{1,5}|[1-9]\d\d) ?\/ ?\d[\d -]{3,12}\d(?![\w/]|[.-]\d)/g;
/** A space beside the slash (`0171 / 1234567`, `05/ 549 32 81`). */
const SPACED_SLASH = / \/|\/ /;
/** Each slash and the spaces beside it, read as one space between the groups. */
const SLASH_AND_SPACES = / ?\/ ?/g;
const JOINED_BEFORE = /[\w./+-]/;
/**
 * The subscriber's digits grouped after the slash (`415/666-7777`, `089/123 45 67`): fractions, dates
 * and paths never group the digits after one, so no phone word is needed; the scorer still asks for
 * a configured region's own grouping.
 */
const GROUPED_AFTER_SLASH = /\/\d+[ -]\d/;
/** Without a phone word the number stands alone: a space or a bracket before it, not a time's colon. */
const SPACE_BEFORE = /[\s(]/;

export function findSlashedPhones(text: string, phoneScore: PhoneScorer): PiiMatch[] {
  const matches: PiiMatch[] = [];
  SLASHED.lastIndex = 0;
  for (let found = SLASHED.exec(text); found !== null; found = SLASHED.exec(text)) {
    const start = found.index;
    const end = start + found[0].length;
    const international = found[0].startsWith("+");
    if (JOINED_BEFORE.test(text[start - 1] ?? "")) continue;
    const spaced = SPACED_SLASH.test(found[0]);
    const grouped =
      !spaced && GROUPED_AFTER_SLASH.test(found[0]) && SPACE_BEFORE.test(text[start - 1] ?? " ");
    if ((spaced || (!international && !grouped)) && !hasPhoneContext(text, start, end)) continue;
    const score = phoneScore(text, start, found[0].replace(SLASH_AND_SPACES, " "));
    if (score > 0) matches.push({ type: "phone", start, end, score });
  }
  return matches;
}
