import { Metadata } from "libphonenumber-js/max";

/** The parts of a libphonenumber-js numbering plan the phone shortcuts compile their patterns from. */
export interface NumberingPlan {
  callingCode(): string;
  IDDPrefix(): string;
  nationalNumberPattern(): string;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  possibleLengths(): number[] | undefined;
  leadingDigits(): string | undefined;
  hasTypes(): boolean;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

/** libphonenumber-js's Metadata, as far as the phone shortcuts read it. */
export interface PhoneMetadata {
  countryCallingCodes(): Record<string, string[] | undefined>;
  nonGeographic(): Record<string, unknown> | undefined;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  hasCallingCode(callingCode: string): boolean;
  /** The plan of a country, or of a calling code's main country. */
  planOf(countryOrCallingCode: string): NumberingPlan;
}

interface LibraryMetadata extends Omit<PhoneMetadata, "planOf"> {
  selectNumberingPlan(countryOrCallingCode: string): void;
  numberingPlan?: NumberingPlan;
}

// libphonenumber-js helpers/getNumberType.js: FIXED_LINE, then NON_FIXED_LINE_PHONE_TYPES. A valid
// number matches one of these types (the order does not change the answer).
export const NUMBER_TYPES = [
  "FIXED_LINE",
  "MOBILE",
  "PREMIUM_RATE",
  "TOLL_FREE",
  "SHARED_COST",
  "VOIP",
  "PERSONAL_NUMBER",
  "PAGER",
  "UAN",
  "VOICEMAIL",
];

export function createPhoneMetadata(): PhoneMetadata {
  const metadata = new Metadata() as unknown as LibraryMetadata;
  return {
    countryCallingCodes: () => metadata.countryCallingCodes(),
    nonGeographic: () => metadata.nonGeographic(),
    getCountryCodesForCallingCode: (callingCode) => metadata.getCountryCodesForCallingCode(callingCode),
    hasCallingCode: (callingCode) => metadata.hasCallingCode(callingCode),
    planOf(countryOrCallingCode) {
      // selectNumberingPlan makes a new plan object each time, so a returned plan stays valid.
      metadata.selectNumberingPlan(countryOrCallingCode);
      if (!metadata.numberingPlan) throw new Error(`no numbering plan for ${countryOrCallingCode}`);
      return metadata.numberingPlan;
    },
  };
}
