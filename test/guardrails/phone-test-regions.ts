import type { CountryCode } from "libphonenumber-js/max";
import { DEFAULT_PHONE_REGIONS } from "../../src/guardrails/config.js";

/** Regions the phone shortcut tests check against libphonenumber: the defaults plus a varied few. */
export const PHONE_TEST_REGIONS: readonly CountryCode[] = [
  ...new Set<CountryCode>([...DEFAULT_PHONE_REGIONS, "AR", "RU", "GG", "CA", "CN", "KR", "ID", "HK", "AT"]),
];
