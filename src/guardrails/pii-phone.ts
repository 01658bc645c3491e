import { type CountryCode, Metadata, parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { DigitScript } from "./fold-digits.js";
import {
  givenAsPhoneInSentence,
  hasPhoneContext,
  hasPhoneWordInSentence,
  namedPhoneRightBefore,
  standsAlone,
  standsApart,
} from "./phone-context.js";
import {
  createPhoneGroupingCheck,
  digitGroups,
  equalGroups,
  MIN_MERGED_BLOCK,
  sameGrouping,
} from "./phone-grouping.js";
import { createPhoneMetadata } from "./phone-metadata.js";
import { createPhoneParser } from "./phone-parse.js";
import { createPhonePrecheck } from "./phone-precheck.js";
import { PHONE_REGIONS } from "./phone-regions.js";
import { createPhoneValidity } from "./phone-validity.js";
import { digitsOf, textBefore, wordCharacterAfter, wordCharacterSinceDigit } from "./pii-match.js";

const DATE = /^(?:\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}|\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4})$/;
// A street name after the number: a capitalised word or two and a street type, or a street type first.
const STREET_AFTER =
  /^,?\s(?:(?:[A-Z][\p{L}'.-]*\s){0,3}(?:Street|St\.?|Lane|Ln|Avenue|Ave|Road|Rd|Close|Square|Boulevard|Blvd|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Crescent|Parkway|Highway)\b|(?:Rue|Via|Calle|Avenida|Avenue|Rua|Boulevard|Chemin|Piazza|Plaza)\s)/u;
const NON_DIGIT = /\D/g;
/** `164.689.383`: an amount with dots between thousands, as most of Europe and Latin America write it. */
const THOUSANDS = /^\d{1,3}(?:\.\d{3})+$/;
/** `1 234 567`, `3,254,987`, `2.345.678.901`: millions grouped in thousands, one separator throughout. */
const MILLIONS = /^\d([ \u00a0.,])\d{3}(?:\1\d{3})+$/;
/**
 * `16.373 -13.32`, `12.781 40.11`: decimals one after another, as SVG paths and coordinate lists
 * write them (a phone's dots stay inside one of its space-separated parts: `+1 206.555.0100`).
 */
const DECIMAL_LIST = /\d\.\d+[ \u00a0]+-?\d+\.\d/;
/** `10 000 000`, `3 500 000`: a round amount grouped in thousands, whatever the words before it. */
const ROUND_AMOUNT = /^[1-9]\d{0,2}(?:[ \u00a0.,]\d{3})*[ \u00a0.,]000$/;

/**
 * Confidence in [0, 1] that a digit run is a phone number; 0 when it is not. `listed`: the run follows
 * another phone number in a list ("… ou 98765-4321"), so that number's phone word is its own too.
 * `budget`: the scan's allowance of loose readings (newScanBudget); without one, no limit.
 */
export type PhoneScorer = (
  text: string,
  start: number,
  candidate: string,
  listed?: boolean,
  budget?: ScanBudget,
  script?: DigitScript,
) => number;

/**
 * How many loose readings (people's own groupings, parsed in every configured region) one scan may
 * still try: a text of number tables would have them parse hundreds of times, so a scan gets
 * LOOSE_TRIES (a few phones in prose never reach it; a phone list past it still has its numbers
 * written as their regions write them).
 */
export interface ScanBudget {
  loose: number;
  /**
   * Readings after a phone word in every region, not only the configured ones (~240 prechecks, and
   * parses, for a number valid nowhere): a list of numbers after one word ("call 1234567, 1234567, …")
   * would try each in all of them.
   */
  everyRegion: number;
  /**
   * Library parses of a `+` number out of service, to ask whether it is of a length its country
   * dials, when the compiled common case does not answer (Argentina's and Brazil's prefix rules,
   * non-geographic codes): a megabyte of them would parse each.
   */
  possible: number;
  /**
   * Readings in the regions not configured, of numbers grouped exactly as one of them prints its own
   * (a 2-2-2-2 shape is valid in some thirty): a megabyte of them would parse each in every one.
   */
  otherRegions: number;
}

export const newScanBudget = (): ScanBudget => ({
  loose: LOOSE_TRIES,
  everyRegion: EVERY_REGION_TRIES,
  possible: POSSIBLE_TRIES,
  otherRegions: OTHER_REGION_TRIES,
});

/**
 * libphonenumber-js with full "max" metadata decides, so valid means a real number range of the
 * region, not only a plausible length:
 * - `+44 20 7946 0958`, `0044 …`: parsed as international, must be valid.
 * - national `(415) 555-2671`, `020 7946 0958`: tried against the configured regions whose possible
 *   lengths fit, and the way it is grouped must match how that region writes numbers —
 *   `2023-10-15` is a valid German number but nobody groups one 4-2-2, so dates, SKUs and versions
 *   are not phones.
 * - national digits written with a trunk `0` and grouped otherwise than the region's format
 *   (`083 8670 3586`) count when valid in a configured region, at a lower score.
 * - unseparated national digits need a context word around them ("phone", "call", "电话", "телефон",
 *   "पर कॉल करें"… in twenty languages: phone-context.ts); after one, every region is tried, configured
 *   ones first.
 * Parsing costs ~15 µs a try, so only regions whose own number formats (from the metadata) group
 * digits the way the candidate is written are tried, each after a precheck (one compiled regex)
 * that rules out most regions without a parse, and the common cases are parsed and validated
 * with the metadata's patterns compiled once (phone-parse.ts, phone-validity.ts; tests hold them
 * equal to libphonenumber-js).
 */
export function createPhoneScorer(regions: readonly CountryCode[]): PhoneScorer {
  const signatures = new Map(regions.map((region) => [region, groupSignatures(region)]));
  const precheck = createPhonePrecheck();
  const grouping = createPhoneGroupingCheck(precheck);
  const validity = createPhoneValidity();
  const parser = createPhoneParser(validity);
  // Only regions that print numbers with the written grouping are parsed (~15 µs a parse).
  // Remembered per grouping: a phone list asks the same few groupings for every number.
  const plausibleRegions = remembered((groups) => {
    const key = groups.join("-");
    return regions.filter((region) => signatures.get(region)?.has(key));
  });
  // The regions not configured, whose numbers count only when written exactly as they print them.
  let otherSignatures: Map<CountryCode, Set<string>> | undefined;
  const otherRegions = remembered((groups) => {
    otherSignatures ??= new Map(
      [...PHONE_REGIONS]
        .filter((region) => !regions.includes(region as CountryCode))
        .map((region) => [region as CountryCode, groupSignatures(region as CountryCode)]),
    );
    const key = groups.join("-");
    return [...otherSignatures].filter(([, known]) => known.has(key)).map(([region]) => region);
  });

  // After a phone word, a number of any region counts (`Telefon: 01 3719757`, Vienna): the words say
  // what it is. Built on first use: every region's precheck is one compiled regex.
  let everyRegion: CountryCode[] | undefined;
  const contextRegions = () => {
    everyRegion ??= [
      ...regions,
      ...[...PHONE_REGIONS].filter((region) => !regions.includes(region as CountryCode)),
    ] as CountryCode[];
    return everyRegion;
  };
  // Regions printing some grouping that the written one splits further: the only ones splitsGrouping
  // can accept (a parse each costs ~15 µs; tables of numbers hold many candidates).
  const splitRegions = remembered((groups) => {
    const coarser = [...coarsenings(groups), ...(groups[0] === 1 ? coarsenings(groups.slice(1)) : [])];
    return regions.filter((region) => coarser.some((coarse) => signatures.get(region)?.has(coarse)));
  });
  const nanpRegion = regions.some((region) => region === "US" || region === "CA");
  const cnMobile = regions.includes("CN" as CountryCode);
  const brMobile = regions.includes("BR" as CountryCode);
  const isValidIn = (digits: string, region: CountryCode) => {
    const phone = parser.national(digits, region) ?? parsePhoneNumberFromString(digits, region);
    return phone !== undefined && validity.isValid(phone);
  };
  const validInternational = (digits: string) => {
    const phone = precheck.international(digits)
      ? (parser.international(digits) ?? parsePhoneNumberFromString(`+${digits}`))
      : undefined;
    return phone !== undefined && validity.isValid(phone) ? phone : undefined;
  };

  // `parsePhoneNumberFromString("+" + digits)?.isPossible()`: from the compiled metadata when the
  // common-case parse answers, else the library's (~15 µs) as long as the scan's budget lasts (a
  // number after the first, in a list, has its predecessor's phone word: a megabyte of them parsed each).
  const possibleInternational = (digits: string, budget: ScanBudget) => {
    const fast = parser.international(digits);
    if (fast !== undefined) return parser.isPossible(fast);
    if (budget.possible-- <= 0) return false;
    return parsePhoneNumberFromString(`+${digits}`)?.isPossible() === true;
  };

  const scorer: PhoneScorer = (text, start, candidate, listed = false, budget, script) => {
    const score = read(text, start, candidate, listed, budget, script);
    if (score > 0) return score;
    // `Their phone is 00872208000`, `Phone: 1234567`: named a phone right before it, a number valid
    // nowhere (a typo, a range the metadata does not know yet, a made-up one) is still given as one.
    const end = start + candidate.length;
    return namedPhoneRightBefore(text, start) &&
      !DATE.test(candidate) &&
      !MILLIONS.test(candidate) &&
      !ROUND_AMOUNT.test(candidate) &&
      !isYearRange(candidate) &&
      !clockBefore(text, start) &&
      !amountAfter(text, end) &&
      !measureAfter(text, end) &&
      !countedAfter(text, end)
      ? 0.75
      : 0;
  };
  return scorer;

  function read(
    text: string,
    start: number,
    candidate: string,
    listed: boolean,
    budget: ScanBudget | undefined,
    script: DigitScript | undefined,
  ): number {
    const end = start + candidate.length;
    // `11：00-23：00`: minutes after a clock's colon (the full-width one is no candidate boundary).
    if (clockBefore(text, start)) return 0;
    // `900-1000元`, `3000万`, `5720191次`: an amount of money or a count, whatever its digits; `800-1000
    // ml/día`, `120-1500 mg`: a measure with its unit.
    if (amountAfter(text, end) || measureAfter(text, end)) return 0;
    // `Paseo de la Castellana, 261. 28046 Madrid`: a house number, the sentence's dot, then a postcode
    // of five digits before its town's name: an address, not one number.
    if (POSTCODE_LAST.test(candidate) && TOWN_AFTER.test(text.slice(end, end + 3))) return 0;
    // `WA 98101-1234`, `ZIP 99501-2234`: a US ZIP+4 code after its state or the word, whatever a region
    // may read in its digits; asked first, as a megabyte of addresses would be parsed in each region.
    if (ZIP_PLUS_FOUR.test(candidate) && zipBefore(textBefore(text, start))) return 0;
    const hasContext = listed || hasPhoneContext(text, start, end) || givenAsPhoneInSentence(text, start);
    const idd = OTHER_IDD.exec(candidate);
    if (candidate.startsWith("+") || candidate.startsWith("00") || idd !== null) {
      const international =
        idd !== null
          ? `+${candidate.slice(idd[0].length)}`
          : candidate.startsWith("00")
            ? `+${candidate.slice(2)}`
            : candidate;
      const digits = international.replace(NON_DIGIT, "");
      if (validInternational(digits)) return hasContext ? 0.97 : 0.93;
      // `+52 1 55 1234 5678`: a Mexican mobile as written before 2019 (and still by messaging apps),
      // a `1` between the country code and the ten digits, which are valid without it.
      if (MEXICO_MOBILE_ONE.test(digits) && validInternational(`52${digits.slice(3)}`))
        return hasContext ? 0.97 : 0.93;
      if (carrierPrefixed(candidate)) return hasContext ? 0.95 : 0.9;
      // `01126123456`, `०११२६१२३४५६`: Delhi's area code 011 reads as North America's international
      // prefix; when no calling code reads the rest, the digits are read as a national number below.
      if (idd === null) {
        // `003-123-5678`: North America's 3-3-4 shape, whose first group no calling code reads (a `1`
        // or another code after `00` leaves too few digits): written as a phone number, as below.
        if (nanpRegion && !candidate.startsWith("+") && NANP_SHAPE.test(candidate))
          return hasContext ? 0.85 : 0.6;
        // `+1-800-123-4567`: North America's shape after its country code, in service or not.
        if (nanpRegion && NANP_SHAPE.test(international.replace(PLUS_ONE, "")))
          return hasContext ? 0.85 : 0.6;
        // `+12 345-678-9012`: `+`, a code of one to three digits (made up for an example, or none
        // assigned) and North America's dashed 3-3-4 shape: written as a phone number.
        if (CODE_THEN_NANP_SHAPE.test(candidate)) return hasContext ? 0.85 : 0.6;
        // Labelled a phone number and of a length the country dials: a number, if not one in service.
        if (hasContext) return possibleInternational(digits, budget ?? UNBOUNDED) ? 0.85 : 0;
        // `+54 23 1234 0000`, `+44 20 1234 5678`: `+`, a calling code and two groups or more, of a length
        // the country dials, as phone numbers are written (a number made up for an example, or not in
        // service, is still written as one); not a signed count in thousands (`+1 234 567 890`).
        // Read without a budget (the slashed and carrier-code forms), it is not tried.
        return budget !== undefined &&
          candidate.startsWith("+") &&
          (writtenAsPhone(candidate) || codeThenRun(candidate, text, start)) &&
          !MILLIONS.test(candidate.slice(1)) &&
          !countedAfter(text, end) &&
          possibleInternational(digits, budget)
          ? 0.7
          : 0;
      }
    }
    const national = nationalScore(candidate, hasContext, text, end, budget, script, idd !== null);
    if (national > 0) return national;
    // `The phone number for the Broughton House Gallery is 01223314960`, `Of course ! It 's 01480446000`:
    // a national number in one run with its trunk `0` (amounts, counts and dates do not start with 0),
    // valid in a configured region, after a phone word earlier in its sentence or given as an answer
    // (`it is`, `it 's`), a reply to a question for the number; or set apart as an item of its own
    // (`Cambridge Punter .   07807718591`, `… Road , 01223277977 , cb30lx`, `有，01058591588。`), as
    // listings and tables give a place's number, not inside running words (`Aufgabe unter 01761234567
    // abgelegt`) nor in code (`seed = 01223314960;`).
    if (!hasContext && TRUNK_RUN.test(candidate) && !BINARY.test(candidate)) {
      const named =
        (wordCharacterSinceDigit(text, start, 5) &&
          ANSWER_BEFORE.test(text.slice(Math.max(0, start - 5), start))) ||
        hasPhoneWordInSentence(text, start);
      if (named || standsApart(text, start, end))
        for (const region of regions) {
          // Dialling out there reads the international number found invalid above (see readAbroad).
          if (idd !== null && precheck.dialsOut(candidate, region)) continue;
          if (precheck.national(candidate, region) && isValidIn(candidate, region)) return named ? 0.75 : 0.6;
        }
    }
    // `01012345678`, `02437215689`: a text that is the number alone (quoted, bracketed or emphasised or
    // not: `*01012345678*`), as a reply to "your number?" gives it: eleven digits in one run with the trunk `0` (amounts, counts and numerals start with none),
    // valid in any region (a Korean mobile, a Vietnamese landline). Not ten digits after a `0`
    // (`0780511201`: a padded id as often, and some configured region reads most ten-digit runs),
    // nor a run without the `0` (`3235698120`, `15174315110`: numerals, valid somewhere as often).
    if (!hasContext && LONE_TRUNK_RUN.test(candidate) && standsAlone(text, start, end, true))
      for (const region of contextRegions()) {
        if (idd !== null && precheck.dialsOut(candidate, region)) continue;
        if (precheck.national(candidate, region) && isValidIn(candidate, region)) return 0.6;
      }
    // `123-456-7890`, `(555) 123-4567`: written as North America writes numbers, whether or not in service;
    // an extension joined with a dash too (`123-123-5678-1111`).
    if (nanpRegion && (NANP_SHAPE.test(candidate) || NANP_DASH_EXTENSION.test(candidate)))
      return hasContext ? 0.85 : 0.6;
    // `0571-87654321-8001`, `010-62345678-123`: a Chinese landline (area code with its trunk `0`, a dash,
    // seven or eight digits) and its extension joined with another dash, as Chinese switchboards print
    // them; the number before the extension valid in China.
    if (cnMobile && CN_DASH_EXTENSION.test(candidate)) {
      const number = candidate.slice(0, candidate.lastIndexOf("-"));
      if (isValidIn(digitsOf(number), "CN")) return hasContext ? 0.85 : 0.6;
    }
    // `99876-0030`: a Brazilian mobile without its area code, as Brazilians give their own number
    // (`9`, four digits, a dash, four; the area code is dialled only from elsewhere); a US ZIP+4 code
    // after its state or the word (`WA 98101-1234`) was turned away above.
    if (brMobile && BR_LOCAL_MOBILE.test(candidate)) return hasContext ? 0.85 : 0.6;
    // `(45) 1234-5678`, `(11) 99876-0030`: as Brazil writes a number, its two-digit area code in brackets,
    // four digits (a landline) or five (a mobile), a dash and four, whether or not in service.
    if (brMobile && BR_SHAPE.test(candidate)) return hasContext ? 0.85 : 0.6;
    if (bracketedCountryCode(candidate)) return hasContext ? 0.9 : 0.8;
    return countryCodeFirst(candidate, hasContext) ? (hasContext ? 0.9 : 0.8) : 0;
  }

  /**
   * `0011-650-333-6000`, `0081-650-333-6000` from Singapore: a carrier's three-digit call prefix
   * (`001`–`009`, as Singapore, Korea, Hong Kong, Taiwan and Thailand dial abroad) and a calling code
   * in the first group, then a valid number of that code grouped as its region groups it. Written in
   * one run (`00212408186135`) the number is read with `00` only, the prefix most of the world dials.
   */
  function carrierPrefixed(candidate: string): boolean {
    if (!CARRIER_IDD.test(candidate)) return false;
    const groups = digitGroups(candidate);
    if (groups.length < 3) return false;
    const phone = validInternational(candidate.replace(NON_DIGIT, "").slice(3));
    if (phone === undefined || (groups[0] ?? 0) !== 3 + phone.countryCallingCode.length) return false;
    return sameGrouping(groups.slice(1), grouping.groupsOfParsed(phone));
  }

  /** `(86) 13912345678`, `(852) 2345 6789`: a calling code in brackets without `+`, a valid number after it. */
  function bracketedCountryCode(candidate: string): boolean {
    const code = BRACKETED_CALLING_CODE.exec(candidate)?.[1];
    if (code === undefined) return false;
    return validInternational(digitsOf(candidate))?.countryCallingCode === code;
  }

  /**
   * `86-755-12345678`, `55 11 98765-4321`: a configured region's calling code written without `+`,
   * then a valid number of that region grouped as the region groups it, or written in one run
   * (`91-9876543210`), or any way after a phone word.
   */
  function countryCodeFirst(candidate: string, hasContext: boolean): boolean {
    const groups = digitGroups(candidate);
    // `91-9876543210`: the whole national number in one run after the code, nine digits or more.
    // `1.2345678901` is a decimal number, not `1` and a national number.
    const oneRun = groups.length === 2 && (groups[1] ?? 0) >= 9 && !candidate.includes(".");
    if ((groups.length < 3 && !oneRun) || (groups[0] ?? 0) > 3 || candidate.startsWith("(")) return false;
    // `64(0)64123456`, `44 (0)20 7946 0958`: a calling code, then the trunk `0` in brackets, which only
    // a phone number written for callers at home and abroad carries: any region's, of a length it
    // dials, in service or not (the trunk `0` is not dialled after the code).
    if (TRUNK_IN_BRACKETS.test(candidate)) {
      const possible = parsePhoneNumberFromString(
        `+${candidate.replace(TRUNK_IN_BRACKETS, "$1").replace(NON_DIGIT, "")}`,
      );
      return possible?.isPossible() === true && possible.countryCallingCode === candidate.slice(0, groups[0]);
    }
    const phone = validInternational(digitsOf(candidate));
    if (phone === undefined || phone.countryCallingCode !== candidate.slice(0, groups[0])) return false;
    if (!regions.includes(phone.country as CountryCode)) return false;
    return hasContext || oneRun || sameGrouping(groups.slice(1), grouping.groupsOfParsed(phone));
  }

  /**
   * `७०१२३४५६७८`, `٠٥٠١٢٣٤٥٦٧`: a national number in one run written in the digits of a script its
   * region's people write (Devanagari in India, Arabic-Indic in Saudi Arabia…), valid in a configured
   * region that writes them. Ids, codes and amounts are typed in ASCII digits far more often; a
   * person writing their own number in their own script is what these runs mostly are.
   */
  function writtenInOwnDigits(candidate: string, script: DigitScript): boolean {
    if (!OWN_DIGITS_RUN.test(candidate)) return false;
    return regions.some((region) => SCRIPT_REGIONS[script].includes(region) && isValidIn(candidate, region));
  }

  function nationalScore(
    candidate: string,
    hasContext: boolean,
    text: string,
    end: number,
    budget?: ScanBudget,
    script?: DigitScript,
    /**
     * The digits start with `011` or `0011` and the international reading after it was found
     * invalid: a region that dials out with a prefix they start with parses that reading again (a
     * library parse, ~10 µs; `011` in North America, `0011` in Australia and Bolivia), or, with `00`,
     * reads `+1 1…`, which no number is. Either way not valid: such regions are skipped.
     */
    readAbroad = false,
  ): number {
    if (DATE.test(candidate) || ROUND_AMOUNT.test(candidate) || DECIMAL_LIST.test(candidate)) return 0;
    // "1688-1697", "1644 -- 1646": years from and to, which Korea's 8-digit service numbers look like;
    // after a phone word too ("Call for papers 2024-2025", "call 1939-1945": a number of any region
    // counts there, and eight digits are one in some).
    if (isYearRange(candidate) || isClockRange(candidate)) return 0;
    // "3378 217 Lovers Lane": a house number before its street, not a phone number.
    if (!hasContext && wordCharacterAfter(text, end + 1, 2) && STREET_AFTER.test(text.slice(end, end + 40)))
      return 0;
    const groups = digitGroups(candidate);
    // A Chinese mobile in one run, in Chinese text (`请拨打13912345678我在明天`); elsewhere eleven
    // digits are as often a count or an id (a Georgian numeral, `15174315110`).
    if (groups.length === 1 && !hasContext) {
      if (cnMobile && CN_MOBILE.test(candidate) && hanNear(text, end - candidate.length, end))
        return isValidIn(candidate, "CN") ? 0.6 : 0;
      // `你记一下，56171999。`, `65686553、65673663，这俩都行`: a Chinese landline's eight digits without
      // the area code, as a local number is given, set apart as an item of its own in Chinese text.
      if (
        cnMobile &&
        CN_LOCAL.test(candidate) &&
        !EIGHT_DIGIT_DATE.test(candidate) &&
        hanNear(text, end - candidate.length, end) &&
        standsApart(text, end - candidate.length, end)
      )
        return 0.6;
      return script !== undefined &&
        writtenInOwnDigits(candidate, script) &&
        !amountAround(text, end - candidate.length, end)
        ? 0.6
        : 0;
    }
    // Dots alone separate versions and IP addresses far more often than phone digits, but for
    // three groups and more grouped as a region groups its numbers (`425.882.8080`, `06.12.34.56.78`).
    if (!/[ ()\u00a0-]/.test(candidate) && !hasContext && (groups.length < 3 || THOUSANDS.test(candidate)))
      return 0;
    // Unseparated digits come here only after a context word: every configured region may be theirs.
    const tried = groups.length === 1 ? regions : plausibleRegions(groups);
    const digits = digitsOf(candidate);
    for (const region of tried) {
      if (readAbroad && precheck.dialsOut(digits, region)) continue;
      if (!precheck.national(digits, region)) continue;
      const fast = parser.national(digits, region);
      // The grouping check only spares a library parse; a fast parse's grouping is checked exactly below.
      if (fast === undefined && groups.length > 1 && !grouping.mayGroup(groups, digits, region)) continue;
      const library = fast === undefined ? parsePhoneNumberFromString(candidate, region) : undefined;
      const phone = fast ?? library;
      if (!phone || !validity.isValid(phone)) continue;
      if (groups.length > 1) {
        // The groups of phone.formatNational(), from formats compiled once (an extension is appended by it).
        const national = library?.ext
          ? digitGroups(library.formatNational())
          : grouping.groupsOfParsed(phone);
        if (!sameGrouping(groups, national)) continue;
      }
      return hasContext ? 0.9 : 0.8;
    }
    // `65 35 00 53` (Denmark), `551 58 45 52` (Georgia): three groups or more with spaces or dashes,
    // exactly as a region not configured prints its national numbers, and valid there.
    // Eight digits or more; not an amount grouped in thousands (`2 450 612`), one group repeated
    // (`70-70-70-70`), a sum's terms (`70-70-70-70=280`), a card's printing (`4929-1234-5678`; no card
    // number starts with 0, Indonesia's mobiles do: `0852 1234 6764`), nor
    // between code-like tokens (`1Z 999 AA1 …`).
    // Read without a budget (the slashed and carrier-code forms, which need a configured region), not tried.
    if (
      !hasContext &&
      groups.length >= 3 &&
      digits.length >= 8 &&
      (!groups.every((length) => length === 4) || candidate.startsWith("0")) &&
      EXTRA_SEPARATORS.test(candidate) &&
      !SPACED_THOUSANDS.test(candidate) &&
      !REPEATED_GROUP.test(candidate) &&
      !OPERATOR_AROUND.test(
        `${text.slice(Math.max(0, end - candidate.length - 2), end - candidate.length)}|${text.slice(end, end + 2)}`,
      ) &&
      looselyGrouped(candidate, groups, text, end) &&
      budget !== undefined &&
      budget.otherRegions-- > 0
    ) {
      for (const region of otherRegions(groups)) {
        if (readAbroad && precheck.dialsOut(digits, region)) continue;
        if (!precheck.national(digits, region)) continue;
        const phone = parsePhoneNumberFromString(digits, region);
        if (!phone || !validity.isValid(phone)) continue;
        // Its national format, trunk prefix and all, group for group (`10 12 34 56` is Belgium's
        // `010 12 34 56` without its trunk `0`: any eight digits read so somewhere).
        const national = phone.formatNational();
        if (digitsOf(national) === digits && equalGroups(groups, digitGroups(national))) return 0.6;
      }
    }
    // People group numbers their own way: `083 8670 3586`, `(04310) 8813194` (a trunk `0`, then
    // nine digits or more, grouped otherwise than the region's format: amounts, dates and counts do
    // not start with 0); `11 9 8765 4321`, `(11) 9 8765-4321` (the format's groups split further,
    // Brazil's ninth digit written apart); `1391234 5678` (a Chinese mobile). At 0.7, when valid in a
    // configured region; never between code-like tokens (`BA39 A290 0794 0102 8494`, an IBAN's
    // digits; `1Z 999 AA1 01 2345 6784`) or in an SSN's or an ISBN's shape.
    if (
      !hasContext &&
      digits.length >= 9 &&
      looselyGrouped(candidate, groups, text, end) &&
      (budget === undefined || budget.loose-- > 0)
    ) {
      if (cnMobile && CN_MOBILE.test(digits) && groups.every((length) => length >= 3))
        if (isValidIn(digits, "CN")) return 0.7;
      const trunkFirst = TRUNK_FIRST.test(candidate);
      const loose = trunkFirst ? regions : mayBeSplit(groups) ? splitRegions(groups) : [];
      if (loose.length > 0) {
        for (const region of loose) {
          if (readAbroad && precheck.dialsOut(digits, region)) continue;
          if (!precheck.national(digits, region)) continue;
          const fast = parser.national(digits, region);
          // As in the strict loop: the formats, compiled once, spare a library parse that cannot split.
          const splits = (national: number[]) => splitsGrouping(groups, national);
          if (fast === undefined && !trunkFirst && !grouping.mayFormat(digits, region, splits)) continue;
          const phone = fast ?? parsePhoneNumberFromString(candidate, region);
          if (!phone || !validity.isValid(phone)) continue;
          if (trunkFirst || splits(grouping.groupsOfParsed(phone))) return 0.7;
        }
      }
    }
    // After "phone:", "call me at"…, the words say what the digits are: a number valid in any region
    // counts (configured ones first), however it is grouped (people group numbers their own way).
    // Not a count of millions (`1 234 567 people`, `2,345,678`): no region's numbers start with a
    // lone digit before groups of three, and a configured region's own grouping was tried above.
    if (hasContext && !MILLIONS.test(candidate)) {
      const everyRegion = budget === undefined || budget.everyRegion-- > 0;
      for (const region of everyRegion ? contextRegions() : regions) {
        if (readAbroad && precheck.dialsOut(digits, region)) continue;
        if (!precheck.national(digits, region)) continue;
        const phone = parser.national(digits, region) ?? parsePhoneNumberFromString(candidate, region);
        if (phone && validity.isValid(phone)) return 0.85;
      }
    }
    return 0;
  }
}

/** Groupings remembered per scorer: the shapes numbers are written in are few, a text's bytes are not kept. */
const REMEMBERED_GROUPINGS = 512;

/**
 * `regionsOf(groups)`, remembered per grouping (up to REMEMBERED_GROUPINGS, then started afresh): the
 * regions depend on the groups' lengths only.
 */
function remembered(
  regionsOf: (groups: readonly number[]) => CountryCode[],
): (groups: readonly number[]) => CountryCode[] {
  const known = new Map<number, CountryCode[]>();
  return (groups) => {
    // The count and lengths as base-16 digits: a number, not a string, per candidate; a group of 16
    // digits or more, or more groups than a double holds exactly, is not remembered.
    if (groups.length > MAX_KEYED_GROUPS) return regionsOf(groups);
    let key = groups.length;
    for (const length of groups) {
      if (length > 15) return regionsOf(groups);
      key = key * 16 + length;
    }
    let found = known.get(key);
    if (found === undefined) {
      if (known.size >= REMEMBERED_GROUPINGS) known.clear();
      found = regionsOf(groups);
      known.set(key, found);
    }
    return found;
  };
}
/** Groups keyed exactly: the count and each length in a base-16 digit, within 2^53. */
const MAX_KEYED_GROUPS = 12;

/** Spaces or dashes only between the groups of a number read in a region not configured. */
const EXTRA_SEPARATORS = /^\d+(?:[ -]\d+)+$/;
/** `2 450 612`, `123 456 789`: an amount grouped in thousands. */
const SPACED_THOUSANDS = /^\d{1,3}(?:[ \u00a0]\d{3})+$/;
/** One group written again and again: `70-70-70-70`, `12 12 12 12`. */
const REPEATED_GROUP = /^(\d+)(?:[ -]\1)+$/;
/** An arithmetic sign or `=` next to the number (two characters each side, joined by `|`). */
const OPERATOR_AROUND = /[=+*/×÷<>]\s?\||\|\s?[=+*/×÷<>]/;

/** Loose readings (people's own groupings) tried per scan: see ScanBudget. */
const LOOSE_TRIES = 24;
/** Readings after a phone word in every region per scan, then in the configured ones: see ScanBudget. */
const EVERY_REGION_TRIES = 32;
/** Readings in the regions not configured per scan: see ScanBudget. */
const OTHER_REGION_TRIES = 24;
/** Library parses of `+` numbers out of service per scan: see ScanBudget. */
const POSSIBLE_TRIES = 16;
/** A reading outside a scan (the slashed and carrier-code forms score one number each). */
const UNBOUNDED: ScanBudget = {
  loose: Infinity,
  everyRegion: Infinity,
  possible: Infinity,
  otherRegions: Infinity,
};

/** A trunk `0` first, bare or bracketed: `083 8670 3586`, `(04310) 8813194`, `(0)900-1 123 123`. */
const TRUNK_FIRST = /^\(?0\)? ?[1-9]/;

/**
 * What a signed count or amount is followed by (`+44 7700 677662 units`, `+12 345 678 people`): the
 * things counted, a unit or a currency, in the languages of the phone words.
 */
const COUNTED_AFTER =
  /^\s?(?:units?|items?|people|persons?|users?|points?|pts|votes?|views?|times|copies|pieces?|rows?|records?|bytes?|tokens?|dollars?|euros?|pounds?|yen|yuan|rupees?|einheiten|stück|personen|unités|personnes|unidades|personas|pessoas|штук|человек|km|kg|mi|lbs?|[%$€£¥₹₽])(?!\p{L})/iu;

/** COUNTED_AFTER, read only when a word, `%` or `$` starts within its first two places. */
function countedAfter(text: string, end: number): boolean {
  const first = text.charCodeAt(end);
  const second = text.charCodeAt(end + 1);
  const sign = (code: number) => code === 0x25 || code === 0x24;
  return (
    (wordCharacterAfter(text, end, 2) || sign(first) || sign(second)) &&
    COUNTED_AFTER.test(text.slice(end, end + 16))
  );
}

/** After `+`: a calling code, then two groups or more, the last of two digits or more. */
function writtenAsPhone(candidate: string): boolean {
  const groups = digitGroups(candidate);
  return groups.length >= 3 && (groups.at(-1) ?? 0) >= 2 && !candidate.includes(".");
}

const callingCodes = createPhoneMetadata();
/** `+1 9210515606`, `+353-9210515606`: `+`, a calling code, a space or a dash and the national number in one run. */
const CODE_THEN_RUN = /^\+(\d{1,3})[ -]\d{7,}$/;
/** A digit or a closing bracket before the sign: `5 +1 2345678` adds, it dials nothing. */
const OPERAND_BEFORE = /[\d)][ \u00a0]*$/;

/**
 * `+`, a calling code written apart and seven digits or more in one run: how a number is written for
 * callers abroad when the writer does not group it; not a sum's term (`2 +1 2345678`) nor a power of
 * ten (`+1 1000000000`).
 */
function codeThenRun(candidate: string, text: string, start: number): boolean {
  const code = CODE_THEN_RUN.exec(candidate)?.[1];
  return (
    code !== undefined &&
    callingCodes.hasCallingCode(code) &&
    !ZEROS_GROUP.test(candidate) &&
    !OPERAND_BEFORE.test(text.slice(Math.max(0, start - 8), start))
  );
}
/** A token of letters and digits together just before or after: an IBAN's or a tracking code's groups. */
const CODE_BEFORE =
  /(?:(?:[A-Za-z][A-Za-z0-9]*\d|\d[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]*|[A-Z]{2}\d\d(?: [A-Z0-9]{4})+)[ \u00a0]$/;
const CODE_AFTER = /^[ \u00a0](?:[A-Za-z][A-Za-z0-9]*\d|\d+[A-Za-z])/;

/**
 * Three groups or more, the later ones of two digits or more, not all of four (a card's printing,
 * `4929-1234-5678`): what splitsGrouping may accept.
 */
function mayBeSplit(groups: readonly number[]): boolean {
  if (groups.length < 3 || groups.every((length) => length === 4)) return false;
  return groups.slice(2).every((length) => length >= 2);
}

/** The groups with one or two neighbouring boundaries taken out, as `a-b-c` keys. */
function coarsenings(groups: readonly number[]): string[] {
  const keys: string[] = [];
  const boundaries = groups.length - 1;
  for (let first = 0; first < boundaries; first++) {
    for (let second = first; second < boundaries; second++) {
      const merged: number[] = [];
      groups.forEach((length, index) => {
        const joined = index - 1 === first || (second !== first && index - 1 === second);
        if (joined && merged.length > 0) merged[merged.length - 1] = (merged.at(-1) ?? 0) + length;
        else merged.push(length);
      });
      keys.push(merged.join("-"));
    }
  }
  return keys;
}

/**
 * Every boundary of the national format's groups is a boundary of the written ones, and one or two
 * more are written (a lone trunk digit before them aside: `0 11 98765-4321`).
 */
function splitsGrouping(written: readonly number[], national: readonly number[]): boolean {
  const sum = (groups: readonly number[]) => groups.reduce((total, length) => total + length, 0);
  const groups = sum(written) === sum(national) + 1 && written[0] === 1 ? written.slice(1) : written;
  const extra = groups.length - national.length;
  if (extra < 1 || extra > 2 || sum(groups) !== sum(national)) return false;
  const ends = new Set<number>();
  let at = 0;
  for (const length of groups) {
    at += length;
    ends.add(at);
  }
  at = 0;
  for (const length of national) {
    at += length;
    if (!ends.has(at)) return false;
  }
  return true;
}

const ZIP_PLUS_FOUR = /^\d{5}-\d{4}$/;

/** A group of zeros or a power of ten: round numbers in a list (`0 1000 10000`), not a loosely grouped phone. */
const ZEROS_GROUP = /(?:^|\D)1?000+(?!\d)/;

/**
 * Groups (two or more, the last of two digits or more) written with spaces, dashes or brackets, not
 * dots (versions) nor before a colon (a time zone, `…631-06:00`), not in an SSN's 3-2-4 shape, no
 * group of zeros or power of ten, and no code-like token of letters and digits beside them.
 */
function looselyGrouped(candidate: string, groups: readonly number[], text: string, end: number): boolean {
  const ssnShape = groups.length === 3 && groups[0] === 3 && groups[1] === 2 && groups[2] === 4;
  if (groups.length < 2 || (groups.at(-1) ?? 0) < 2 || ssnShape) return false;
  // `Boston, MA 02110-1301`: a US ZIP+4 code.
  if (ZIP_PLUS_FOUR.test(candidate)) return false;
  if (candidate.includes(".") || text[end] === ":" || ZEROS_GROUP.test(candidate)) return false;
  const start = end - candidate.length;
  return (
    !CODE_BEFORE.test(text.slice(Math.max(0, start - 40), start)) &&
    !CODE_AFTER.test(text.slice(end, end + 12))
  );
}

const BRACKETED_CALLING_CODE = /^\((\d{1,3})\)[ -]?\d/;

/** A calling code, then the trunk `0` in brackets: `64(0)64123456`, `44 (0)20 7946 0958`. */
const TRUNK_IN_BRACKETS = /^(\d{1,3}) ?\(0\)/;

const PLUS_ONE = /^[+＋]1[-. ]?(?=[(\d])/;
/** Mexico's calling code, the mobile `1` it dialled before 2019, and ten digits. */
const MEXICO_MOBILE_ONE = /^521\d{10}$/;

const HAN = /\p{Script=Han}/u;
/** Han characters within a short phrase's reach of the number (Chinese writes no spaces around it). */
const hanNear = (text: string, start: number, end: number) =>
  HAN.test(text.slice(Math.max(0, start - HAN_REACH), end + HAN_REACH));
const HAN_REACH = 24;

/**
 * A currency before the run or after it (`₹ ७०१२३४५६७८`, `٥٠٠٠٠٠٠٠٠٠ ريال`), or a count's word after it
 * (लाख, करोड़, लोग: lakh, crore, people; مليون, شخص): an amount or a count, in the scripts read in own digits.
 */
const CURRENCY_BEFORE =
  /(?:[₹$€£¥₽]|(?<!\p{L})(?:Rs|INR|SAR|AED|EGP)\.?|रु\.?|रुपये|रुपए|ريال|درهم|جنيه|تومان)\s*$/u;
const CURRENCY_AFTER =
  /^\s?(?:[₹$€£¥₽]|रु|रुपये|रुपए|लाख|करोड़|लोग|व्यक्ति|ريال|درهم|جنيه|تومان|مليون|مليار|شخص|نسمة)/u;
const amountAround = (text: string, start: number, end: number) =>
  CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 8), start)) ||
  CURRENCY_AFTER.test(text.slice(end, end + 8)) ||
  countedAfter(text, end);
/**
 * Nine to eleven digits in one run: a national number with or without its trunk `0`; not a round one
 * (`७०००००००००`) nor one digit repeated (`७७७७७७७७७७`), which are amounts and placeholders.
 */
const OWN_DIGITS_RUN = /^(?!.*000$)(?!(\d)\1+$)\d{9,11}$/;
/** Regions whose people write numbers in a script's own digits (only configured ones are tried). */
const SCRIPT_REGIONS: Record<DigitScript, readonly string[]> = {
  devanagari: ["IN", "NP"],
  "arabic-indic": ["SA", "AE", "EG", "IQ", "JO", "KW", "QA", "BH", "OM", "SY", "LB", "YE", "SD", "LY"],
  persian: ["IR", "AF"],
  bengali: ["BD", "IN"],
  gurmukhi: ["IN"],
  gujarati: ["IN"],
  odia: ["IN"],
  tamil: ["IN", "LK"],
  telugu: ["IN"],
  kannada: ["IN"],
  malayalam: ["IN"],
  thai: ["TH"],
  lao: ["LA"],
  tibetan: ["BT", "CN"],
  myanmar: ["MM"],
  khmer: ["KH"],
  mongolian: ["MN", "CN"],
};

/** A Brazilian mobile's nine digits without the area code, grouped 5-4 with a dash: `99876-0030`. */
const BR_LOCAL_MOBILE = /^9\d{4}-\d{4}$/;
/** A bracketed two-digit area code, then four or five digits, a dash and four: `(45) 1234-5678`. */
const BR_SHAPE = /^\(\d{2}\) ?\d{4,5}-\d{4}$/;
/** A US state's abbreviation right before (`WA 98101-1234`): the digits are a ZIP+4 code. */
const STATE_BEFORE = /(?<!\p{L})[A-Z]{2},?\s+$/u;
/** The word ZIP or postal before, in the same clause (`Her ZIP code is 94103-1207`). */
const ZIP_WORD_BEFORE = /(?<!\p{L})(?:zip|postal|post ?code)(?!\p{L})[^\n\d]{0,16}$/iu;
const zipBefore = (before: string) => STATE_BEFORE.test(before) || ZIP_WORD_BEFORE.test(before);
/** A Chinese landline's local number, eight digits from 2 to 8 (the area code left out). */
const CN_LOCAL = /^[2-8]\d{7}$/;
/** `20230105`: a date written year, month and day in one run. */
const EIGHT_DIGIT_DATE = /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/;
/** A Chinese mobile number, eleven digits from 13 to 19, written in one run. */
const CN_MOBILE = /^1[3-9]\d{9}$/;
/** A national number written in one run with its trunk `0`: `01223314960`, `0612345678`. */
const TRUNK_RUN = /^0[1-9]\d{7,10}$/;
/** Zeros and ones only: a bit string (`01101000`), not a number. */
const BINARY = /^[01]+$/;
/** `It 's 01480446000`, `yes it is …`: a number given as an answer (`Aufgabe unter 0176…` is filed under one). */
const ANSWER_BEFORE = /(?:(?<!\p{L})(?:is|are|was|at)|['’]s) $/iu;
/** `11：00`: a digit and a clock's colon right before the number. */
function clockBefore(text: string, start: number): boolean {
  const colon = text.charCodeAt(start - 1);
  const digit = text.charCodeAt(start - 2);
  return (colon === 0x3a || colon === 0xff1a) && digit >= 48 && digit <= 57;
}
/**
 * Money (`元`, `万`) or a counter word (`次`, `个`, `人`: `打5720191次`, times hit) after the digits: a
 * count; not `个人` (personal: `13912345678个人微信同号`).
 */
const AMOUNT_AFTER = /^\s?(?:[元块圆円万亿次人件份张張条條台]|[个個](?!人))/;
/** AMOUNT_AFTER, read only when a CJK character stands in its two places (a list's numbers slice nothing). */
const amountAfter = (text: string, end: number) =>
  (text.charCodeAt(end) >= 0x4e00 || text.charCodeAt(end + 1) >= 0x4e00) &&
  AMOUNT_AFTER.test(text.slice(end, end + 2));

/** A last group of five digits after a dot and a space: a postcode after a house number's sentence dot. */
const POSTCODE_LAST = /\d\. \d{5}$/;
/** A town's name after its postcode: a space and a capital letter. */
const TOWN_AFTER = /^ \p{Lu}/u;

/**
 * A unit of measure after a number (`800-1000 ml/día`, `1500 mg`, `200-300 mmHg`, `12 345 m²`): metric
 * units of mass, volume, length and area with their prefixes, clinical ones (mmol, mmHg, UI, IU, U,
 * kcal, cc) and hours and minutes. Case as written (`M`, `L` alone, `CL` are not units here).
 */
const MEASURE_AFTER =
  /^ ?(?:[mµμkdc]?[gl]|[mµμkdc]?L|mmol|mmHg|mcg|[mck]?m[23²³]?|UI|IU|U|kcal|cc|h|min)(?![\p{L}\d])/u;
/** MEASURE_AFTER, read only when a letter stands in its first two places. */
const measureAfter = (text: string, end: number) =>
  wordCharacterAfter(text, end, 2) && MEASURE_AFTER.test(text.slice(end, end + 6));

/**
 * Ten digits grouped 3-3-4 with dashes, dots or a bracketed area code (then spaces too: `(123) 456
 * 7890`, or a dash after the bracket: `(123)-456-7890`; counts and dates bracket no leading group),
 * `1` before them or not.
 */
const NANP_SHAPE = /^(?:1[-. ])?(?:\(\d{3}\)[ -]?\d{3}[-. ]|\d{3}[-.]\d{3}[-.])\d{4}$/;

/** `+`, one to three digits, a space or a dash, then a dashed 3-3-4 number (its area code bracketed or not). */
const CODE_THEN_NANP_SHAPE = /^\+\d{1,3}[ -](?:\(\d{3}\)[ -]?|\d{3}-)\d{3}-\d{4}$/;
/** NANP_SHAPE with dashes, then a dash and an extension of one to five digits: `123-123-5678-1111`. */
const NANP_DASH_EXTENSION = /^(?:1-)?(?:\(\d{3}\)[ -]?|\d{3}-)\d{3}-\d{4}-\d{1,5}$/;
/** A Chinese landline, its area code with the trunk `0`, and a dash-joined extension: `0571-87654321-8001`. */
export const CN_DASH_EXTENSION = /^0\d{2,3}-\d{7,8}-\d{1,5}$/;
/** The trunk `0` and ten digits in one run, not round (`01000000000`) nor bits: a number given alone (see read). */
const LONE_TRUNK_RUN = /^(?!.*000$)(?![01]+$)0[1-9]\d{9}$/;

/** International call prefixes other than `00`, written before a country code: `011` (NANP), `0011` (Australia). */
const OTHER_IDD = /^0{1,2}11[ -]?(?=[1-9])/;
/** A carrier's international call prefix, `001` to `009` (Singapore, Korea, Hong Kong, Taiwan, Thailand). */
const CARRIER_IDD = /^00[1-9]/;

const YEAR_RANGE = /^(1[5-9]\d\d|20\d\d)\s*[-–—]+\s*(1[5-9]\d\d|20\d\d)$/;

/** `0800-1700`, `0930-1145`: opening hours or a timetable's times, 24-hour clock, the second later. */
const CLOCK_RANGE = /^([01]\d|2[0-3])([0-5]\d)\s*[-–]\s*([01]\d|2[0-3])([0-5]\d)$/;

function isClockRange(candidate: string): boolean {
  const match = CLOCK_RANGE.exec(candidate);
  return match !== null && Number(`${match[3]}${match[4]}`) > Number(`${match[1]}${match[2]}`);
}

/** Two years, the second after the first and within two centuries of it. */
function isYearRange(candidate: string): boolean {
  const match = YEAR_RANGE.exec(candidate);
  if (match === null) return false;
  const span = Number(match[2]) - Number(match[1]);
  return span > 0 && span <= 200;
}

interface NumberFormat {
  pattern(): string;
  nationalPrefixFormattingRule?(): string | undefined;
}

/**
 * The digit groupings a region prints national numbers with, from libphonenumber's formats:
 * `(\d{2})(\d{4})(\d{4})` with trunk rule `0$1` gives 2-4-4, 3-4-4 (`03-1234-5678`) and 1-2-4-4.
 */
function groupSignatures(region: CountryCode): Set<string> {
  const metadata = new Metadata();
  metadata.selectNumberingPlan(region);
  const plan = metadata.numberingPlan as unknown as { formats(): NumberFormat[] } | undefined;
  const signatures = new Set<string>();
  const nanp =
    (metadata.numberingPlan as unknown as { callingCode(): string } | undefined)?.callingCode() === "1";
  for (const format of plan?.formats() ?? []) {
    // A trunk prefix before the first group: `0$1`, `(0$1)`, `8 ($1)` (Russia).
    const trunk = /^\(?\d/.test(format.nationalPrefixFormattingRule?.() ?? "");
    for (const groups of expandGroups(format.pattern())) {
      const written = [groups];
      if (trunk && groups.length > 0)
        written.push([(groups[0] ?? 0) + 1, ...groups.slice(1)], [1, ...groups]);
      // NANP's trunk `1` is not in its formats but is written before them: `1-650-333-6000`.
      else if (nanp && groups.length > 0) written.push([1, ...groups]);
      for (const each of written) for (const merged of mergedGroups(each)) signatures.add(merged.join("-"));
    }
  }
  return signatures;
}

/**
 * The groups as written, and with the last groups written as one block of at least six digits (2-3-4
 * → 2-7; 3-2-2 stays): libphonenumber's strict grouping, as sameGrouping accepts it.
 */
function mergedGroups(groups: number[]): number[][] {
  const all = [groups];
  for (let kept = 1; kept < groups.length - 1; kept++) {
    const block = groups.slice(kept).reduce((sum, length) => sum + length, 0);
    if (block >= MIN_MERGED_BLOCK) all.push([...groups.slice(0, kept), block]);
  }
  return all;
}

/** `(\d{3})(\d{4,5})` → [[3, 4], [3, 5]]; patterns with other syntax are skipped. */
function expandGroups(pattern: string): number[][] {
  const group = /\(\\d(?:\{(\d+)(?:,(\d+))?\})?\)/g;
  if (pattern.replace(group, "") !== "") return [];
  let expanded: number[][] = [[]];
  for (const match of pattern.matchAll(group)) {
    const low = Number(match[1] ?? 1);
    const high = Number(match[2] ?? low);
    const next: number[][] = [];
    for (const prefix of expanded)
      for (let length = low; length <= high; length++) next.push([...prefix, length]);
    expanded = next;
  }
  return expanded;
}
