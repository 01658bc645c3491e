import { describe, expect, it } from "vitest";
import { DEFAULT_PHONE_REGIONS, DEFAULT_THRESHOLDS } from "../../src/guardrails/config.js";
import { createPiiDetector } from "../../src/guardrails/pii.js";

// Fixes made on half A of the task-oriented dialogue dev sources (CrossWOZ, MultiWOZ, Schema-Guided Dialogue: clerks giving
// phone numbers in sentences, prices and times around them); each case failed before its fix.
const pii = createPiiDetector({ phoneRegions: DEFAULT_PHONE_REGIONS });
const phones = (text: string) =>
  pii
    .scan(text)
    .filter((finding) => finding.score >= DEFAULT_THRESHOLDS.pii)
    .map((finding) => `${finding.type}:${text.slice(finding.start, finding.end)}`);

describe("phone numbers in a clerk's sentences", () => {
  it("reads a trunk-0 number in one run after a phone word earlier in its sentence", () => {
    expect(phones("The phone number for the Broughton House Gallery is 01223314960 . Can I help?")).toEqual([
      "phone:01223314960",
    ]);
    expect(phones("The number is 01223367660 .")).toEqual(["phone:01223367660"]);
    expect(phones("the contact number for the taxi service is 07404779442 .")).toEqual(["phone:07404779442"]);
  });

  it("reads the same number in one run given as an answer", () => {
    expect(phones("Of course ! It 's 01480446000 . May I help with anything else ?")).toEqual([
      "phone:01480446000",
    ]);
    expect(phones("yes it is 01223324222")).toEqual(["phone:01223324222"]);
  });

  it("reads a trunk-0 number in one run set apart as an item of a listing or a reply", () => {
    expect(
      phones("cherry hinton water play \t park east \t 01223446100 \t cb18dw cherry hinton hall"),
    ).toEqual(["phone:01223446100"]);
    expect(phones("Graffiti is at Huntingdon Road , 01223277977 , cb30lx . Can I help?")).toEqual([
      "phone:01223277977",
    ]);
    expect(phones("Your taxi will be a grey Lexus , 07626989651")).toEqual(["phone:07626989651"]);
    expect(phones("cb41as , Cambridge Punter .   07807718591")).toEqual(["phone:07807718591"]);
    expect(phones("有，01058591588。")).toEqual(["phone:01058591588"]);
  });

  it("reads a Chinese landline's eight local digits set apart in Chinese text", () => {
    expect(phones("那你记一下，56171999。")).toEqual(["phone:56171999"]);
    expect(phones("65686553、65673663，这俩都行。")).toEqual(["phone:65686553", "phone:65673663"]);
    // A date in one run, a price, inside running words, a 9 or a 1 first, or without Chinese around it.
    expect(phones("日期，20230105。")).toEqual([]);
    expect(phones("价格，56171999元。")).toEqual([]);
    expect(phones("我们有56171999个想法")).toEqual([]);
    expect(phones("还有，96171999。还有，16171999。")).toEqual([]);
    expect(phones("Noted, 56171999.")).toEqual([]);
  });

  it("leaves a one-run number inside running words, in code, ten digits alone in its text, or made of bits", () => {
    expect(phones("The castle galleries 01223357708 and the address")).toEqual([]);
    expect(phones("foo(01223277977, 2)")).toEqual([]);
    expect(phones("id,01223277977,cb30lx")).toEqual([]);
    // Alone in its text, ten digits after the trunk 0 (a French mobile's length) are any number; eleven
    // are a number given alone (pii-phone-lone-forms.test.ts).
    expect(phones("0612345678")).toEqual([]);
    expect(phones("Bits:\t0101101011\t")).toEqual([]);
    expect(phones("Order 20231015 , 01223277977 , invalid: , 01111111111 ,")).toEqual(["phone:01223277977"]);
  });

  it("reads phone numbers written one after another with a space between, after a phone word", () => {
    expect(phones("电话是010-87739799 64615726。")).toEqual(["phone:010-87739799", "phone:64615726"]);
    expect(phones("Call 555-123-4567 555-987-6543 today")).toEqual([
      "phone:555-123-4567",
      "phone:555-987-6543",
    ]);
    expect(phones("Phone: (415) 555-2671 (415) 555-2672")).toEqual([
      "phone:(415) 555-2671",
      "phone:(415) 555-2672",
    ]);
    expect(phones("电话：13812345678 13912345678")).toEqual(["phone:13812345678", "phone:13912345678"]);
  });

  it("leaves runs of several numbers without a phone word, or of short groups", () => {
    expect(phones("911-701234 91170-1234")).toEqual([]);
    expect(phones("Phone: 1234 5678 9012 3456 7890")).toEqual([]);
    expect(phones("Call 01101000 01100101 01101100 01101100")).toEqual([]);
  });

  it("reads a number on the line after its phone word", () => {
    expect(phones("The phone number is \n 01223355017 and the address is 53 - 57 lensfield road .")).toEqual([
      "phone:01223355017",
    ]);
    expect(phones("Phone:\n+44 20 7946 0958")).toEqual(["phone:+44 20 7946 0958"]);
    expect(phones("I lost my phone\n2024 was a bad year")).toEqual([]);
  });

  it("leaves a run without its trunk 0, invalid, or quoted in code", () => {
    expect(phones("The number is 12233149601 .")).toEqual([]);
    expect(phones("It is 00000000000 .")).toEqual([]);
    expect(phones("v2 = '0123456789' * 30")).toEqual([]);
    expect(phones("seed = 01223314960;")).toEqual([]);
    expect(phones("Aufgabe unter 01761234567 abgelegt")).toEqual([]);
  });

  it("reads a number named a phone after it, in English and Chinese", () => {
    expect(phones("07821922219 is the number for your Blue ford taxi .")).toEqual(["phone:07821922219"]);
    expect(phones("01223452587 is the phone number .")).toEqual(["phone:01223452587"]);
    expect(phones("01061629109，这个是预约电话。")).toEqual(["phone:01061629109"]);
    expect(phones("84730101是预约电话，旁边还有海底捞火锅。")).toEqual(["phone:84730101"]);
    expect(phones("42 is the number of guests.")).toEqual([]);
  });

  it("reads a number valid in no region when a phone is named right before it", () => {
    expect(phones("Their phone is 00872208000 .")).toEqual(["phone:00872208000"]);
    expect(phones("Cineworld Cinema 's phone number is 00872208000 .")).toEqual(["phone:00872208000"]);
    // Not without the phone named as its subject or label, nor a count, a year range or a time.
    const text = [
      "Their room is 00872208000 .",
      "The phone number is 00872208000 units .",
      "Phone number is 1939-1945 .",
    ].join("\n");
    expect(phones(text)).toEqual([]);
  });

  it("reads a number named the contact info after it, and one right after 打 (dial)", () => {
    expect(phones("Have you in a gray Skoda , 07138317821 is the contact info .")).toEqual([
      "phone:07138317821",
    ]);
    expect(phones("打57201918这个就行。")).toEqual(["phone:57201918"]);
    // 打 with words between is another verb (打算, plan); a count after the digits is times or people.
    expect(phones("我打算去57201918那里。打5720191次，来了5720191人。")).toEqual([]);
    // 个人 (personal) after a number is no counter.
    expect(phones("电话13912345678个人微信同号")).toEqual(["phone:13912345678"]);
  });

  it("does not read a price range in yuan or a clock's minutes as a phone", () => {
    expect(phones("您好，我要住宿，请帮我找一家酒店，最低价格900-1000元。")).toEqual([]);
    expect(phones("营业时间是11：00-23：00 2015.2.18-2.20放假。")).toEqual([]);
    expect(phones("Date:   Fri Jan 17 11:34:35 2020 -0700")).toEqual([]);
  });

  it("reads a number named the contact phone number after it, glued to the sentence before", () => {
    // A missing space after a full stop: the dot before the number is no abbreviation's when a phone is named after it.
    expect(phones("They have no vegetarian food.925-833-9833 is the contact phone number.")).toEqual([
      "phone:925-833-9833",
    ]);
    expect(phones("Sure.650-961-2975 is the main telephone number.")).toEqual(["phone:650-961-2975"]);
    // Any other word's dot stays a number's (`No.4155552671`, an id).
    expect(phones("Order No.4155552671 shipped.")).toEqual([]);
  });

  it("does not start a number inside an amount written with thousands commas", () => {
    expect(phones("2 rooms 2 baths $2,800 4445 stevenson boulevard")).toEqual([]);
    expect(phones("Rent is 12,500 3120 Mission Street.")).toEqual([]);
    // The scan goes on after the amount's group, and a list of numbers joined by commas still reads.
    expect(phones("It costs $1,200 and the phone number is 415-555-0132.")).toEqual(["phone:415-555-0132"]);
    expect(phones("电话是010-84378966,010-84378963。")).toEqual(["phone:010-84378966", "phone:010-84378963"]);
  });
});
