import { type CountryCode, Metadata } from "libphonenumber-js/max";
import type { ParsedPhone } from "./phone-grouping.js";
import type { PhoneValidity } from "./phone-validity.js";

/**
 * What `parsePhoneNumberFromString` makes of a plain digit run in the common case, with metadata
 * patterns compiled once (the library compiles a RegExp from its metadata for every pattern it tests,
 * so a parse cost ~10 µs). Undefined means "not the common case: ask libphonenumber-js".
 *
 * The common case (libphonenumber-js 1.x parse.js, helpers/extractCountryCallingCode.js,
 * extractNationalNumber.js, getCountryByCallingCode.js): the region's national prefix for parsing
 * does not match, so the national number is the digits as written; for a national number the
 * digits start neither with the region's international dialling prefix nor with its calling code
 * (either would make the library look for a calling code in them); for an international number the
 * calling code is a geographic one. The country is the one the library picks among those sharing the
 * calling code: the first whose leading digits start the number or, without leading digits, for
 * which the number has a type; failing that the region (national) or none (international).
 */
export interface PhoneParser {
  /** `parsePhoneNumberFromString(written, region)` for a written number whose digits are `digits`. */
  national(digits: string, region: CountryCode): ParsedPhone | undefined;
  /** `parsePhoneNumberFromString("+" + digits)`. */
  international(digits: string): ParsedPhone | undefined;
}

interface Plan {
  callingCode(): string;
  IDDPrefix(): string;
  nationalPrefixForParsing(): string | undefined;
  leadingDigits(): string | undefined;
}

interface PlanMetadata {
  selectNumberingPlan(countryOrCallingCode: string): void;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  hasCallingCode(callingCode: string): boolean;
  numberingPlan?: Plan;
}

interface RegionPlan {
  idd: RegExp;
  callingCode: string;
  /** Matches where a national prefix would be stripped; undefined when the plan has none. */
  nationalPrefix?: RegExp;
}

/** A country sharing a calling code: its leading digits, when its metadata has them. */
interface SharingCountry {
  country: string;
  leadingDigits?: RegExp;
}

// constants.js
const MIN_LENGTH_FOR_NSN = 2;
const MAX_LENGTH_FOR_NSN = 17;
const MAX_LENGTH_COUNTRY_CODE = 3;

export function createPhoneParser(validity: PhoneValidity): PhoneParser {
  const metadata = new Metadata() as unknown as PlanMetadata;
  const planOf = (countryOrCallingCode: string): Plan => {
    metadata.selectNumberingPlan(countryOrCallingCode);
    if (!metadata.numberingPlan) throw new Error(`no numbering plan for ${countryOrCallingCode}`);
    return metadata.numberingPlan;
  };
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
      };
      regionPlans.set(countryOrCallingCode, compiled);
    }
    return compiled;
  };
  const sharing = new Map<string, SharingCountry[] | null>();
  const countriesOf = (callingCode: string): SharingCountry[] | null => {
    let countries = sharing.get(callingCode);
    if (countries === undefined) {
      const codes = metadata.getCountryCodesForCallingCode(callingCode);
      countries =
        codes?.map((country) => {
          const leading = planOf(country).leadingDigits();
          return { country, leadingDigits: leading ? new RegExp(`^(?:${leading})`) : undefined };
        }) ?? null;
      sharing.set(callingCode, countries);
    }
    return countries;
  };
  // getCountryByNationalNumber.js
  const exactCountry = (countries: SharingCountry[], nationalNumber: string): string | undefined => {
    if (countries.length === 1) return countries[0]?.country;
    for (const { country, leadingDigits } of countries) {
      if (leadingDigits !== undefined) {
        if (leadingDigits.test(nationalNumber)) return country;
      } else if (validity.hasType(nationalNumber, country)) return country;
    }
    return undefined;
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

  return {
    national(digits, region) {
      const { idd, callingCode, nationalPrefix } = regionPlan(region);
      if (idd.test(digits) || digits.startsWith(callingCode) || nationalPrefix?.test(digits))
        return undefined;
      return parsed(digits, callingCode, region);
    },
    international(digits) {
      if (digits.length < 2 || digits[0] === "0") return undefined;
      // The first prefix that is a calling code (extractCountryCallingCode.js).
      for (let length = 1; length <= MAX_LENGTH_COUNTRY_CODE && length <= digits.length; length++) {
        const callingCode = digits.slice(0, length);
        if (!metadata.hasCallingCode(callingCode)) continue;
        // A non-geographic calling code (+800, +881, …) has no countries: left to the library.
        if (countriesOf(callingCode) === null) return undefined;
        const nationalNumber = digits.slice(length);
        if (regionPlan(callingCode).nationalPrefix?.test(nationalNumber)) return undefined;
        return parsed(nationalNumber, callingCode, undefined);
      }
      return undefined;
    },
  };
}
