import type { CountryCode } from "libphonenumber-js/max";
import { createPhoneMetadata, NUMBER_TYPES, type NumberingPlan } from "./phone-metadata.js";

/**
 * A cheap necessary condition for libphonenumber-js to call a digit string valid, so regions that
 * cannot match are never parsed: libphonenumber-js compiles a fresh RegExp from its metadata for every
 * pattern test (~8 µs for a long one), so one failed parse cost 10–100 µs.
 *
 * Why it is sound (libphonenumber-js 1.x parse.js, isValid.js): the parsed national number is the
 * digits, less the calling code when they start with it, less a national prefix matched by the plan's
 * `nationalPrefixForParsing`, or rewritten by its transform rule (BR, JP). A valid number's national
 * number matches the general pattern and one type pattern of its country, which shares the calling
 * code. If no such national number fits any country of the calling code, the parse cannot be valid.
 * A number starting with the region's international dialling prefix can change calling code, so it is
 * never ruled out.
 */
export interface PhonePrecheck {
  /** False only when `parsePhoneNumberFromString(digits, region)` cannot be valid. */
  national(digits: string, region: CountryCode): boolean;
  /** False only when `parsePhoneNumberFromString("+" + digits)` cannot be valid. */
  international(digits: string): boolean;
  /**
   * Every national number `parsePhoneNumberFromString(digits, region)` may take, with the calling code
   * it keeps; undefined when the digits start with the region's international dialling prefix (then
   * any calling code may follow).
   */
  nationalNumbers(digits: string, region: CountryCode): NationalNumbers | undefined;
  /** Whether the digits start with the region's international dialling prefix (`011` in the US). */
  dialsOut(digits: string, region: CountryCode): boolean;
}

export interface NationalNumbers {
  callingCode: string;
  candidates: string[];
}

/** What the parse may take as the national number: the input and its prefix-stripped forms. */
type NationalForms = (digits: string) => string[];

interface CallingCodeCheck {
  /** Matches a national number valid in some country of the calling code; undefined: no metadata. */
  valid?: RegExp;
  /** National-number forms under the main country's plan (used after a calling code). */
  forms: NationalForms;
}

interface RegionCheck {
  /** The region's international dialling prefix: after it, any calling code may follow. */
  idd: RegExp;
  callingCode: string;
  forms: NationalForms;
}

/** Longest country calling code (ITU E.164). */
const MAX_CALLING_CODE = 3;

export function createPhonePrecheck(): PhonePrecheck {
  const metadata = createPhoneMetadata();
  const { planOf } = metadata;

  // Built on first use, from metadata only (never from scanned text).
  const callingCodeChecks = new Map<string, CallingCodeCheck>();
  const callingCodeCheck = (callingCode: string): CallingCodeCheck => {
    let check = callingCodeChecks.get(callingCode);
    if (check !== undefined) return check;
    const countries = metadata.countryCallingCodes()[callingCode] ?? [];
    check = { forms: (digits) => [digits] };
    // Non-geographic codes (+800, +881, …) have no country metadata to check against.
    if (countries.length > 0 && !countries.includes("001")) {
      const union = countries.map((country) => validNationalNumber(planOf(country))).join("|");
      check = { valid: new RegExp(`^(?:${union})$`), forms: nationalForms(planOf(callingCode)) };
    }
    callingCodeChecks.set(callingCode, check);
    return check;
  };
  const fits = (callingCode: string, candidates: string[]): boolean => {
    const { valid } = callingCodeCheck(callingCode);
    return valid === undefined || candidates.some((candidate) => valid.test(candidate));
  };

  const regionChecks = new Map<string, RegionCheck>();
  const regionCheck = (region: CountryCode): RegionCheck => {
    let check = regionChecks.get(region);
    if (check === undefined) {
      const plan = planOf(region);
      const idd = new RegExp(`^(?:${plan.IDDPrefix()})`);
      check = { idd, callingCode: plan.callingCode(), forms: nationalForms(plan) };
      regionChecks.set(region, check);
    }
    return check;
  };

  return {
    national(digits, region) {
      const { idd, callingCode, forms } = regionCheck(region);
      if (idd.test(digits) || fits(callingCode, forms(digits))) return true;
      // The region's calling code written without its `+` (extractCountryCallingCode.js).
      if (!digits.startsWith(callingCode)) return false;
      return fits(callingCode, callingCodeCheck(callingCode).forms(digits.slice(callingCode.length)));
    },
    dialsOut: (digits, region) => regionCheck(region).idd.test(digits),
    nationalNumbers(digits, region) {
      const { idd, callingCode, forms } = regionCheck(region);
      if (idd.test(digits)) return undefined;
      const candidates = forms(digits);
      if (digits.startsWith(callingCode))
        candidates.push(...callingCodeCheck(callingCode).forms(digits.slice(callingCode.length)));
      return { callingCode, candidates };
    },
    international(digits) {
      // libphonenumber takes the first prefix that is a calling code; trying each is a superset.
      for (let length = 1; length <= MAX_CALLING_CODE && length < digits.length; length++) {
        const callingCode = digits.slice(0, length);
        if (metadata.countryCallingCodes()[callingCode] === undefined) {
          if (metadata.nonGeographic()?.[callingCode] !== undefined) return true;
          continue;
        }
        const rest = digits.slice(length);
        if (fits(callingCode, callingCodeCheck(callingCode).forms(rest))) return true;
      }
      return false;
    },
  };
}

/**
 * Regex source of what isValid() accepts for the plan's country: the general pattern and, when the
 * metadata has types, one of the type patterns (their length lists are left out: a superset).
 */
function validNationalNumber(plan: NumberingPlan): string {
  const general = `(?=(?:${plan.nationalNumberPattern()})$)`;
  if (!plan.hasTypes()) return general;
  const types = NUMBER_TYPES.map((name) => plan.type(name)?.pattern()).filter((pattern) => !!pattern);
  return `${general}(?:${types.map((pattern) => `(?:${pattern})`).join("|")})`;
}

/** The digits, without the national prefix, and rewritten by the transform rule (extractNationalNumber.js). */
function nationalForms(plan: NumberingPlan): NationalForms {
  const prefix = plan.nationalPrefixForParsing();
  if (!prefix) return (digits) => [digits];
  const pattern = new RegExp(`^(?:${prefix})`);
  const rule = plan.nationalPrefixTransformRule();
  return (digits) => {
    const match = pattern.exec(digits);
    if (match === null) return [digits];
    const forms = [digits, digits.slice(match[0].length)];
    if (rule) forms.push(digits.replace(pattern, rule));
    return forms;
  };
}
