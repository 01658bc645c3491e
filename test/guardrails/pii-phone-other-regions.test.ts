import { describe, expect, it } from "vitest";
import { reportedPhones } from "./reported-phones.js";

// National numbers of regions the detector is not configured for, written without a phone word
// (faker-js's locale formats, tuned on one half of its locales).
const phones = reportedPhones;

describe("pii: national numbers of regions not configured", () => {
  it("reads three groups or more written exactly as such a region prints its numbers", () => {
    // Denmark's and Norway's 2-2-2-2, Georgia's 3-2-2-2.
    expect(phones("Dana wrote 32 14 56 78 on the envelope.")).toEqual(["32 14 56 78"]);
    expect(phones("Ring 22 12 34 56 i morgen, eller 555 12 34 56.")).toEqual(["22 12 34 56", "555 12 34 56"]);
  });

  it("reads four-digit groups after a trunk 0, as Indonesia prints its mobiles, never a card's", () => {
    // validator.js's id-ID fixtures, written 4-4-4 (session 30).
    expect(phones("Dana wrote 0818 7784 9984 on the envelope, or 0852-1234-6764.")).toEqual([
      "0818 7784 9984",
      "0852-1234-6764",
    ]);
    expect(phones("Card 4929 1234 5678, ref 0123 4567 8901, serial 0000 1234 5678.")).toEqual([]);
  });

  it("leaves amounts in thousands, repeated groups, sums and short or code-like groups", () => {
    const text = [
      "We sold 24 450 612 units.",
      "Scores 70-70-70-70=280 and 12 12 12 12 in a row.",
      "The total 10+12 34 56 78 is wrong.",
      "Room 12 34 56 was booked.",
      // Belgium's `010 12 34 56` without its trunk 0: printed so nowhere.
      "Lot 10 12 34 56 was sold.",
      "Parcel 1Z 999 AA1 01 23 45 67 arrived.",
    ].join("\n");
    expect(phones(text)).toEqual([]);
  });
});
