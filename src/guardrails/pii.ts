import type { CountryCode } from "libphonenumber-js/max";
import { foldDigits } from "./fold-digits.js";
import { piiPreviewAt } from "./mask.js";
import { findCarrierCodePhones } from "./phone-carrier.js";
import { findSlashedPhones } from "./phone-slashed.js";
import { findVanityPhones } from "./phone-vanity.js";
import { findEmails } from "./pii-email.js";
import { findIbans } from "./pii-iban.js";
import { findIpv4 } from "./pii-ipv4.js";
import { findIpv6 } from "./pii-ipv6.js";
import type { PiiMatch } from "./pii-match.js";
import { findNationalIds } from "./pii-national-ids.js";
import { findNumbers } from "./pii-numbers.js";
import { createPhoneScorer } from "./pii-phone.js";
import { keepStrongest } from "./resolve-overlaps.js";
import type { Detector, Finding } from "./types.js";

export interface PiiOptions {
  /** Regions tried for national-format phone numbers, in order. */
  phoneRegions: readonly CountryCode[];
  /** Report every valid IP address (default); false: public ones, and private ones labelled as someone's. */
  privateIpAddresses?: boolean;
}

// When spans overlap, the stronger evidence wins: a checksum beats a format, a format beats a guess.
const PRIORITY: Record<string, number> = {
  iban: 6,
  credit_card: 5,
  us_ssn: 4,
  br_cpf: 4,
  br_cnpj: 4,
  pt_nif: 4,
  email: 3,
  ipv4: 2,
  ipv6: 2,
  phone: 1,
};

const DETECTOR_NAMES = new Map<string, string>();
/** `pii/<type>`, one string per type rather than one per finding. */
function detectorName(type: string): string {
  let name = DETECTOR_NAMES.get(type);
  if (name === undefined) {
    name = `pii/${type}`;
    DETECTOR_NAMES.set(type, name);
  }
  return name;
}

/**
 * PII detector: candidates by cheap linear scans, each confirmed by a checksum or a library
 * (validator, libphonenumber-js) before it becomes a finding.
 */
export function createPiiDetector(options: PiiOptions): Detector {
  const phoneScore = createPhoneScorer(options.phoneRegions);
  const everyAddress = options.privateIpAddresses ?? true;
  return {
    name: "pii",
    scan(text) {
      // Digits of other scripts, full-width forms and typeset spaces read as ASCII, at the original's
      // offsets: also emails and IBANs (`ｔｅｓｔ＠ｅｘａｍｐｌｅ．ｃｏｍ`, `FR76 3000 …` grouped with U+202F).
      const folded = foldDigits(text);
      const matches: PiiMatch[] = [
        ...findEmails(folded),
        ...findIbans(folded),
        ...findIpv4(folded, everyAddress),
        ...findIpv6(text, everyAddress),
        ...findNationalIds(folded),
        ...findNumbers(folded, phoneScore, text),
        ...findSlashedPhones(folded, phoneScore),
        ...findCarrierCodePhones(folded, phoneScore),
        ...findVanityPhones(folded),
      ];
      // Written out, not spread: a spread of the matches' several shapes is V8's generic clone,
      // a microsecond a finding of a phone list's tens of thousands.
      const findings = matches.map(
        (match): Finding => ({
          kind: "pii",
          type: match.type,
          start: match.start,
          end: match.end,
          score: match.score,
          detector: detectorName(match.type),
          preview: piiPreviewAt(text, match.start, match.end),
        }),
      );
      return keepStrongest(
        findings,
        (left, right) => (PRIORITY[left.type] ?? 0) - (PRIORITY[right.type] ?? 0),
      );
    },
  };
}
