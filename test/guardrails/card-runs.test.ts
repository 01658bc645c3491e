import validator from "validator";
import { describe, expect, it } from "vitest";
import { passesLuhn } from "../../src/guardrails/luhn.js";
import { createPiiDetector } from "../../src/guardrails/pii.js";
import { longestStall } from "../support/loop-gaps.js";
import { seededRandom } from "../support/seeded-random.js";

const pii = createPiiDetector({ phoneRegions: ["US"], privateIpAddresses: true });
const found = (text: string) =>
  pii.scan(text).map((finding) => [finding.type, text.slice(finding.start, finding.end)]);

// A run of digit groups was read as up to five stretches from each group, each sliced, stripped and
// checked as a card; stretches of the wrong length are now passed over by their digit count, and the
// Luhn check (which every card reading ends in) comes first.
describe("card numbers in runs of digit groups", () => {
  it("are found as main found them, at their length bounds too", () => {
    // As main at 815d92c found them.
    expect(found("card 4111 1111 1111 1111")).toEqual([["credit_card", "4111 1111 1111 1111"]]);
    expect(found("4111 1111 1111 1112")).toEqual([]);
    expect(found("1234 1234 1234 1234 1234")).toEqual([]);
    expect(found("3782 822463 10005")).toEqual([["credit_card", "3782 822463 10005"]]);
    expect(found("378282246310005")).toEqual([["credit_card", "378282246310005"]]);
    expect(found("4111 1111 1111 1111 1111 1111 1111")).toEqual([["credit_card", "4111 1111 1111 1111"]]);
    expect(found("5555 5555 5555 4444 4111 1111 1111 1111")).toEqual([
      ["credit_card", "5555 5555 5555 4444"],
      ["credit_card", "4111 1111 1111 1111"],
    ]);
    expect(found("6011 1111 1111 1117 123")).toEqual([]);
    expect(found("4222222222222")).toEqual([["credit_card", "4222222222222"]]);
    expect(found("4111 1111 1111 1111 111")).toEqual([]);
    expect(found("12 4111 1111 1111 1111 34")).toEqual([["credit_card", "4111 1111 1111 1111 34"]]);
  });

  it("pass the Luhn check as validator reads it", () => {
    const random = seededRandom(36);
    for (let round = 0; round < 20_000; round++) {
      let digits = "";
      for (let index = 1 + Math.floor(random() * 20); index > 0; index--) digits += Math.floor(random() * 10);
      expect(passesLuhn(digits), digits).toBe(validator.isLuhnNumber(digits));
    }
  });

  it("read a megabyte of digit groups without holding the thread", async () => {
    // ~26,000 runs of eight groups: ~360 ms for the whole check before, ~180 ms now; the bound is
    // ten times the numbers' part of it.
    for (const unit of ["1234 ", "4111 1111 "]) {
      const text = unit.repeat((1 << 20) / unit.length);
      let numbers = -1;
      const held = await longestStall(
        async () => {
          numbers = pii.scan(text).length;
        },
        "immediate",
        "held",
      );
      expect(numbers).toBe(0);
      expect(held).toBeLessThan(1500);
    }
  });
});
