import { describe, expect, it } from "vitest";
import { reportedPhones } from "./reported-phones.js";

// Written forms of phone numbers missed before (session 24, issue 19): a number given alone, North
// America's shape with a dash-joined extension or after a made-up code, a run after an emoji, phone
// symbols as a phone word, a list's first number before "and"/"or"/和, letters for digits, "my
// number" in more languages; and the numerals, ids and amounts written the same way that stay unflagged.
const phones = reportedPhones;

describe("pii: phone numbers given alone and other written forms", () => {
  it("reads eleven digits with the trunk 0, alone in the text, valid in any region", () => {
    expect(phones("01012345678")).toEqual(["01012345678"]);
    // A Vietnamese landline: Vietnam is no configured region.
    expect(phones("  02437215689\n")).toEqual(["02437215689"]);
  });

  it("reads such a number quoted, bracketed or emphasised alone in the text", () => {
    expect(phones("*01012345678*")).toEqual(["01012345678"]);
    expect(phones("“01012345678”")).toEqual(["01012345678"]);
    expect(phones("(01012345678)")).toEqual(["01012345678"]);
    expect(phones("`01012345678`")).toEqual(["01012345678"]);
    expect(phones("*0612345678*")).toEqual([]);
  });

  it("leaves ten digits after a 0, runs without one, round runs and bits alone in the text", () => {
    expect(phones("0612345678")).toEqual([]);
    expect(phones("3235698120")).toEqual([]);
    expect(phones("15174315110")).toEqual([]);
    expect(phones("01230000000")).toEqual([]);
    expect(phones("01101101011")).toEqual([]);
    // Not alone: inside running words, as before.
    expect(phones("Order 01012345678 shipped")).toEqual([]);
  });

  it("reads North America's dashed 3-3-4 shape with an extension joined by a dash", () => {
    expect(phones("123-123-5678-1111")).toEqual(["123-123-5678-1111"]);
    expect(phones("Desk: (415) 555-0100-12")).toEqual(["(415) 555-0100-12"]);
    // Six digits after the dash are no extension; nor is a 4-3-4 shape one.
    expect(phones("Part 123-123-5678-123456 and 2023-123-5678-1")).toEqual([]);
  });

  it("reads a + number without an extension joined by a dash", () => {
    expect(phones("+1-425-555-0100-123 and +86-10-62640000-123")).toEqual([
      "+1-425-555-0100",
      "+86-10-62640000",
    ]);
  });

  it("reads a number after a phone word and the number sign", () => {
    expect(phones("Tel #415-555-2671, Ph#555-1234, Phone#01223324033")).toEqual([
      "415-555-2671",
      "555-1234",
      "01223324033",
    ]);
    // After anything else, an id or a colour.
    expect(phones("issue #4155552671, color: #123456; PR #1234567")).toEqual([]);
  });

  it("reads +, a code of one to three digits and the dashed 3-3-4 shape, the code assigned or not", () => {
    expect(phones("+12 345-678-9012")).toEqual(["+12 345-678-9012"]);
    expect(phones("+999 (345) 678-9012")).toEqual(["+999 (345) 678-9012"]);
    // Dots or spaces only, with a code no country dials: not this shape.
    expect(phones("+12 345.678.9012 and +12 345 678 9012")).toEqual([]);
  });

  it("reads a number right after an emoji's presentation selector, and phone symbols as a phone word", () => {
    expect(phones("☎️+44 20 7946 0958")).toEqual(["+44 20 7946 0958"]);
    expect(phones("📞 01223324033")).toEqual(["01223324033"]);
    expect(phones("☎ 01223324033")).toEqual(["01223324033"]);
    // A letter's combining mark still joins the digits to a word.
    expect(phones("Cafe\u0301+44 20 7946 0958")).toEqual([]);
    // Without the symbol, a run in running words is any number.
    expect(phones("Room 01223324033 booked")).toEqual([]);
  });

  it("reads a number whose groups Japanese's long vowel mark joins, typed for a hyphen", () => {
    expect(phones("ケータイ 090ー1234ー5678")).toEqual(["090ー1234ー5678"]);
    expect(phones("Call 090ー1234ー5678")).toEqual(["090ー1234ー5678"]);
  });

  it("reads a list's first number when and, or, 和 or 或 joins the next", () => {
    expect(phones("有两部，你都记一下，56171999和56171998。")).toEqual(["56171999", "56171998"]);
    expect(phones("两个号码：56171999或56171998")).toEqual(["56171999", "56171998"]);
    expect(phones("The numbers are, 01223324033 or 01223324034.")).toEqual(["01223324033", "01223324034"]);
    // A joined word is no joiner: `orbit`.
    expect(phones("Noted, 01223324033 orbit 5")).toEqual([]);
  });

  it("reads toll-free numbers written with letters for digits", () => {
    expect(phones("Call 1-800-FLOWERS now, or 1 (888) GO-FEDEX, or 800-CALL-ATT.")).toEqual([
      "1-800-FLOWERS",
      "1 (888) GO-FEDEX",
      "800-CALL-ATT",
    ]);
    expect(phones("1-800-GO-2-HAUL")).toEqual(["1-800-GO-2-HAUL"]);
    // Lower case is a distance or a part; fewer than seven signs, a word; a letter joined before, a code.
    expect(phones("He ran 800-kilometres; the 800-METER race; A-800-ABCDEFGH")).toEqual([]);
  });

  it("reads 'my number' in Swedish, Polish, Czech and Indonesian before a number", () => {
    expect(phones("Mitt nummer är 070-123 45 67.")).toEqual(["070-123 45 67"]);
    expect(phones("Mój numer to 512 345 678")).toEqual(["512 345 678"]);
    expect(phones("Moje číslo je 601 123 456")).toEqual(["601 123 456"]);
    expect(phones("Nomor saya 081234567890")).toEqual(["081234567890"]);
  });
});
