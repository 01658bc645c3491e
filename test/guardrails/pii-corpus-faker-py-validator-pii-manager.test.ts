import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakerPhoneLines } from "../../scripts/guardrails/extract-faker-phones.js";
import { type FakerPyProvider, fakerPyPhoneLines } from "../../scripts/guardrails/extract-faker-py-phones.js";
import { piiManagerLines } from "../../scripts/guardrails/extract-pii-manager.js";
import { validatorFixtureLines } from "../../scripts/guardrails/extract-validator-fixtures.js";
import { halfOf, mulberry32 } from "../../scripts/guardrails/seeded-random.js";

const context = { source: "fixture", split: "dev" as const, licence: "MIT" };

const PROVIDER = `
import itertools
from .. import Provider as PhoneNumberProvider


class Provider(PhoneNumberProvider):
    area_codes = ("30", "40")
    formats = (
        "+49 {{area_code}} ########",
        "0{{area_code}} %#######",
        "0{{unknown_code}} #######",
    )
    cellphone_formats = ("+49 15# ########",)
    services_phones_formats = ("110",)
    PREFIXES = ("6##",)
    computed = tuple(p + "###" for p in PREFIXES)
`;

function readProviders(sources: Record<string, string>): Record<string, FakerPyProvider> {
  const script = join(import.meta.dirname, "../../scripts/guardrails/read-faker-py-phones.py");
  return JSON.parse(execFileSync("python3", [script], { input: JSON.stringify(sources) }).toString("utf8"));
}

describe("joke2k/faker's phone providers (Python, parsed, never run)", () => {
  const providers = readProviders({ de_DE: PROVIDER });

  it("reads the phone format lists and the literal tuples, not service codes or computed tuples", () => {
    expect(Object.keys(providers.de_DE?.formats ?? {})).toEqual(["formats", "cellphone_formats"]);
    expect(providers.de_DE?.lists).toEqual({
      area_codes: ["30", "40"],
      services_phones_formats: ["110"],
      PREFIXES: ["6##"],
    });
  });

  it("draws templates from the provider's tuples, leaves out a format naming none, and keeps one half's locales", () => {
    const half = halfOf("de_DE");
    const other = half === "a" ? "b" : "a";
    const { lines, leftOut } = fakerPyPhoneLines(providers, half, mulberry32(5), context);
    expect(leftOut).toBe(1);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const [, start, end] = line.spans?.[0] ?? ["", 0, 0];
      expect(line.text.slice(start, end)).toMatch(/^(?:\+49 (?:30|40|15\d) |0[34]0 [1-9])\d+$/);
      expect(line.text).not.toMatch(/[{}%#]/);
    }
    expect(fakerPyPhoneLines(providers, other, mulberry32(5), context).lines).toEqual([]);
  });
});

describe("faker phone lines without a phone word", () => {
  it("leaves out a decimal as weak as it does a digit run: nothing says it is a phone", () => {
    // Yerevan's `10.######` (joke2k/faker's hy_AM) alone reads as a decimal.
    const lines = Array.from({ length: 40 }, (_, seed) => seed).flatMap((seed) =>
      fakerPhoneLines(
        [{ locale: "hy", kind: "human", typescript: "['10.######']" }],
        mulberry32(seed),
        context,
      ),
    );
    const unnamed = lines.filter((line) => /(alone|note)\)$/.test(line.origin));
    expect(unnamed.length).toBeGreaterThan(0);
    for (const line of unnamed) expect(line.excluded).toBe("weak");
  });
});

const VALIDATOR_TESTS = `
describe('Validators', () => {
  it('should validate IBAN', () => {
    test({
      validator: 'isIBAN',
      valid: ['DE91 1000 0000 0123 4567 89', 'GB29NWBK60161331926819'],
      invalid: ['XX22YYY1234567890123', 'DE91100000000123456789@'],
    });
    test({
      validator: 'isIBAN',
      args: [{ whitelist: ['DK'] }],
      valid: ['DK5000400440116243'],
      invalid: ['GB29NWBK60161331926819'],
    });
  });
  it('should validate email addresses', () => {
    test({
      validator: 'isEmail',
      valid: ['foo@bar.com', \`\${'a'.repeat(64)}@example.com\`],
      invalid: ['nbsp test@test.com'],
    });
  });
  it('should validate mobile phone number', () => {
    let fixtures = [
      { locale: 'de-DE', valid: ['+491701234567', '+49 170 1234567', '+491234'], invalid: ['99999'] },
    ];
  });
  it('should validate postal code', () => {
    const fixtures = [{ locale: 'DE', valid: ['10115'] }];
  });
});
`;

describe("validator.js's fixtures (JavaScript, parsed, never run)", () => {
  const both = (["a", "b"] as const).flatMap(
    (half) => validatorFixtureLines(VALIDATOR_TESTS, half, mulberry32(2), context).lines,
  );

  it("puts valid mobile numbers of the locale's country in frames, never postal codes or invalid ones", () => {
    const phones = both.filter((line) => line.types.includes("PHONE_NUMBER"));
    const numbers = phones.map((line) => {
      const [, start, end] = line.spans?.[0] ?? ["", 0, 0];
      return line.text.slice(start, end);
    });
    expect(numbers.sort()).toEqual(["+49 170 1234567", "+491701234567"]);
    for (const line of phones) expect(line.scoredTypes).toEqual(["phone"]);
    expect(both.some((line) => line.text.includes("10115") || line.text.includes("99999"))).toBe(false);
  });

  it("reads isEmail's literal valid values, not those built at run time nor its invalid ones", () => {
    const emails = both.filter((line) => line.scoredTypes?.includes("email"));
    expect(emails.map((line) => line.positive)).toEqual([true]);
    expect(emails[0]?.text).toContain("foo@bar.com");
  });

  it("reads IBANs of the test without options, invalid ones negative, and leaves out an invalid one that holds a valid one", () => {
    const ibans = both.filter((line) => line.scoredTypes?.includes("iban"));
    expect(ibans.filter((line) => line.positive)).toHaveLength(2);
    expect(ibans.some((line) => line.text.includes("DK5000400440116243"))).toBe(false);
    const invalid = ibans.filter((line) => !line.positive);
    expect(invalid.find((line) => line.text.includes("XX22"))?.excluded).toBeUndefined();
    expect(invalid.find((line) => line.text.includes("@"))?.excluded).toBe("conflict");
  });
});

describe("pii-manager's unit tests (Python, parsed, never run)", () => {
  const script = join(import.meta.dirname, "../../scripts/guardrails/read-pii-manager-tests.py");
  const read = (sources: Record<string, string>) =>
    JSON.parse(
      execFileSync("python3", [script], { input: JSON.stringify(sources) }).toString("utf8"),
    ) as Record<string, [string, string][] | null>;
  const tests = read({
    "t/lang/en/us/test_ssn.py":
      'TEST = [("SSN: 536-90-4399", "SSN: <GOV_ID>"), ("not a SSN: 666-90-4399", "not a SSN: 666-90-4399")]',
    "t/lang/en/au/test_tfn.py": 'TEST = [("tfn: 963 553 151.", "tfn: <GOV_ID>.")]',
    "t/lang/en/any/test_ipn_en.py":
      'TEST = [("phonograph +34983453999", "phonograph +34983453999"), ("phone: +99 983 453 999", "phone: +99 983 453 999")]',
    "t/lang/es/es/test_govid.py": "TEST = [(make(), 'x')]",
  });

  it("reads literal TEST lists only", () => {
    expect(tests["t/lang/es/es/test_govid.py"]).toBeNull();
    expect(tests["t/lang/en/us/test_ssn.py"]).toHaveLength(2);
  });

  it("labels by the expected output: claimed ids with their span, other countries' ids unclaimed, unread valid phones weak", () => {
    const files = Object.entries(tests).flatMap(([path, pairs]) => (pairs === null ? [] : [{ path, pairs }]));
    const lines = piiManagerLines(files, context);
    const byText = new Map(lines.map((line) => [line.text, line]));
    expect(byText.get("SSN: 536-90-4399")).toMatchObject({ positive: true, spans: [["US_SSN", 5, 16]] });
    expect(byText.get("not a SSN: 666-90-4399")?.positive).toBe(false);
    expect(byText.get("tfn: 963 553 151.")).toMatchObject({ positive: false, unclaimed: ["GOV_ID"] });
    expect(byText.get("phonograph +34983453999")?.excluded).toBe("weak");
    expect(byText.get("phone: +99 983 453 999")).toMatchObject({ positive: false });
    expect(byText.get("phone: +99 983 453 999")?.excluded).toBeUndefined();
  });
});
