import {
  type CountryCode,
  getCountries,
  getExampleNumber,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import { describe, expect, it } from "vitest";
import { createPhoneValidity } from "../../src/guardrails/phone-validity.js";
import { draws, mutateTail, randomDigits } from "./phone-draws.js";
import { PHONE_TEST_REGIONS } from "./phone-test-regions.js";

describe("phone validity (phone.isValid() with patterns compiled once)", () => {
  const validity = createPhoneValidity();
  const regions = getCountries();
  let compared = 0;
  let valid = 0;
  const compare = (phone: PhoneNumber | undefined, label: string) => {
    if (phone === undefined) return;
    compared++;
    const expected = phone.isValid();
    if (expected) valid++;
    expect(validity.isValid(phone), label).toBe(expected);
  };

  it("agrees with libphonenumber-js on example numbers of every region and mutations of them", () => {
    const draw = draws(31);
    for (const region of regions) {
      const example = getExampleNumber(region, examples);
      if (example === undefined) continue;
      compare(parsePhoneNumberFromString(example.formatNational(), region), `${region} example`);
      compare(parsePhoneNumberFromString(example.number), `${example.number}`);
      const digits = example.nationalNumber;
      for (let sample = 0; sample < 8; sample++) {
        // The example with a random tail (often valid, sometimes a length off), here and in other regions.
        const mutated = mutateTail(digits, draw);
        compare(parsePhoneNumberFromString(mutated, region), `${region} ${mutated}`);
        compare(parsePhoneNumberFromString(`0${mutated}`, region), `${region} 0${mutated}`);
        compare(parsePhoneNumberFromString(`+${example.countryCallingCode}${mutated}`), `+${mutated}`);
        const other = regions[draw() % regions.length] as CountryCode;
        compare(parsePhoneNumberFromString(mutated, other), `${other} ${mutated}`);
      }
    }
    expect(compared).toBeGreaterThan(6000);
    expect(valid).toBeGreaterThan(1000);
  });

  it("agrees with libphonenumber-js on random digit strings, national and international", () => {
    const draw = draws(7);
    const before = compared;
    for (let sample = 0; sample < 4000; sample++) {
      const digits = randomDigits(draw);
      for (const region of PHONE_TEST_REGIONS)
        compare(parsePhoneNumberFromString(digits, region), `${region} ${digits}`);
      compare(parsePhoneNumberFromString(`+${digits}`), `+${digits}`);
    }
    expect(compared - before).toBeGreaterThan(4000);
  });
});
