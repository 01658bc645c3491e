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
      if (validator.isIBAN(candidate.replaceAll(separator, "").toUpperCase())) {
        matches.push({ type: "iban", start: run.index, end: run.index + candidate.length, score: 0.97 });
        break;
      }
    }
  }
  return matches;
}
