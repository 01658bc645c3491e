import { getCountries } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { PHONE_REGIONS } from "../../src/guardrails/phone-regions.js";

describe("the phone region list used by config validation", () => {
  it("equals libphonenumber-js's own list", () => {
    expect([...PHONE_REGIONS].sort()).toEqual([...getCountries()].sort());
  });
});
