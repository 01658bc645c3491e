import {
  type CountryCode,
  getCountries,
  getExampleNumber,
  parsePhoneNumberFromString,
} from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import { describe, expect, it } from "vitest";
import { createPhoneGroupingCheck, digitGroups, sameGrouping } from "../../src/guardrails/phone-grouping.js";
import { createPhonePrecheck } from "../../src/guardrails/phone-precheck.js";
import { draws, mutateTail } from "./phone-draws.js";
import { PHONE_TEST_REGIONS } from "./phone-test-regions.js";

/** `digits` split into groups at random places: "4155552671" → "415 5552 671". */
function regroup(digits: string, next: () => number): string {
  let written = "";
  for (let index = 0; index < digits.length; index++) {
    if (index > 0 && next() % 4 === 0) written += " ";
    written += digits[index];
  }
  return written;
}

/** What the phone scorer asks of libphonenumber-js: valid, and formatted with the written grouping. */
function libraryAgrees(written: string, region: CountryCode): boolean {
  const phone = parsePhoneNumberFromString(written, region);
  return phone?.isValid() === true && sameGrouping(digitGroups(written), digitGroups(phone.formatNational()));
}

describe("phone grouping check (a necessary condition for libphonenumber-js national formatting)", () => {
  const grouping = createPhoneGroupingCheck(createPhonePrecheck());
  const regions = PHONE_TEST_REGIONS;

  it("digitGroups and sameGrouping read groups as before", () => {
    expect(digitGroups("(415) 555-2671")).toEqual([3, 3, 4]);
    expect(digitGroups("no digits")).toEqual([]);
    expect(digitGroups("8 (495) 123-45-67")).toEqual([1, 3, 3, 2, 2]);
    expect(digitGroups("12ab3")).toEqual([2, 1]);
    expect(sameGrouping([5, 5], [6, 5])).toBe(true);
    expect(sameGrouping([5, 5], [5, 6])).toBe(false);
    expect(sameGrouping([3, 4], [3, 4, 1])).toBe(false);
  });

  it("keeps every example number of every region, written as libphonenumber-js formats it", () => {
    for (const region of getCountries()) {
      const example = getExampleNumber(region, examples);
      if (example === undefined) continue;
      const written = example.formatNational();
      const digits = written.replace(/\D/g, "");
      const groups = digitGroups(written);
      if (groups.length < 2 || !libraryAgrees(written, region)) continue;
      expect(grouping.mayGroup(groups, digits, region), `${region} ${written}`).toBe(true);
    }
  });

  it("never rules out a randomly grouped number libphonenumber-js formats that way, and rules out most others", () => {
    const draw = draws(11);
    let agreed = 0;
    let ruledOut = 0;
    let tried = 0;
    for (let sample = 0; sample < 300; sample++) {
      for (const region of regions) {
        // Random digits are rarely valid: mostly an example number of the region with a random tail.
        const example = getExampleNumber(region, examples)?.formatNational().replace(/\D/g, "") ?? "";
        const length = sample % 3 === 0 ? 7 + (draw() % 7) : example.length;
        let digits = sample % 3 === 0 ? "" : example.slice(0, Math.max(0, length - 4));
        while (digits.length < length) digits += String(draw() % 10);
        // Half written at random, half grouped the way the region itself prints the digits.
        const national = parsePhoneNumberFromString(digits, region)?.formatNational();
        const written = draw() % 2 === 0 || national === undefined ? regroup(digits, draw) : national;
        const groups = digitGroups(written);
        if (groups.length < 2) continue;
        tried++;
        const passes = grouping.mayGroup(groups, written.replace(/\D/g, ""), region);
        if (libraryAgrees(written, region)) {
          agreed++;
          expect(passes, `${region} ${written}`).toBe(true);
        } else if (!passes) ruledOut++;
      }
    }
    expect(agreed).toBeGreaterThan(1000);
    // The check is worth having: most parses that would fail are skipped.
    expect(ruledOut).toBeGreaterThan((tried - agreed) * 0.5);
  });

  it("groupsOfParsed reads exactly the digit groups phone.formatNational() prints", () => {
    const draw = draws(23);
    let compared = 0;
    const compare = (written: string, region?: CountryCode) => {
      const phone = parsePhoneNumberFromString(written, region);
      if (phone === undefined || phone.ext) return;
      compared++;
      // The groups read from the format's captures are those of the printed number, trunk prefix and all.
      expect(grouping.groupsOfParsed(phone), `${region ?? "intl"} ${written}`).toEqual(
        digitGroups(phone.formatNational()),
      );
    };
    for (const region of getCountries()) {
      const example = getExampleNumber(region, examples);
      if (example === undefined) continue;
      compare(example.formatNational(), region);
      compare(example.number);
      const digits = example.nationalNumber;
      for (let sample = 0; sample < 6; sample++) {
        // The example with a random tail (often valid), in other regions too (+1, +7, +44 share plans).
        const mutated = mutateTail(digits, draw);
        compare(mutated, region);
        compare(`0${mutated}`, region);
        compare(`+${example.countryCallingCode}${mutated}`);
        compare(mutated, regions[draw() % regions.length]);
      }
    }
    expect(compared).toBeGreaterThan(4000);
  });

  it("rules out regions that print the digits differently", () => {
    // France prints 612345678 as 06 12 34 56 78; Spain as 612 34 56 78.
    expect(grouping.mayGroup([3, 2, 2, 2], "612345678", "FR")).toBe(false);
    expect(grouping.mayGroup([3, 2, 2, 2], "612345678", "ES")).toBe(true);
    expect(grouping.mayGroup([3, 3, 4], "6502530000", "US")).toBe(true);
  });
});
