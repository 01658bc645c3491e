import type { ParsedPhone } from "./phone-grouping.js";
import { createPhoneMetadata, NUMBER_TYPES } from "./phone-metadata.js";

/**
 * `phone.isValid()` of a parsed libphonenumber-js number, with its metadata patterns compiled once:
 * the library compiles a fresh RegExp for every pattern it tests (matchesEntirely.js), up to eleven
 * per call, which made validation cost as much as the parse.
 *
 * Same decision as libphonenumber-js 1.x isValid.js and helpers/getNumberType.js: the plan of the
 * number's country (or of its calling code); without type metadata, the general pattern decides;
 * with it, the general pattern and one type whose pattern is non-empty, whose possible lengths (its
 * own, or the plan's) hold the national number's length, and whose pattern matches all of it.
 */
export interface PhoneValidity {
  isValid(phone: ParsedPhone): boolean;
  /** getNumberType(…) !== undefined for a national number in a country's plan (false without type metadata). */
  hasType(nationalNumber: string, country: string): boolean;
  /** matchesEntirely(nationalNumber, plan.nationalNumberPattern()) for a country or calling code's plan. */
  fitsPlan(nationalNumber: string, countryOrCallingCode: string): boolean;
}

interface CompiledType {
  lengths?: readonly number[];
  pattern: RegExp;
}

interface CompiledPlan {
  general: RegExp;
  /** Undefined when the plan has no type metadata. */
  types?: CompiledType[];
}

/** matchesEntirely.js, compiled once. */
const entirely = (pattern: string) => new RegExp(`^(?:${pattern})$`);

export function createPhoneValidity(): PhoneValidity {
  const { planOf } = createPhoneMetadata();
  // Per country or calling code, built on first use from metadata only.
  const plans = new Map<string, CompiledPlan>();
  const compiledPlan = (key: string): CompiledPlan => {
    let compiled = plans.get(key);
    if (compiled !== undefined) return compiled;
    const plan = planOf(key);
    compiled = { general: entirely(plan.nationalNumberPattern()) };
    if (plan.hasTypes()) {
      compiled.types = [];
      for (const name of NUMBER_TYPES) {
        const type = plan.type(name);
        const pattern = type?.pattern();
        if (type === undefined || !pattern) continue;
        compiled.types.push({ lengths: type.possibleLengths() || undefined, pattern: entirely(pattern) });
      }
    }
    plans.set(key, compiled);
    return compiled;
  };

  const hasType = (nationalNumber: string, plan: CompiledPlan): boolean => {
    const { general, types } = plan;
    if (types === undefined || !general.test(nationalNumber)) return false;
    const length = nationalNumber.length;
    return types.some(
      (type) =>
        (type.lengths === undefined || type.lengths.includes(length)) && type.pattern.test(nationalNumber),
    );
  };

  return {
    isValid(phone) {
      const plan = compiledPlan(phone.country || phone.countryCallingCode);
      const nationalNumber = phone.nationalNumber || "";
      return plan.types === undefined ? plan.general.test(nationalNumber) : hasType(nationalNumber, plan);
    },
    hasType(nationalNumber, country) {
      return hasType(nationalNumber || "", compiledPlan(country));
    },
    fitsPlan(nationalNumber, countryOrCallingCode) {
      return compiledPlan(countryOrCallingCode).general.test(nationalNumber || "");
    },
  };
}
