import validator from "validator";
import { describe, expect, it } from "vitest";
import { mayBeEmail } from "../../src/guardrails/pii-email.js";

// findEmails skips validator's isEmail where mayBeEmail says no (a megabyte of `a.b@` cost 0.5-0.7 s
// of isEmail calls). mayBeEmail copies isEmail's own rules (isFQDN's TLD pattern, empty labels):
// this pins it to the installed validator, so an upgrade that makes isEmail accept more fails here
// instead of silently dropping addresses.

const TOP_LEVEL_DOMAINS = [
  "com",
  "io",
  "c",
  "c1",
  "1c",
  "123",
  "xn--p1ai",
  "xn--",
  "xn-a",
  "x-y",
  "de",
  "ab-",
  "ä",
  "äö",
  "рф",
  "中国",
  "みんな",
  "\u00A1\u00A8",
  "\u00A9\u00AA",
  "\u00AA\u00AA",
  "\uD7FF\uD7FF",
  "\uF900\uF900",
  "\uFDCF\uFDCF",
  "\uFDD0\uFDD0",
  "\uFDF0\uFDF0",
  "\uFFEF\uFFEF",
  "a_b",
  "co",
  "uk",
  "a1b",
  "",
];
const LOCAL_PARTS = [
  "john",
  "john.doe",
  "a..b",
  ".a",
  "a.",
  "a",
  "x_y+z",
  "jo-hn",
  "ü",
  '"a..b"',
  '"john doe"',
];

describe("mayBeEmail, the check findEmails makes before validator's isEmail", () => {
  it("never turns away an address isEmail accepts, and turns away others", () => {
    let accepted = 0;
    let turnedAway = 0;
    for (const local of LOCAL_PARTS)
      for (const tld of TOP_LEVEL_DOMAINS)
        for (const domain of [`example.${tld}`, tld, `mail.example.${tld}`]) {
          const address = `${local}@${domain}`;
          if (validator.isEmail(address)) {
            accepted++;
            expect(mayBeEmail(local, domain), address).toBe(true);
          } else if (!mayBeEmail(local, domain)) turnedAway++;
        }
    // Both answers occur, or the comparison would prove nothing.
    expect(accepted).toBeGreaterThan(50);
    expect(turnedAway).toBeGreaterThan(50);
  });
});
