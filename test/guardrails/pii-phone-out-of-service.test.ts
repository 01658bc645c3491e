import { describe, expect, it } from "vitest";
import { reportedPhones } from "./reported-phones.js";

// Numbers written as phone numbers but outside the ranges in service (made up for an example, a
// drama range, a test region's plan), and numbers that are no phones written near them. Each
// positive was missed before (libphonenumber's matcher tests, dev split, showed the kinds).
const phones = reportedPhones;

describe("pii: phone numbers written as such, in service or not", () => {
  it.each([
    "+54 23 1234 0000",
    "+44 7700 900123",
    "+1 123 456 7890",
    "+971 4 123 4567",
    "+886 2 1234 5678",
    "+57 1 234 5678",
    "+44-7700-900123",
  ])("reads %s: +, a calling code and groups of a length the country dials", (phone) => {
    expect(phones(`She wrote ${phone} on a napkin.`)).toEqual([phone]);
  });

  it("reads a calling code and a bracketed trunk 0 before a number of a possible length", () => {
    expect(phones("Call me at 64(0)64123456 tonight")).toEqual(["64(0)64123456"]);
    expect(phones("Office: 44 (0)20 1234 5678")).toEqual(["44 (0)20 1234 5678"]);
  });

  it("reads a number with 'to call me' after it, and a trunk-0 run after 'at'", () => {
    expect(phones("033316005 to call me!")).toEqual(["033316005"]);
    expect(phones("I have the Zizzi Cambridge showing at 01223365599 .")).toEqual(["01223365599"]);
  });

  it("reads 'ring me' and its Scandinavian forms as a phone word, and an extension written against the number", () => {
    expect(phones("Ring meg på 412 34 567.")).toEqual(["412 34 567"]);
    expect(phones("Ring til mig på 20 12 34 56.")).toEqual(["20 12 34 56"]);
    expect(phones("Ring til mig på 2012 3456.")).toEqual(["2012 3456"]);
    expect(phones("Call 206-555-0100ext123 or 206-555-0101Ext.9")).toEqual(["206-555-0100", "206-555-0101"]);
    // Without the words the same digits are any numbers; a ring is no call; letters against digits stay out.
    // (Grouped 4-4: `20 12 34 56`, as Denmark prints its numbers, is read without a word: other-regions test.)
    expect(phones("Page 412 34 567, the ring 2012 3456, part 206-555-0100extra, 206-555-0100ext")).toEqual(
      [],
    );
  });

  it("reads the abbreviations Mob., Telf. and Tfn as phone labels", () => {
    expect(phones("Mob.: 0412345678, Telf.: 912345678, Tfn 0812345678")).toEqual([
      "0412345678",
      "912345678",
      "0812345678",
    ]);
    expect(phones("mov eax, 12345678 and tfnx 0812345678; mobs 0412345678")).toEqual([]);
  });

  it("reads a number given as the answer to a phone word further back in its sentence", () => {
    expect(phones("The phone number for our office in Oslo is 22 12 34 56.")).toEqual(["22 12 34 56"]);
    expect(phones("The phone number for our office in Oslo is 2212 3456.")).toEqual(["2212 3456"]);
    expect(phones("Le téléphone du bureau de Copenhague est 33 12 34 56.")).toEqual(["33 12 34 56"]);
    expect(phones("哥本哈根办公室的电话是 33 12 34 56。")).toEqual(["33 12 34 56"]);
    // Not after "number" alone, not from another sentence, not without the answer's verb (grouped 4-4:
    // Norway's own 2-2-2-2 is read without a word, as the other-regions test has it).
    const text = [
      "The number of visitors in Oslo last year is 2212 3456.",
      "We sold the phone. The total for the year is 2212 3456.",
      "The phone number for Oslo changed after 2212 3456 calls.",
    ].join("\n");
    expect(phones(text)).toEqual([]);
  });

  it("reads a bracketed area code and 3-4 digits written with spaces, as North America writes them", () => {
    expect(phones("She wrote (123) 456 7890 and 1 (987) 654 3210 on it.")).toEqual([
      "(123) 456 7890",
      "1 (987) 654 3210",
    ]);
    expect(phones("f(123) 456 7890, (123) 45 67890, (123) 456 78901, (123) 4567 890")).toEqual([]);
  });

  it("does not read too short or too long groups after +, signed counts, decimals or round amounts", () => {
    const text = [
      "The score moved +1 234 567 890 points.",
      "Population change: +12 345 678 people, revenue +3 000 000 dollars.",
      "Coordinates +40.7128 -74.0060 and +51.5074 -0.1278.",
      "Offsets +12 34 56 and +33 1 2 3 4 in the table.",
      "The ratio was +0.5 1.5 2.5 across runs; build +1.2.3.4567 shipped.",
      "Temperature +12 -3 +4 +15 °C, order +100 200 300 400 units.",
      "x = +44 20 * 3",
      "Sales rose +54 23 1234 0000 units, +44 7700 900123 €.",
    ].join("\n");
    expect(phones(text)).toEqual([]);
  });

  it("does not read dates, times, prices, ids, versions, cards, IBANs or sums near 'at' or 'to call me'", () => {
    const text = [
      "Meeting on 2024-10-15 at 10:30, price $1,299.99, order #123-456-7890.",
      "Released at 2023.10.15, version 10.0.19041 to call me later.",
      "Card 4111 1111 1111 1111 at the desk, IBAN DE89 3704 0044 0532 0130 00.",
      "Lottery numbers 12 34 56 78 90 11, ISBN 978 0 306 40615 7, at 51.5074, -0.1278.",
      "It failed at 01101000 01101001 to call me back.",
    ].join("\n");
    expect(phones(text)).toEqual([]);
  });
});
