import type { PiiMatch } from "./pii-match.js";
import type { PhoneScorer } from "./pii-phone.js";

/**
 * Brazil's long-distance form with the carrier code left open: `(0xx11) 3456-7890`, `0xx21 2345-6789`,
 * `0 xx 11 98765-4321` (trunk 0, a two-digit carrier the caller picks, the area code). The number
 * run of pii-numbers does not start after a letter, so these are read here: the area code and the
 * subscriber's digits are scored as `(11) 3456-7890` is, and the span holds the whole form. The
 * pattern is tried only just before each `xx` (a sticky match), not at every character of the text.
 */
const CARRIER_OPEN = /(\(\s?)?0\s?[xX]{2}\s?(\d{2})(\s?\))?[ -]?(\d{4,5}[ -]?\d{4})(?![\w@]|[.-]\d)/y;
const JOINED_BEFORE = /[\w+]/;
/** `(0 xx`: the most a form holds before its `xx`. */
const MAX_LEAD = 4;

export function findCarrierCodePhones(text: string, phoneScore: PhoneScorer): PiiMatch[] {
  const matches: PiiMatch[] = [];
  let searchFrom = 0;
  const nextXx = xxFinder(text);
  for (let at = nextXx(0); at !== -1; at = nextXx(Math.max(at + 2, searchFrom))) {
    for (let start = Math.max(searchFrom, at - MAX_LEAD); start < at; start++) {
      if (JOINED_BEFORE.test(text[start - 1] ?? "")) continue;
      CARRIER_OPEN.lastIndex = start;
      const found = CARRIER_OPEN.exec(text);
      if (found === null) continue;
      const [whole, open, area, close, subscriber] = found;
      if ((open === undefined) !== (close === undefined)) continue;
      const score = phoneScore(text, start, `(${area}) ${subscriber}`);
      if (score > 0) matches.push({ type: "phone", start, end: start + whole.length, score });
      searchFrom = start + whole.length;
      break;
    }
  }
  return matches;
}

/**
 * Where the next `xx` or `XX` starts at or after `from`, for `from` that only grows. Each case is
 * searched again only once passed: searched afresh for both at every `xx`, a text of a megabyte of
 * `x` read the rest of the text for an `XX` each time (4 s).
 */
function xxFinder(text: string): (from: number) => number {
  // -2: not searched yet; -1: none left.
  let lower = -2;
  let upper = -2;
  return (from) => {
    if (lower !== -1 && lower < from) lower = text.indexOf("xx", from);
    if (upper !== -1 && upper < from) upper = text.indexOf("XX", from);
    if (lower === -1) return upper;
    return upper === -1 ? lower : Math.min(lower, upper);
  };
}
