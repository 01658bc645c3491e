import type { PiiMatch } from "./pii-match.js";
import type { PhoneScorer } from "./pii-phone.js";

/**
 * Brazil's long-distance form with the carrier code left open: `(0xx11) 3456-7890`, `0xx21 2345-6789`,
 * `0 xx 11 98765-4321` (trunk 0, a two-digit carrier the caller picks, the area code). The number
 * run of pii-numbers does not start after a letter, so these are read here: the area code and the
 * subscriber's digits are scored as `(11) 3456-7890` is, and the span holds the whole form.
 */
const CARRIER_OPEN =
  /(?<![\w+])(\(\s?)?0\s?[xX]{2}\s?(\d{2})(\s?\))?[ -]?(\d{4,5}[ -]?\d{4})(?![\w@]|[.-]\d)/g;

export function findCarrierCodePhones(text: string, phoneScore: PhoneScorer): PiiMatch[] {
  const matches: PiiMatch[] = [];
  CARRIER_OPEN.lastIndex = 0;
  for (let found = CARRIER_OPEN.exec(text); found !== null; found = CARRIER_OPEN.exec(text)) {
    const [whole, open, area, close, subscriber] = found;
    if ((open === undefined) !== (close === undefined)) continue;
    const score = phoneScore(text, found.index, `(${area}) ${subscriber}`);
    if (score > 0)
      matches.push({ type: "phone", start: found.index, end: found.index + whole.length, score });
  }
  return matches;
}
