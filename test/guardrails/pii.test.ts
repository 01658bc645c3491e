import { describe, expect, it } from "vitest";
import { DEFAULT_PHONE_REGIONS, DEFAULT_THRESHOLDS } from "../../src/guardrails/config.js";
import { createPiiDetector } from "../../src/guardrails/pii.js";
import { luhnNumber } from "./fake-values.js";

const detector = createPiiDetector({ phoneRegions: DEFAULT_PHONE_REGIONS });
const found = (text: string) =>
  detector.scan(text).map((finding) => ({
    type: finding.type,
    value: text.slice(finding.start, finding.end),
    score: finding.score,
  }));
const values = (text: string, type: string) =>
  found(text)
    .filter((finding) => finding.type === type && finding.score >= DEFAULT_THRESHOLDS.pii)
    .map((finding) => finding.value);

describe("pii: email", () => {
  it("finds addresses and confirms them with validator", () => {
    expect(values("Mail maria.gonzalez@fastmail.com or j.smith+billing@acme-corp.co.uk.", "email")).toEqual([
      "maria.gonzalez@fastmail.com",
      "j.smith+billing@acme-corp.co.uk",
    ]);
    expect(values("From: Priya <priya.raman@outlook.in>", "email")).toEqual(["priya.raman@outlook.in"]);
  });
  it("reads letters of other scripts in the local part and the domain, but not Chinese around an address", () => {
    expect(values("contact: josé@exemplo.com.br, müller@bücher.de", "email")).toEqual([
      "josé@exemplo.com.br",
      "müller@bücher.de",
    ]);
    expect(values("контакт: пользователь@пример.рф", "email")).toEqual(["пользователь@пример.рф"]);
    expect(values("我的邮箱是test@163.com谢谢", "email")).toEqual(["test@163.com"]);
  });
  it("reads a quoted local part, but not two quotations around an @", () => {
    expect(values('Write to "john.doe"@example.com or <"jane smith"@example.org>', "email")).toEqual([
      '"john.doe"@example.com',
      '"jane smith"@example.org',
    ]);
    expect(values('say "hi" and "@example.com"', "email")).toEqual([]);
  });
  it("reads an address written with a bracketed at and dot, not the spelled-out words", () => {
    expect(values("Mail john[at]example[dot]com or jane.doe (at) mail (dot) co (dot) uk", "email")).toEqual([
      "john[at]example[dot]com",
      "jane.doe (at) mail (dot) co (dot) uk",
    ]);
    expect(values("mail john at example dot com; arr[at] index; user[at]localhost", "email")).toEqual([]);
  });
  it("reads the full-width ＠ of Chinese and Japanese text as @", () => {
    expect(values("邮箱：info＠example.com，メール taro＠example.jp まで", "email")).toEqual([
      "info＠example.com",
      "taro＠example.jp",
    ]);
    expect(found("＠mention ＠＠ a＠b")).toEqual([]);
  });
  it("ignores SSH remotes, package specs, decorators and machine addresses", () => {
    expect(found("git@github.com:org/repo.git lodash@4.17.21 @Override user@localhost")).toEqual([]);
    expect(values("exporter@billing-4471.iam.gserviceaccount.com", "email")).toEqual([]);
  });
  it("reads the top-level domain and the local part's dots as isEmail does, before calling it", () => {
    expect(values("a@b.co x@xn--p1ai.xn--p1ai ж@пример.рф a.b.c@d.io", "email")).toEqual([
      "a@b.co",
      "x@xn--p1ai.xn--p1ai",
      "ж@пример.рф",
      "a.b.c@d.io",
    ]);
    // A one-letter or numeric TLD, no dot, two dots in a row, a dot before the `@`.
    expect(found("a@b.c a@b.1c a@bc a..b@x.com a.@x.com a.b@a.b@a.b@")).toEqual([]);
  });
});

describe("pii: phone numbers (libphonenumber-js)", () => {
  const phones = [
    "+44 20 7946 0958",
    "+1 (415) 555-2671",
    "+49 151 23456789",
    "+33 6 12 34 56 78",
    "+91 98765 43210",
    "+81 3-1234-5678",
    "+55 11 91234-5678",
    "0049 30 901820",
    "(415) 555-2671",
    "650-253-0000",
    "020 7946 0958",
    "030 12345678",
    "06 12 34 56 78",
    "03-1234-5678",
    "(02) 9876 5432",
    "612 34 56 78",
  ];
  it.each(phones)("finds %s in international or national format", (phone) => {
    expect(values(`Call me on ${phone} tomorrow.`, "phone")).toEqual([phone]);
  });
  it("needs a context word for unseparated national digits", () => {
    expect(values("phone 4155552671", "phone")).toEqual(["4155552671"]);
    expect(values("id 4155552671", "phone")).toEqual([]);
  });
  it("does not take dates, versions, ISBNs, prices or ids for phones", () => {
    const text =
      "Released 2023-10-15, build 10.0.19041.1, ISBN 978-0-306-40615-7, $1,299.99, order #4155552671, 2024.10.15, population 8 336 817 (2023)";
    expect(found(text)).toEqual([]);
  });
  it("does not take decimals one after another (an SVG path, coordinates) for a phone; a phone's dots still read", () => {
    expect(found('<path d="M29.689,13.329c0,16.373 -13.32,29.693 c12.777,12.781 40.11,17.317"/>')).toEqual(
      [],
    );
    expect(values("Call +1 206.555.0100 or (11) 98765.4321", "phone")).toEqual([
      "+1 206.555.0100",
      "(11) 98765.4321",
    ]);
  });
  it("does not take the value of a code field named an id for a phone, whatever phone word the name holds", () => {
    expect(found('ToolMessage(content="22", tool_call_id="123456789")')).toEqual([]);
    expect(found('{"tool_call_id": "023456789", "contactId": 4155552671, "phone-ID": 5551234567}')).toEqual(
      [],
    );
    // A field named for the phone itself is one; "Paid" ends in "id" but names none.
    expect(values('{"phone_number": "4155552671", "callerPhone": "415-555-2671"}', "phone")).toEqual([
      "4155552671",
      "415-555-2671",
    ]);
    expect(values("Paid: 415-555-2671", "phone")).toEqual(["415-555-2671"]);
  });
  it("reads groups written together, a trunk 1, dots, a country code without +, 011 and extensions", () => {
    const written = {
      "Hello 1-650-333-6000": "1-650-333-6000",
      "Hello (415) 6667777": "(415) 6667777",
      "Hello 0800-2491234": "0800-2491234",
      "Hello 425.882.8080": "425.882.8080",
      "Hello 06.12.34.56.78": "06.12.34.56.78",
      "Hello 86-755-12345678": "86-755-12345678",
      "Hello 91-9876543210": "91-9876543210",
      "Hello 01164 3 331 6005": "01164 3 331 6005",
      "Hello +44 2034567890x456": "+44 2034567890",
      "Hello 123-456-7890 to call me!": "123-456-7890",
      "Hello +1-800-123-4567 to call me!": "+1-800-123-4567",
      请拨打13912345678我在明天: "13912345678",
      "Meu número é (0xx11) 3456-7890.": "(0xx11) 3456-7890",
      "ligue 0xx21 98765-4321": "0xx21 98765-4321",
    };
    for (const [text, phone] of Object.entries(written)) expect(values(text, "phone")).toEqual([phone]);
  });
  it("reads the open carrier code after long runs of x and X", () => {
    // Each case's next `xx` is searched on from the last: a megabyte of `x` once took 4 s.
    const text = `${"x".repeat(50_000)} Meu número é (0XX11) 3456-7890, ${"X".repeat(50_000)} ligue 0xx21 98765-4321.`;
    expect(values(text, "phone")).toEqual(["(0XX11) 3456-7890", "0xx21 98765-4321"]);
  });
  it("after a phone word, reads a number valid in any region, configured or not", () => {
    // Vienna, Belgrade, Tehran: Austria, Serbia and Iran are not default regions.
    for (const phone of ["01 3719757", "012 916540", "058 968 15622"])
      expect(values(`Telefon: ${phone}`, "phone")).toEqual([phone]);
    expect(values("Hello 01 3719757", "phone")).toEqual([]);
    // A scan reads 32 numbers so in every region; later ones of a long list only in the configured ones
    // (each reading of a number valid nowhere tries ~240 regions).
    const list = `Telefon: ${Array.from({ length: 40 }, () => "01 3719757").join(", ")}`;
    expect(values(list, "phone")).toHaveLength(32);
    expect(found("We want to reach 10 000 000 users; contact 3 500 000 customers")).toEqual([]);
    expect(found("Call for papers 2024-2025; contact us for the 2023-2024 season; call 1939-1945")).toEqual(
      [],
    );
  });
  it("reads a trunk 0 and nine digits or more grouped otherwise than the region's format", () => {
    for (const phone of ["083 8670 3586", "(04310) 8813194", "05 9364 3721"])
      expect(values(`Hello ${phone}`, "phone")).toEqual([phone]);
    const codes = "NL91 ABNA 0417 1643 01, 1Z 999 AA1 01 2345 6784, 0-306-40615-2, 078 00 1123";
    expect(found(codes)).toEqual([]);
  });
  it("reads the region's groups split further, and a Chinese mobile however grouped", () => {
    for (const phone of ["(11) 9 8765-4321", "11 9 8765 4321", "0 11 98765-4321", "1391234 5678"])
      expect(values(`Hello ${phone}`, "phone")).toEqual([phone]);
    const lists = "--batch-sizes 0 1000 10000, BE71 0961 2345 6760, 2023-08-29T19:07:16.853479631-06:00";
    expect(found(lists)).toEqual([]);
  });
  it("tries loose groupings a bounded number of times per scan, the same on every scan", () => {
    // A table of numbers would have each parsed in every region; past the scan's allowance the
    // loosely grouped ones are left (numbers grouped as their region writes them are still found).
    const table = Array.from({ length: 40 }, (_, row) => `| 11 9 8765 ${String(4300 + row)} |`).join("\n");
    const first = values(table, "phone");
    expect(first.length).toBeGreaterThan(10);
    expect(first.length).toBeLessThan(40);
    expect(values(table, "phone")).toEqual(first);
    expect(values(`${table}\n(11) 98765-4321`, "phone")).toContain("(11) 98765-4321");
  });
  it("does not take decimals, ZIP+4 codes, opening hours or eleven digits outside Chinese text for phones", () => {
    const text =
      "Decimal(1.2345678901); Boston, MA 02110-1301 USA; open 0800-1700 daily; the numeral 15174315110";
    expect(found(text)).toEqual([]);
    expect(values("李明 15174315110 北京", "phone")).toEqual(["15174315110"]);
    expect(values("call 0800-1700", "phone")).toEqual([]);
  });
  it("does not read counts of millions after a phone word or in a list of phones", () => {
    const text =
      "It reached 1 234 567 views. He contacted 3 254 987 customers. Call 555-1234 or 1 234 567 people.";
    expect(values(text, "phone")).toEqual(["555-1234"]);
    expect(values("You can be reached at 0123 456789", "phone")).toEqual(["0123 456789"]);
  });
  it("reads digits with an extension after them as a phone", () => {
    for (const text of [
      "6507018887 ext 897",
      "6507018887 x 897",
      "٦٥٠٧٠١٨٨٨٧ فرعي ٨٩٧",
      "4156667777 ramal 12",
    ])
      expect(values(text, "phone")).toHaveLength(1);
    expect(values("6507018887 x 3", "phone")).toEqual([]);
  });
  it("reads a calling code in brackets, with or without +, into the span", () => {
    for (const phone of ["(+44) 7911 123456", "(86) 13912345678", "(852) 2345 6789"])
      expect(values(`Hello ${phone}`, "phone")).toEqual([phone]);
  });
  it("reads a carrier's call prefix before a calling code, grouped as the number's region groups it", () => {
    for (const phone of ["0011-650-333-6000", "0081-650-333-6000", "00844 20 7946 0958"])
      expect(values(`Hello ${phone}`, "phone")).toEqual([phone]);
    // In one run, `00` and Morocco's 212, not `002` and a North American number.
    expect(values("ref 00212408186135", "phone")).toEqual([]);
  });
  it("reads an area code, a slash and grouped digits without a phone word, never a time or a page", () => {
    expect(values("Hello 415/666-7777 or 0456/705 915", "phone")).toEqual(["415/666-7777", "0456/705 915"]);
    expect(values("2015-03-28 17:00:00/2015-03-29 21:00:00, page 123/456 7890", "phone")).toEqual([]);
  });
  it("reads six digits only after a phone label", () => {
    expect(values("Téléphone: 416054", "phone")).toEqual(["416054"]);
    expect(values("phone 416054, call 416054 times, code 416054", "phone")).toEqual([]);
  });
  it("reads six digits after a phone named right before them or a call to someone at them", () => {
    expect(values("Call me at 728590 tomorrow after ten.", "phone")).toEqual(["728590"]);
    expect(values("My phone number is 728590.", "phone")).toEqual(["728590"]);
    expect(values("You can reach us on 416054.", "phone")).toEqual(["416054"]);
    expect(values("We called 416054 people, the number is 416054", "phone")).toEqual([]);
  });
  it("reads a calling code and a bracketed trunk 0 as a phone of any region", () => {
    expect(values("Hello 64 (0)3 331 6005", "phone")).toEqual(["64 (0)3 331 6005"]);
  });
  it("reads the second number of a list after one phone word", () => {
    expect(values("Phone: 555-1234 or 555-5678", "phone")).toEqual(["555-1234", "555-5678"]);
    expect(values("Tel 9876-5432 ou 98765-4321", "phone")).toEqual(["9876-5432", "98765-4321"]);
    expect(values("Telefoon: 555-1234 of 555-5678", "phone")).toEqual(["555-1234", "555-5678"]);
    expect(values("Phone: 555-1234, page 12 of 2024 and 1234567", "phone")).toEqual(["555-1234"]);
  });
  it("reads a number against its label's abbreviation dot, as business cards print it; no other word's dot", () => {
    expect(values("TEL.03-1234-5678 FAX.03-1234-5679", "phone")).toEqual(["03-1234-5678", "03-1234-5679"]);
    expect(values("Tel.555-123-4567", "phone")).toEqual(["555-123-4567"]);
    expect(found("No.0612345678, approx.2500000 users, fig.0123456789, pi 3.14159265358")).toEqual([]);
  });
  it("does not take amounts, ZIP codes or digits against letters for phones", () => {
    const text =
      "¥415-666-7777, 415-666-7777%, É415-666-7777, ZIP 94103-1207, 164.689.383 people, 3747 3911, 700-1000 calories, 12345678901";
    expect(found(text)).toEqual([]);
  });
});

describe("pii: numbers confirmed by checksums", () => {
  it("finds Luhn-valid cards of every issuer, grouped as printed", () => {
    const visa = luhnNumber("4", 16, 3);
    const amex = luhnNumber("37", 15, 4);
    const grouped = `${visa.slice(0, 4)} ${visa.slice(4, 8)} ${visa.slice(8, 12)} ${visa.slice(12)}`;
    expect(values(`card ${grouped}`, "credit_card")).toEqual([grouped]);
    expect(
      values(`amex ${amex.slice(0, 4)}-${amex.slice(4, 10)}-${amex.slice(10)}`, "credit_card"),
    ).toHaveLength(1);
    expect(values("refund to 5555555555554444", "credit_card")).toEqual(["5555555555554444"]);
  });
  it("rejects card-like numbers that fail Luhn or carry no issuer prefix", () => {
    const visa = luhnNumber("4", 16, 5);
    const broken = visa.slice(0, 15) + String((Number(visa[15]) + 1) % 10);
    expect(values(`card ${broken}`, "credit_card")).toEqual([]);
    expect(found("ledger ref 1234 5678 9012 3456")).toEqual([]);
  });
  it("finds IBANs with valid mod-97 check digits, spaced or compact", () => {
    expect(values("IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX", "iban")).toEqual([
      "DE89 3704 0044 0532 0130 00",
    ]);
    expect(values("pay GB29NWBK60161331926819 now", "iban")).toEqual(["GB29NWBK60161331926819"]);
    expect(values("wrong DE89 3704 0044 0532 0130 01", "iban")).toEqual([]);
  });
  it("finds US SSNs outside the never-issued ranges", () => {
    expect(values("SSN 536-22-1943", "us_ssn")).toEqual(["536-22-1943"]);
    expect(values("ssn 536221943", "us_ssn")).toEqual(["536221943"]);
    for (const invalid of [
      "000-12-3456",
      "666-45-1234",
      "912-34-5678",
      "536-00-1943",
      "536-22-0000",
      "123-45-6789",
    ]) {
      expect(found(`SSN ${invalid}`), invalid).toEqual([]);
    }
    expect(found("Part number 482-19-5530")).toEqual([]);
  });
});

describe("pii: IP addresses", () => {
  it("finds public IPv4 and IPv6 addresses", () => {
    expect(values("login from 203.0.113.42 and 2001:db8:85a3::8a2e:370:7334.", "ipv4")).toEqual([
      "203.0.113.42",
    ]);
    expect(values("login from 2001:db8:85a3::8a2e:370:7334.", "ipv6")).toEqual([
      "2001:db8:85a3::8a2e:370:7334",
    ]);
  });
  it("with privateIpAddresses false, scores private ranges under the threshold and skips loopback", () => {
    const publicOnly = createPiiDetector({ phoneRegions: DEFAULT_PHONE_REGIONS, privateIpAddresses: false });
    expect(publicOnly.scan("router 192.168.1.1")).toMatchObject([{ type: "ipv4", score: 0.45 }]);
    expect(publicOnly.scan("127.0.0.1 0.0.0.0 ::1")).toEqual([]);
  });
  it("reports private and loopback addresses by default; skips masks, versions, times and MACs", () => {
    expect(found("router 192.168.1.1")).toMatchObject([{ type: "ipv4", score: 0.85 }]);
    expect(values("127.0.0.1 0.0.0.0 ::1", "ipv4")).toEqual(["127.0.0.1", "0.0.0.0"]);
    const text =
      "255.255.255.0 255.255.240.0 0.12.1.0 version 4.2.1.0 12:30:45 00:1A:2B:3C:4D:5E std::vector ::";
    expect(found(text)).toEqual([]);
  });
});

it("masks PII previews", () => {
  const [finding] = createPiiDetector({ phoneRegions: ["US"] }).scan("mail maria.gonzalez@fastmail.com");
  expect(finding?.preview).toBe("ma…om");
});
