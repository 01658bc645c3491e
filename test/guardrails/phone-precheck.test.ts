import { getCountries, getExampleNumber, parsePhoneNumberFromString } from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import { describe, expect, it } from "vitest";
import { createPhonePrecheck } from "../../src/guardrails/phone-precheck.js";
import { draws, randomDigits } from "./phone-draws.js";
import { PHONE_TEST_REGIONS } from "./phone-test-regions.js";

describe("phone precheck (a necessary condition for libphonenumber-js validity)", () => {
  const precheck = createPhonePrecheck();
  const regions = getCountries();

  it("never rules out an example number of any region, national or international", () => {
    for (const region of regions) {
      const example = getExampleNumber(region, examples);
      if (example === undefined) continue;
      const national = example.formatNational().replace(/\D/g, "");
      const nsn = example.nationalNumber as string;
      for (const digits of [national, nsn, `${example.countryCallingCode}${nsn}`]) {
        if (parsePhoneNumberFromString(digits, region)?.isValid()) {
          expect(precheck.national(digits, region), `${region} ${digits}`).toBe(true);
        }
      }
      const international = `${example.countryCallingCode}${nsn}`;
      expect(precheck.international(international), `+${international}`).toBe(true);
    }
  });

  it("never rules out a random digit string libphonenumber-js calls valid", () => {
    const tried = PHONE_TEST_REGIONS;
    let valid = 0;
    let ruledOut = 0;
    const draw = draws(7);
    for (let sample = 0; sample < 4000; sample++) {
      const digits = randomDigits(draw);
      for (const region of tried) {
        const isValid = parsePhoneNumberFromString(digits, region)?.isValid() === true;
        const passes = precheck.national(digits, region);
        if (isValid) {
          valid++;
          expect(passes, `${region} ${digits}`).toBe(true);
        } else if (!passes) ruledOut++;
      }
      const isValid = parsePhoneNumberFromString(`+${digits}`)?.isValid() === true;
      if (isValid) expect(precheck.international(digits), `+${digits}`).toBe(true);
    }
    // The check is worth having: most invalid parses are skipped.
    expect(valid).toBeGreaterThan(100);
    expect(ruledOut).toBeGreaterThan(4000 * tried.length * 0.5);
  });
});
