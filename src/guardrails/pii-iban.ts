import validator from "validator";
import type { PiiMatch } from "./pii-match.js";

// Country code, check digits, then up to 30 alphanumerics in optional groups of four, split by spaces
// or dashes (bounded: linear). Lower case too ("my iban is gb42…"): the mod-97 check decides either way.
const IBAN_RUN =
  /(?<![A-Za-z0-9])(?:[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){10,30}(?![a-z0-9])|[a-z]{2}\d{2}(?:[ -]?[a-z0-9]){10,30}(?![A-Z0-9]))/g;
const SEPARATOR = /[ -]/;

/**
 * IBANs confirmed by validator.isIBAN: the country's length and format, and the ISO 13616 mod-97
 * check digits. The run may swallow an uppercase word after the IBAN ("… 3000 BIC …"), so shorter
 * group prefixes are tried until one validates. Groups are split by spaces or by dashes, one kind
 * throughout ("AL47-2121-1009-…").
 */
export function findIbans(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  IBAN_RUN.lastIndex = 0;
  for (let run = IBAN_RUN.exec(text); run !== null; run = IBAN_RUN.exec(text)) {
    const separator = SEPARATOR.exec(run[0])?.[0] ?? " ";
    const groups = run[0].split(separator);
    for (let count = groups.length; count > 0; count--) {
      const candidate = groups.slice(0, count).join(separator);
      if (!/^[A-Za-z0-9]+$/.test(candidate.replaceAll(separator, ""))) continue;
      if (isIban(candidate.replaceAll(separator, "").toUpperCase())) {
        matches.push({ type: "iban", start: run.index, end: run.index + candidate.length, score: 0.97 });
        break;
      }
    }
  }
  return matches;
}

/**
 * IBAN lengths of countries the SWIFT IBAN registry lists and validator does not know (its list
 * predates them): Belarus, Libya, Russia, Sudan, Mongolia, Nicaragua, Oman, Somalia, Yemen,
 * Djibouti, Falklands, Burundi, Honduras. For these the length and the mod-97 check decide.
 */
const OTHER_LENGTHS: Readonly<Record<string, number>> = {
  BY: 28,
  LY: 25,
  RU: 33,
  SD: 18,
  MN: 20,
  NI: 28,
  OM: 23,
  SO: 23,
  YE: 30,
  DJ: 27,
  FK: 18,
  BI: 27,
  HN: 28,
};
const COMPACT = /^[A-Z]{2}\d{2}[A-Z0-9]+$/;

function isIban(compact: string): boolean {
  if (validator.isIBAN(compact)) return true;
  return (
    OTHER_LENGTHS[compact.slice(0, 2)] === compact.length && COMPACT.test(compact) && mod97(compact) === 1
  );
}

/** ISO 13616: the first four characters moved to the end, letters as 10-35, the number mod 97. */
function mod97(compact: string): number {
  let remainder = 0;
  for (const char of compact.slice(4) + compact.slice(0, 4)) {
    const value = Number.parseInt(char, 36);
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder;
}
