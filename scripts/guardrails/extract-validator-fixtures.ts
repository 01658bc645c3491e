import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import ts from "typescript";
import { FRAMES } from "./extract-faker-phones.js";
import type { LineContext } from "./extract-pii-secret.js";
import { PHONE_WORDS } from "./phone-words-by-language.js";
import type { PiiSecretLine } from "./pii-secret-line.js";
import { fnv1a, halfOf } from "./seeded-random.js";

/**
 * The validators whose unconditional cases are read, the type each value is, and whether its invalid
 * values are read as negatives: isEmail's are not (`test1@invalid.co m`, `username@domain.com©`,
 * `nbsp test@test.com`: invalid as whole strings, each holds an address a text would show).
 */
const VALUE_VALIDATORS: Record<string, { type: string; scored: string; label: string; invalid: boolean }> = {
  isIBAN: { type: "IBAN_CODE", scored: "iban", label: "IBAN", invalid: true },
  isCreditCard: { type: "CREDIT_CARD", scored: "credit_card", label: "card number", invalid: true },
  isEmail: { type: "EMAIL_ADDRESS", scored: "email", label: "e-mail", invalid: false },
};

/** What IBANs and card numbers are written with. */
const OWN_CHARACTERS = /^[A-Za-z0-9 -]+$/;

/** Sentences a value is put in: `{label}` is the validator's word (IBAN, card number). */
const CHECKSUM_FRAMES = [
  "Please send it to {label} {n} before Friday.",
  "{label}: {n}",
  "I copied {n} from the form.",
];

/**
 * validator.js's test fixtures (test/validators.test.js, parsed with TypeScript, never run), values
 * its contributors wrote for each check, put in running text:
 * - isMobilePhone's per-locale fixtures (`{ locale: 'de-DE', valid: […] }`): each valid number that
 *   libphonenumber-js reads as a valid number of the locale's country, in one of faker-phone-formats'
 *   frames (alone, after the locale language's phone word, or in an English sentence), positive with
 *   its span and scored on phone findings; a number libphonenumber-js does not read as valid there
 *   (validator's ranges are wider) is left out as unsupported, and so is a run of digits without `+`
 *   in a frame without a phone word (weak). The invalid numbers are not read: invalid as a mobile of
 *   that locale is not "no phone number" (landlines, other countries).
 * - isIBAN's and isCreditCard's tests without options: the valid values positive, the invalid ones
 *   negative, each in a sentence, scored on that type's findings only; isEmail's valid values alike
 *   (added after the first two: its first reading is its own).
 * An invalid value with characters of no IBAN or card number (`@`, `!`, an emoji) tests the
 * validator's reading of a whole string, not whether a text holds one: left out as a conflict.
 * Each value goes to half `a` or `b` by a hash of it (halfOf); returns the lines of `half`.
 */
export function validatorFixtureLines(
  javascript: string,
  half: "a" | "b",
  random: () => number,
  context: LineContext,
): { lines: PiiSecretLine[]; leftOut: number } {
  const lines: PiiSecretLine[] = [];
  let leftOut = 0;
  for (const { test, names, object } of fixtureObjects(javascript)) {
    const { locale, validator, valid, invalid } = object;
    if (
      test === "should validate mobile phone number" &&
      typeof locale === "string" &&
      Array.isArray(valid)
    ) {
      for (const number of valid) {
        if (halfOf(number) !== half) continue;
        const line = phoneLine(number, locale, random, context);
        if (line === undefined) leftOut++;
        else lines.push(line);
      }
      continue;
    }
    const checksum = typeof validator === "string" ? VALUE_VALIDATORS[validator] : undefined;
    // A test with options (a provider, a whitelist) calls other valid values invalid.
    if (checksum === undefined || names.has("args")) continue;
    const cases = [
      ...(Array.isArray(valid) ? valid.map((value) => [value, true] as const) : []),
      ...(Array.isArray(invalid) && checksum.invalid ? invalid.map((value) => [value, false] as const) : []),
    ];
    for (const [value, positive] of cases) {
      if (value.trim() === "" || halfOf(value) !== half) continue;
      // isEmail's frames are drawn from the value, so adding it left the other lines as they were.
      const draw = checksum.invalid ? random() : fnv1a(value) / 2 ** 32;
      const frame = CHECKSUM_FRAMES[Math.floor(draw * CHECKSUM_FRAMES.length)] ?? "{n}";
      const [prefix = "", suffix = ""] = frame.replace("{label}", checksum.label).split("{n}");
      const line: PiiSecretLine = {
        text: `${prefix}${value}${suffix}`,
        evaluates: "pii",
        positive,
        types: positive ? [checksum.type] : [],
        unclaimed: [],
        scoredTypes: [checksum.scored],
        ...context,
        origin: `${validator} ${positive ? "valid" : "invalid"}`,
      };
      if (positive) line.spans = [[checksum.type, prefix.length, prefix.length + value.length]];
      // `FR76…189@`, `FR76…189😅`: invalid as a whole string, yet the text holds a valid value.
      else if (!OWN_CHARACTERS.test(value)) line.excluded = "conflict";
      lines.push(line);
    }
  }
  return { lines, leftOut };
}

function phoneLine(
  number: string,
  locale: string,
  random: () => number,
  context: LineContext,
): PiiSecretLine | undefined {
  const [language = "", country = ""] = locale.split("-");
  const region = country.toUpperCase() as CountryCode;
  const phone = parsePhoneNumberFromString(number, region);
  if (phone === undefined || !phone.isValid() || phone.country !== region) return undefined;
  const label = PHONE_WORDS[language] ?? PHONE_WORDS.en ?? ["English", "Phone"];
  const frame = FRAMES[Math.floor(random() * FRAMES.length)] ?? FRAMES[0];
  if (frame === undefined) return undefined;
  const [prefix = "", suffix = ""] = frame.text.replace("{label}", label[1]).split("{n}");
  if (!frame.namesPhone && /^\d+$/.test(number)) return undefined;
  return {
    text: `${prefix}${number}${suffix}`,
    evaluates: "pii",
    positive: true,
    types: ["PHONE_NUMBER"],
    unclaimed: [],
    scoredTypes: ["phone"],
    ...(frame.language === "local" ? { language: label[0] } : frame.language ? { language: "English" } : {}),
    spans: [["PHONE_NUMBER", prefix.length, prefix.length + number.length]],
    ...context,
    origin: `isMobilePhone ${locale} (${frame.name})`,
  };
}

/**
 * A string literal, or the string literals of an array, as written (the file is parsed, never run):
 * a value built at run time (`${'a'.repeat(64)}@…`) is left out of its array.
 */
function literal(node: ts.Expression): string | string[] | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (!ts.isArrayLiteralExpression(node)) return undefined;
  return node.elements.flatMap((element) => {
    const item = literal(element as ts.Expression);
    return typeof item === "string" ? [item] : [];
  });
}

/**
 * The object literals of the file with the title of the `it(…)` they are in, their properties' names
 * and their literal values (strings and arrays of strings; other values only named).
 */
function fixtureObjects(
  javascript: string,
): { test: string; names: Set<string>; object: Record<string, string | string[]> }[] {
  const file = ts.createSourceFile(
    "validators.test.js",
    javascript,
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.JS,
  );
  const found: { test: string; names: Set<string>; object: Record<string, string | string[]> }[] = [];
  const visit = (node: ts.Node, test: string) => {
    let inside = test;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "it") {
      const title = node.arguments[0];
      if (title !== undefined && ts.isStringLiteral(title)) inside = title.text;
    }
    if (ts.isObjectLiteralExpression(node)) {
      const names = new Set<string>();
      const object: Record<string, string | string[]> = {};
      for (const property of node.properties) {
        if (property.name === undefined || !ts.isIdentifier(property.name)) continue;
        names.add(property.name.text);
        const value = ts.isPropertyAssignment(property) ? literal(property.initializer) : undefined;
        if (value !== undefined) object[property.name.text] = value;
      }
      found.push({ test: inside, names, object });
    }
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(file, "");
  return found;
}
