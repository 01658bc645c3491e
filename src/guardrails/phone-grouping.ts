import { type CountryCode, Metadata } from "libphonenumber-js/max";
import type { PhonePrecheck } from "./phone-precheck.js";

/**
 * A cheap necessary condition for `parsePhoneNumberFromString(candidate, region).formatNational()` to
 * group digits the way the candidate is written, so a region whose national format differs (`612 34 56
 * 78` is `06 12 34 56 78` in France) is never parsed: one parse, validity check and format cost 15–60 µs
 * because libphonenumber-js compiles a RegExp from its metadata for every pattern test.
 *
 * Why it is sound (libphonenumber-js 1.x format.js, formatNationalNumberUsingFormat.js): formatNational
 * takes the first format of the parsed country (or of the main country of its calling code) whose last
 * leading-digits pattern matches at the start of the national number and whose pattern matches all of
 * it, and replaces the pattern in the national number by the format with the national-prefix rule put
 * in for the first group; with no such format it prints the national number as is. This module does
 * the same with RegExps compiled once, for every national number the parse may take
 * (`PhonePrecheck.nationalNumbers`) and every country of the calling code: if none prints the written
 * grouping, the parse cannot either.
 */
export interface PhoneGroupingCheck {
  /** False only when no national format of `digits` parsed in `region` has the `written` groups. */
  mayGroup(written: readonly number[], digits: string, region: CountryCode): boolean;
  /** False only when no national format of `digits` parsed in `region` has groups that `accepts`. */
  mayFormat(digits: string, region: CountryCode, accepts: (national: number[]) => boolean): boolean;
  /**
   * `digitGroups(phone.formatNational())` of a parsed number without an extension, with the formats
   * compiled once (format.js formatNumber: the plan of its country, or of its calling code when it has
   * none), read from the format's captures without printing the number: the scan asks it of every
   * candidate of a phone list.
   */
  groupsOfParsed(phone: ParsedPhone): number[];
}

/** The fields of a libphonenumber-js PhoneNumber that its national format depends on. */
export interface ParsedPhone {
  country?: string;
  countryCallingCode: string;
  nationalNumber: string;
}

interface FormatMetadata {
  pattern(): string;
  format(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixFormattingRule(): string | undefined;
}

interface CompiledFormat {
  /** The last leading-digits pattern, anchored at the start (`search(pattern) === 0`). */
  leading?: RegExp;
  /** The pattern, anchored at both ends (matchesEntirely.js). */
  whole: RegExp;
  /** The pattern as formatNationalNumberUsingFormat.js compiles it for `String#replace`. */
  replace: RegExp;
  /** The template's digit runs (the national prefix rule put in for the first group): see templateParts. */
  parts: TemplatePart[];
}

/**
 * One piece of a format's template (`0$1 $2-$3`, `8 ($1) $2`): a capture (`$n`, its number), digits
 * written in it (the trunk prefix: `-count`), or a separator (0).
 */
type TemplatePart = number;

interface FormatsMetadata {
  selectNumberingPlan(countryOrCallingCode: string): void;
  countryCallingCodes(): Record<string, string[] | undefined>;
  numberingPlan?: { formats(): FormatMetadata[] };
}

// libphonenumber-js helpers/formatNationalNumberUsingFormat.js FIRST_GROUP_PATTERN.
const FIRST_GROUP_PATTERN = /(\$\d)/;

export function createPhoneGroupingCheck(precheck: PhonePrecheck): PhoneGroupingCheck {
  const metadata = new Metadata() as unknown as FormatsMetadata;
  // Per calling code: the format lists of each of its countries (built on first use, from metadata).
  const formatLists = new Map<string, CompiledFormat[][]>();
  const formatListsOf = (callingCode: string): CompiledFormat[][] => {
    let lists = formatLists.get(callingCode);
    if (lists !== undefined) return lists;
    const countries = metadata.countryCallingCodes()[callingCode] ?? [];
    lists = [callingCode, ...countries].map((plan) => {
      metadata.selectNumberingPlan(plan);
      return (metadata.numberingPlan?.formats() ?? []).map(compileFormat);
    });
    formatLists.set(callingCode, lists);
    return lists;
  };
  // Per numbering plan (a country, or a calling code for its main country), built on first use.
  const planFormats = new Map<string, CompiledFormat[]>();
  const formatsOfPlan = (plan: string): CompiledFormat[] => {
    let formats = planFormats.get(plan);
    if (formats === undefined) {
      metadata.selectNumberingPlan(plan);
      formats = (metadata.numberingPlan?.formats() ?? []).map(compileFormat);
      planFormats.set(plan, formats);
    }
    return formats;
  };

  const mayFormat = (digits: string, region: CountryCode, accepts: (national: number[]) => boolean) => {
    const national = precheck.nationalNumbers(digits, region);
    if (national === undefined) return true;
    for (const formats of formatListsOf(national.callingCode)) {
      for (const nationalNumber of national.candidates) {
        if (accepts(nationalGroups(nationalNumber, formats))) return true;
      }
    }
    return false;
  };

  return {
    mayGroup: (written, digits, region) =>
      mayFormat(digits, region, (national) => sameGrouping(written, national)),
    mayFormat,
    groupsOfParsed(phone) {
      const plan = phone.country && phone.country !== "001" ? phone.country : phone.countryCallingCode;
      if (phone.nationalNumber === "") return [];
      return nationalGroups(phone.nationalNumber, formatsOfPlan(plan));
    },
  };
}

function compileFormat(format: FormatMetadata): CompiledFormat {
  const leadingPatterns = format.leadingDigitsPatterns();
  const last = leadingPatterns[leadingPatterns.length - 1];
  const rule = format.nationalPrefixFormattingRule();
  const template = rule ? format.format().replace(FIRST_GROUP_PATTERN, rule) : format.format();
  return {
    leading: last === undefined ? undefined : new RegExp(`^(?:${last})`),
    whole: new RegExp(`^(?:${format.pattern()})$`),
    replace: new RegExp(format.pattern()),
    parts: templateParts(template),
  };
}

const TEMPLATE_PIECE = /\$(\d)|(\d+)|\D/g;

/** `0$1 $2-$3` → [-1, 1, 0, 2, 0, 3]: captures by number, written digits negated, separators 0. */
function templateParts(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  for (const [, capture, digits] of template.matchAll(TEMPLATE_PIECE))
    parts.push(capture !== undefined ? Number(capture) : digits !== undefined ? -digits.length : 0);
  return parts;
}

/**
 * The digit groups of formatNationalNumber (format.js: the national format with the national prefix,
 * the first format whose leading digits and pattern fit, the number as is without one), from the
 * captures of the format that formats it (the same match String#replace makes there), without building
 * the formatted string: the digits before and after the match join the template's first and last runs.
 */
export function nationalGroups(nationalNumber: string, formats: readonly CompiledFormat[]): number[] {
  for (const format of formats) {
    if (format.leading !== undefined && !format.leading.test(nationalNumber)) continue;
    if (!format.whole.test(nationalNumber)) continue;
    const match = format.replace.exec(nationalNumber);
    if (match === null) break;
    const groups: number[] = [];
    let run = match.index;
    for (const part of format.parts) {
      if (part > 0) run += match[part]?.length ?? 0;
      else if (part < 0) run -= part;
      else if (run > 0) {
        groups.push(run);
        run = 0;
      }
    }
    run += nationalNumber.length - match.index - match[0].length;
    if (run > 0) groups.push(run);
    return groups;
  }
  return nationalNumber === "" ? [] : [nationalNumber.length];
}

/** Lengths of the digit runs in `value`: `(415) 555-2671` → [3, 3, 4]. */
export function digitGroups(value: string): number[] {
  const groups: number[] = [];
  let run = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 48 && code <= 57) run++;
    else if (run > 0) {
      groups.push(run);
      run = 0;
    }
  }
  if (run > 0) groups.push(run);
  return groups;
}

/**
 * Equal groups, allowing the first to carry or drop a one-digit trunk prefix (`98765` vs `098765`),
 * to write it apart (`0 555 123 45 67` for `0555 123 45 67`, `1-650-333-6000` for `(650) 333-6000`),
 * or to leave out one the national format writes apart (`495 123-45-67` for `8 (495) 123-45-67`);
 * and groups the national format writes apart may be written together (`(415) 6667777`,
 * `0800-2491234`: libphonenumber's strict grouping), never split where it does not split them.
 */
export function sameGrouping(written: readonly number[], national: readonly number[]): boolean {
  if (written.length > 1 && written.length < national.length && mergesGroups(written, national)) return true;
  if (written.length === national.length + 1 && written[0] === 1) {
    return (
      equalGroups([(written[1] ?? 0) + 1, ...written.slice(2)], national) ||
      equalGroups(written.slice(1), national)
    );
  }
  if (national.length === written.length + 1 && national[0] === 1) {
    return equalGroups(written, national.slice(1));
  }
  if (written.length !== national.length) return false;
  return written.every((length, index) =>
    index === 0 ? Math.abs(length - (national[0] ?? 0)) <= 1 : length === national[index],
  );
}

/**
 * The national format's last groups written as one block of at least six digits (`(415) 6667777`,
 * `0800-2491234`), the groups before it as formatted. Shorter blocks are left out: `94103-1207` (a ZIP
 * code), `0417 1643 00` (an IBAN's digits) would otherwise group like some region's numbers.
 */
export const MIN_MERGED_BLOCK = 6;

function mergesGroups(written: readonly number[], national: readonly number[]): boolean {
  const kept = written.length - 1;
  const block = written[kept] ?? 0;
  if (block < MIN_MERGED_BLOCK || !sameGrouping(written.slice(0, kept), national.slice(0, kept)))
    return false;
  return national.slice(kept).reduce((sum, length) => sum + length, 0) === block;
}

/** The same groups, one for one. */
export function equalGroups(left: readonly number[], right: readonly number[]): boolean {
  return left.length === right.length && left.every((length, index) => length === right[index]);
}
