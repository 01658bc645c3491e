import {
  type CountryCode,
  getCountries,
  getExampleNumber,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import { describe, expect, it } from "vitest";
import type { ParsedPhone } from "../../src/guardrails/phone-grouping.js";
import { createPhoneParser } from "../../src/guardrails/phone-parse.js";
import { createPhoneValidity } from "../../src/guardrails/phone-validity.js";
import { draws, mutateTail, randomDigits } from "./phone-draws.js";
import { PHONE_TEST_REGIONS } from "./phone-test-regions.js";

// What the number scanner lets through between digits, and a bracket before the first one.
const SEPARATORS = [" ", " ", "-", ".", "\u00a0", " - ", ") ", "("];

/** `digits` written with separators at random places, sometimes in brackets: "(415) 555.2671". */
function write(digits: string, next: () => number): string {
  let written = next() % 5 === 0 ? "(" : "";
  for (let index = 0; index < digits.length; index++) {
    if (index > 0 && next() % 3 === 0) written += SEPARATORS[next() % SEPARATORS.length];
    written += digits[index];
  }
  return written;
}

const fields = (phone: ParsedPhone | PhoneNumber | undefined) =>
  phone && {
    country: phone.country,
    countryCallingCode: phone.countryCallingCode,
    nationalNumber: phone.nationalNumber,
    ext: "ext" in phone ? phone.ext : undefined,
  };

describe("phone parser (parsePhoneNumberFromString for plain digit runs, patterns compiled once)", () => {
  const parser = createPhoneParser(createPhoneValidity());
  const regions = getCountries();
  const draw = draws(41);
  let compared = 0;
  let fast = 0;
  const national = (digits: string, region: CountryCode) => {
    compared++;
    const parsed = parser.national(digits, region);
    if (parsed === undefined) return;
    fast++;
    const written = write(digits, draw);
    expect(fields(parsed), `${region} ${written}`).toEqual(
      fields(parsePhoneNumberFromString(written, region)),
    );
  };
  const international = (digits: string) => {
    compared++;
    const parsed = parser.international(digits);
    if (parsed === undefined) return;
    fast++;
    const written = `+${write(digits, draw)}`;
    const library = parsePhoneNumberFromString(written);
    expect(fields(parsed), written).toEqual(fields(library));
    expect(parser.isPossible(parsed), `possible ${written}`).toBe(library?.isPossible() ?? false);
    possibleSeen.add(parser.isPossible(parsed));
  };
  const possibleSeen = new Set<boolean>();

  it("agrees with libphonenumber-js on example numbers of every region and mutations of them", () => {
    for (const region of regions) {
      const example = getExampleNumber(region, examples);
      if (example === undefined) continue;
      const digits = example.nationalNumber;
      national(example.formatNational().replace(/\D/g, ""), region);
      national(digits, region);
      international(`${example.countryCallingCode}${digits}`);
      for (let sample = 0; sample < 8; sample++) {
        // The example with a random tail (often valid, sometimes a length off), here and in other regions.
        const mutated = mutateTail(digits, draw);
        national(mutated, region);
        national(`0${mutated}`, region);
        international(`${example.countryCallingCode}${mutated}`);
        national(mutated, regions[draw() % regions.length] as CountryCode);
      }
    }
    expect(compared).toBeGreaterThan(6000);
    // The shortcut is worth having: it answers most of them.
    expect(fast).toBeGreaterThan(compared * 0.5);
    // Numbers of possible and of impossible lengths were both compared.
    expect([...possibleSeen].sort()).toEqual([false, true]);
  });

  it("agrees with libphonenumber-js on random digit strings, national and international", () => {
    compared = 0;
    fast = 0;
    for (let sample = 0; sample < 4000; sample++) {
      const digits = randomDigits(draw);
      for (const region of PHONE_TEST_REGIONS) national(digits, region);
      international(digits);
    }
    expect(fast).toBeGreaterThan(compared * 0.5);
  });

  it("picks the country of a calling code shared by countries with leading digits as the library does", () => {
    // North America's 25 countries, +7 (Russia, Kazakhstan), +44 (Guernsey, Man, Jersey), +47,
    // +61, +262, +590, +599: random national numbers after the code.
    let countries = 0;
    for (const code of ["1", "7", "44", "47", "61", "262", "590", "599"]) {
      for (let sample = 0; sample < 1500; sample++) {
        let digits = code;
        const length = 6 + (draw() % 8);
        while (digits.length < code.length + length) digits += String(draw() % 10);
        const parsed = parser.international(digits);
        if (parsed === undefined) continue;
        expect(fields(parsed), `+${digits}`).toEqual(fields(parsePhoneNumberFromString(`+${digits}`)));
        if (parsed.country !== undefined) countries++;
      }
    }
    expect(countries).toBeGreaterThan(2000);
  });
});
