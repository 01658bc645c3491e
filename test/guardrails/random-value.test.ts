import { describe, expect, it } from "vitest";
import { isRandomValue } from "../../src/guardrails/random-value.js";
import { alnum, hex } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// The one "drawn at random" test of the readings keyed on a value's context (a vendor's credential
// word, a vendor's name, a webhook's path).
describe("a value drawn at random", () => {
  it.each([alnum(16, 1), alnum(200, 2), hex(64, 3), `${alnum(20, 4)}-${alnum(12, 5)}`])(
    "reads %s",
    (value) => {
      expect(isRandomValue(value)).toBe(true);
    },
  );
  it.each([
    ["too short", alnum(15, 6)],
    ["too long", alnum(201, 7)],
    ["no digit", "abcdefghijklmnopqrstuvwxyzABCDEF"],
    ["digits alone", "8274619305718264"],
    ["too plain", "a1a1a1a1a1a1a1a1a1a1"],
    ["a stand-in's word", `EXAMPLE${alnum(20, 8)}`],
    ["a mask", `${alnum(8, 9)}XXXX${alnum(8, 10)}`],
    ["a run of zeros as filler", `${alnum(8, 11)}000000${alnum(8, 12)}`],
  ])("turns down %s", (_why, value) => {
    expect(isRandomValue(value)).toBe(false);
  });
});

describe("the readings share it", () => {
  // A run of zeros was a stand-in for the webhook reading alone; the vendor readings now agree.
  const filler = `${alnum(10, 13)}000000${alnum(10, 14)}`;
  it.each([`qorvex PRIVATE ${filler}`, `zenrows: "${filler}"`])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
  it("still reports the value without the filler", () => {
    const key = alnum(26, 15);
    expect(reportedSecretValues(`qorvex PRIVATE ${key}`)).toEqual([key]);
  });
});
