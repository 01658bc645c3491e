import type { PiiMatch } from "./pii-match.js";

/**
 * North America's toll-free numbers written with letters for digits, as advertised: `1-800-FLOWERS`,
 * `1 (888) GO-FEDEX`, `800-CALL-ATT`, `1-800-GO-2-HAUL` (a keypad's letters, dialled as the digits
 * under them; words longer than seven letters are dialled to their seventh). The number run of
 * pii-numbers stops at a letter, so these are read here: a toll-free code (800, 888, 877, 866, 855,
 * 844, 833), a separator, then seven to eleven capital letters and digits, dashes between them,
 * with two letters at least. Capitals only: `800-kilometres` is a distance. The patterns are tried
 * only at an `8` (TOLL_FREE: a toll-free code, a separator and a capital within the next five
 * places), not at every character, and VANITY only after such a code, not after every `800-` of a
 * digit list.
 */
const TOLL_FREE = /8(?:00|88|77|66|55|44|33)(?:\)[ -]?|[-. ])(?=\d{0,3}-?[A-Z])/y;
const VANITY = /(?:[A-Z0-9]-?){6,10}[A-Z0-9](?![\w-])/y;
/** `1-`, `1 `, `+1 `, `(` before the code: the span starts there. */
const PREFIX = /(?:\+?1[-. ]?)?\(?$/;
const JOINED_BEFORE = /[\w+-]/;
const LETTER = /[A-Z]/g;
/** A number dialled with letters scores as a grouped North American number without a phone word. */
const VANITY_SCORE = 0.8;

export function findVanityPhones(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  // Each `8` found by indexOf (a vectorised search; a text holds few), then the sticky pattern there.
  for (let codeAt = text.indexOf("8"); codeAt !== -1; codeAt = text.indexOf("8", codeAt + 1)) {
    // The code starts a number (a `1` before it aside): an `8` inside a digit run (`88888…`) is skipped
    // by a char code, not a regex.
    const before = text.charCodeAt(codeAt - 1) === 0x31 ? codeAt - 2 : codeAt - 1;
    const previous = text.charCodeAt(before);
    if (previous >= 0x30 && previous <= 0x39) continue;
    TOLL_FREE.lastIndex = codeAt;
    const found = TOLL_FREE.exec(text);
    if (found === null) continue;
    // `(800)` takes its closing bracket (a space or a dash may follow it), and only a bracket opened before.
    if ((text[codeAt - 1] === "(") !== (found[0][3] === ")")) continue;
    const after = codeAt + found[0].length;
    VANITY.lastIndex = after;
    const letters = VANITY.exec(text);
    if (letters === null || (letters[0].match(LETTER)?.length ?? 0) < 2) continue;
    const lead = PREFIX.exec(text.slice(Math.max(0, codeAt - 4), codeAt))?.[0] ?? "";
    const start = codeAt - lead.length;
    if (JOINED_BEFORE.test(text[start - 1] ?? "")) continue;
    const end = after + letters[0].length;
    matches.push({ type: "phone", start, end, score: VANITY_SCORE });
    codeAt = end - 1;
  }
  return matches;
}
