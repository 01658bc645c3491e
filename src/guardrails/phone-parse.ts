import type { CountryCode } from "libphonenumber-js/max";
import type { ParsedPhone } from "./phone-grouping.js";
import { createPhoneMetadata } from "./phone-metadata.js";
import type { PhoneValidity } from "./phone-validity.js";

/**
 * What `parsePhoneNumberFromString` makes of a plain digit run in the common case, with metadata
 * patterns compiled once (the library compiles a RegExp from its metadata for every pattern it tests,
 * so a parse cost ~10 µs). Undefined means "not the common case: ask libphonenumber-js".
 *
 * The common case (libphonenumber-js 1.x parse.js, helpers/extractCountryCallingCode.js,
 * extractNationalNumber.js, getCountryByCallingCode.js): for a national number the digits start
 * neither with the region's international dialling prefix nor with its calling code (either would
 * make the library look for a calling code in them); for an international number the calling code is
 * a geographic one; the plan's national prefix for parsing has no capturing groups (carrier codes and
 * transform rules are left to the library). The national prefix is stripped as the library does: not
 * when the digits fit the plan's national pattern and the rest does not, nor when the rest has an
 * impossible length (too short, or a length between the shortest and longest that is not possible).
 * The country is the one the library picks among those sharing the calling code: the first whose
 * leading digits start the number or, without leading digits, for which the number has a type;
 * failing that the region (national) or none (international).
 */
export interface PhoneParser {
  /** `parsePhoneNumberFromString(written, region)` for a written number whose digits are `digits`. */
  national(digits: string, region: CountryCode): ParsedPhone | undefined;
  /** `parsePhoneNumberFromString("+" + digits)`. */
  international(digits: string): ParsedPhone | undefined;
  /**
   * `phone.isPossible()` of a parsed number (isPossible.js, checkNumberLength.js): the national
   * number's length is one its plan lists (a plan listing none takes any).
   */
  isPossible(phone: ParsedPhone): boolean;
}

interface RegionPlan {
  idd: RegExp;
  callingCode: string;
  /** Matches where a national prefix would be stripped; undefined when the plan has none. */
  nationalPrefix?: RegExp;
  possibleLengths?: readonly number[];
}

/** A country sharing a calling code: its leading digits, when its metadata has them. */
interface SharingCountry {
  country: string;
  leadingDigits?: RegExp;
}

/**
 * The countries of a calling code, with all their leading-digits patterns in one alternation: its
 * first alternative that matches is the first country, in order, whose leading digits start the
 * number (North America's 25 countries were 24 regex tests for a number of none of them).
 */
interface SharingCountries extends Array<SharingCountry> {
  /** `^(?:(?:p0)()|(?:p1)()|…)`: the empty group after the pattern that matched is set. */
  anyLeading?: RegExp;
  /** For each country, the index of its empty group in anyLeading's match (0: no leading digits). */
  markers?: number[];
}

// constants.js
const MIN_LENGTH_FOR_NSN = 2;
const MAX_LENGTH_FOR_NSN = 17;
const MAX_LENGTH_COUNTRY_CODE = 3;

export function createPhoneParser(validity: PhoneValidity): PhoneParser {
  const metadata = createPhoneMetadata();
  const { planOf } = metadata;
  // Built on first use, from metadata only (never from scanned text).
  const regionPlans = new Map<string, RegionPlan>();
  const regionPlan = (countryOrCallingCode: string): RegionPlan => {
    let compiled = regionPlans.get(countryOrCallingCode);
    if (compiled === undefined) {
      const plan = planOf(countryOrCallingCode);
      const prefix = plan.nationalPrefixForParsing();
      compiled = {
        idd: new RegExp(`^(?:${plan.IDDPrefix()})`),
        callingCode: plan.callingCode(),
        nationalPrefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
        possibleLengths: plan.possibleLengths() || undefined,
      };
      regionPlans.set(countryOrCallingCode, compiled);
    }
    return compiled;
  };
  const sharing = new Map<string, SharingCountries | null>();
  const countriesOf = (callingCode: string): SharingCountries | null => {
    let countries = sharing.get(callingCode);
    if (countries === undefined) {
      const codes = metadata.getCountryCodesForCallingCode(callingCode);
      countries =
        codes === undefined
          ? null
          : sharingCountries(codes.map((country) => [country, planOf(country).leadingDigits() || undefined]));
      sharing.set(callingCode, countries);
    }
    return countries;
  };
  // getCountryByNationalNumber.js
  const exactCountry = (countries: SharingCountries, nationalNumber: string): string | undefined => {
    if (countries.length === 1) return countries[0]?.country;
    const { anyLeading, markers } = countries;
    const match = anyLeading?.exec(nationalNumber);
    for (let index = 0; index < countries.length; index++) {
      const { country, leadingDigits } = countries[index] as SharingCountry;
      if (leadingDigits !== undefined) {
        const marker = markers?.[index] ?? 0;
        const matched =
          anyLeading === undefined ? leadingDigits.test(nationalNumber) : match?.[marker] === "";
        if (matched) return country;
      } else if (validity.hasType(nationalNumber, country)) return country;
    }
    return undefined;
  };
  // extractNationalNumber.js; undefined when the library would keep a carrier code or rewrite the digits.
  const nationalNumberOf = (digits: string, planKey: string): string | undefined => {
    const { nationalPrefix, callingCode, possibleLengths } = regionPlan(planKey);
    const match = nationalPrefix?.exec(digits);
    if (match === undefined || match === null) return digits;
    if (match.length > 1) return undefined;
    const rest = digits.slice(match[0].length);
    if (rest === digits) return digits;
    if (validity.fitsPlan(digits, planKey) && !validity.fitsPlan(rest, planKey)) return digits;
    if (possibleLengths === undefined) return rest;
    const countries = countriesOf(callingCode);
    if (countries === null) return undefined;
    const country = exactCountry(countries, rest);
    const lengths = country === undefined ? possibleLengths : regionPlan(country).possibleLengths;
    return lengths === undefined || isPossibleLength(rest.length, lengths) ? rest : digits;
  };
  const parsed = (
    nationalNumber: string,
    callingCode: string,
    fallbackCountry: string | undefined,
  ): ParsedPhone | undefined => {
    if (nationalNumber.length < MIN_LENGTH_FOR_NSN || nationalNumber.length > MAX_LENGTH_FOR_NSN)
      return undefined;
    const countries = countriesOf(callingCode);
    if (countries === null) return undefined;
    const country = exactCountry(countries, nationalNumber) ?? fallbackCountry;
    return country === undefined
      ? { countryCallingCode: callingCode, nationalNumber }
      : { country, countryCallingCode: callingCode, nationalNumber };
  };

  const planLengths = new Map<string, readonly number[] | undefined>();
  const lengthsOf = (plan: string) => {
    if (!planLengths.has(plan)) planLengths.set(plan, planOf(plan).possibleLengths() || undefined);
    return planLengths.get(plan);
  };

  return {
    isPossible(phone) {
      const lengths = lengthsOf(phone.country || phone.countryCallingCode);
      return lengths === undefined || lengths.length === 0 || lengths.includes(phone.nationalNumber.length);
    },
    national(digits, region) {
      const { idd, callingCode } = regionPlan(region);
      if (idd.test(digits) || digits.startsWith(callingCode)) return undefined;
      const nationalNumber = nationalNumberOf(digits, region);
      return nationalNumber === undefined ? undefined : parsed(nationalNumber, callingCode, region);
    },
    international(digits) {
      if (digits.length < 2 || digits[0] === "0") return undefined;
      // The first prefix that is a calling code (extractCountryCallingCode.js).
      for (let length = 1; length <= MAX_LENGTH_COUNTRY_CODE && length <= digits.length; length++) {
        const callingCode = digits.slice(0, length);
        if (!metadata.hasCallingCode(callingCode)) continue;
        // A non-geographic calling code (+800, +881, …) has no countries: left to the library.
        if (countriesOf(callingCode) === null) return undefined;
        const nationalNumber = nationalNumberOf(digits.slice(length), callingCode);
        return nationalNumber === undefined ? undefined : parsed(nationalNumber, callingCode, undefined);
      }
      return undefined;
    },
  };
}

/**
 * The countries of a calling code, in order, with their leading-digits patterns (undefined: none)
 * compiled each alone and, when two or more have one, joined in anyLeading.
 */
function sharingCountries(patterns: readonly [string, string | undefined][]): SharingCountries {
  const countries: SharingCountries = patterns.map(([country, leading]) => ({
    country,
    leadingDigits: leading === undefined ? undefined : new RegExp(`^(?:${leading})`),
  }));
  const alternatives: string[] = [];
  const markers: number[] = [];
  let groups = 0;
  for (const [, leading] of patterns) {
    if (leading === undefined) {
      markers.push(0);
      continue;
    }
    // The pattern's own capturing groups come before its marker, the empty group after it.
    groups += capturingGroups(leading) + 1;
    markers.push(groups);
    alternatives.push(`(?:${leading})()`);
  }
  if (alternatives.length >= 2) {
    countries.anyLeading = new RegExp(`^(?:${alternatives.join("|")})`);
    countries.markers = markers;
  }
  return countries;
}

/** How many capturing groups a pattern holds: `pattern|` matches "" by its empty side, one entry per group. */
function capturingGroups(pattern: string): number {
  return (new RegExp(`${pattern}|`).exec("")?.length ?? 1) - 1;
}

/** checkNumberLength.js: anything but TOO_SHORT and INVALID_LENGTH (TOO_LONG passes, as there). */
function isPossibleLength(length: number, lengths: readonly number[]): boolean {
  const shortest = lengths[0] ?? 0;
  if (length < shortest) return false;
  return length === shortest || length > (lengths[lengths.length - 1] ?? 0) || lengths.includes(length);
}
