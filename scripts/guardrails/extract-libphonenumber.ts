import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";

/**
 * libphonenumber's PhoneNumberMatcherTest.java (read as text, never compiled): numbers in running
 * text, each with the region it is dialled from, and what the matcher must and must not find at
 * each leniency. Read here:
 * - `doTestFindInContext(number, region)`: the number inside each context of `findPossibleInContext`
 *   and `findValidInContext` ("Hi there, call … to reach me!", dates, prices, a second number…);
 * - the `*_CASES` tables: EXACT_GROUPING and STRICT_GROUPING cases must be found at the default
 *   leniency and are positive; VALID cases are found only when grouping is not checked (`12.1 -
 *   23.71 - 23.45`) and are left out as weak; POSSIBLE_ONLY and IMPOSSIBLE cases (dates, times,
 *   `650+253+1234`) are negative;
 * - `findMatchesInContexts(list, isValid, …)`: `415-666-7777` (or the number named) in each context
 *   of the list, positive when the matcher finds it at the default leniency (Chinese text,
 *   punctuation, money with a space), negative when only at "possible" (Latin letters, `$`, `%`);
 * - `hasNoMatches(phoneUtil.findNumbers("…", …))`: negative.
 * A context that puts a Latin letter right against a number (`Hi call`, `forme`) is matched only at
 * "possible" leniency, and the line is left out as weak. The tests run against libphonenumber's own
 * test metadata, in which some numbers exist that no real plan has (`+49-49-34`): a positive whose
 * number is not of a length its region (or its country code) dials in the real metadata is left
 * out too (`unsupported`). Every line is scored on phone findings only, with its span.
 */
export function libphonenumberMatcherLines(
  java: string,
  file: string,
  context: LineContext,
): PiiSecretLine[] {
  const lines: PiiSecretLine[] = [];
  const add = (
    prefix: string,
    number: string,
    suffix: string,
    region: string,
    positive: boolean,
    what: string,
  ) => {
    const text = prefix + number + suffix;
    const line: PiiSecretLine = {
      text,
      evaluates: "pii",
      positive,
      types: positive ? ["PHONE_NUMBER"] : [],
      unclaimed: [],
      scoredTypes: ["phone"],
      language: /\p{Script=Han}/u.test(text) ? "Chinese" : "English",
      ...(positive ? { spans: [["PHONE_NUMBER", prefix.length, prefix.length + number.length]] } : {}),
      ...context,
      origin: `${file} ${what} ${region}`,
    };
    if (positive && LETTER_AGAINST.test(prefix.slice(-1) + suffix.slice(0, 1))) line.excluded = "weak";
    else if (positive && !possibleInRealPlan(number, region)) line.excluded = "unsupported";
    lines.push(line);
  };

  const methods = javaMethods(java);
  const contextsOf = (name: string) => numberContexts(methods.get(name) ?? "");
  const inContext = [...contextsOf("findPossibleInContext"), ...contextsOf("findValidInContext")];
  for (const [, numberExpression, region] of java.matchAll(DO_TEST_FIND)) {
    const number = stringExpression(numberExpression ?? "", new Map());
    for (const [prefix, suffix] of inContext)
      add(prefix, number, suffix, regionOf(region), true, "doTestFindInContext");
  }

  for (const [, table, body] of java.matchAll(CASE_TABLE)) {
    const label = CASE_LABELS[table ?? ""];
    if (label === undefined) throw new Error(`${file}: unknown case table ${table}`);
    for (const [, numberExpression, region] of (body ?? "").matchAll(NUMBER_TEST)) {
      const number = stringExpression(numberExpression ?? "", new Map());
      const positive = label !== "negative";
      const before = lines.length;
      add("", number, "", regionOf(region), positive, table ?? "");
      const line = lines[before];
      if (label === "weak" && line !== undefined) line.excluded = "weak";
    }
  }

  for (const [name, body] of methods) {
    // testNoMatchIfRegionIsNull: a national number found only with a region given; a person reads it as a number.
    if (!name.startsWith("test") || name === "testNoMatchIfRegionIsNull") continue;
    const strings = new Map<string, string>();
    for (const [, variable, expression] of body.matchAll(STRING_ASSIGNMENT))
      if (expression?.includes('"') || strings.has(expression ?? ""))
        strings.set(variable ?? "", stringExpression(expression ?? "", strings));
    const lists = new Map<string, [string, string][]>();
    for (const [, list, prefix, suffix] of body.matchAll(LIST_ADD)) {
      const contexts = lists.get(list ?? "") ?? [];
      contexts.push([unescapeJava(prefix ?? ""), unescapeJava(suffix ?? "")]);
      lists.set(list ?? "", contexts);
    }
    for (const [, list, isValid, , region, numberName] of body.matchAll(FIND_IN_CONTEXTS)) {
      const number = numberName === undefined ? DEFAULT_NUMBER : (strings.get(numberName) ?? "");
      if (number === "") throw new Error(`${file} ${name}: unknown number ${numberName}`);
      for (const [prefix, suffix] of lists.get(list ?? "") ?? [])
        add(prefix, number, suffix, regionOf(region ?? "RegionCode.US"), isValid === "true", name);
    }
    // `findNumbers(null, …)` tests the API, not a text.
    for (const [, textExpression, region] of body.matchAll(NO_MATCHES))
      if (textExpression !== "null")
        add("", stringExpression(textExpression ?? "", strings), "", regionOf(region), false, name);
  }
  return lines;
}

const DEFAULT_NUMBER = "415-666-7777";
const LETTER_AGAINST = /\p{Script=Latin}|\p{M}/u;
const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const STRING_EXPRESSION = String.raw`(?:${STRING}|\w+)(?:\s*\+\s*(?:${STRING}|\w+))*`;
const REGION = String.raw`(RegionCode\.\w+|null)`;
const DO_TEST_FIND = new RegExp(
  String.raw`doTestFindInContext\(\s*(${STRING_EXPRESSION}),\s*${REGION}\)`,
  "g",
);
const CASE_TABLE = /NumberTest\[\]\s+(\w+_CASES)\s*=\s*\{([\s\S]*?)\n\s*\};/g;
const NUMBER_TEST = new RegExp(String.raw`new NumberTest\(\s*(${STRING_EXPRESSION}),\s*${REGION}\)`, "g");
const STRING_ASSIGNMENT = new RegExp(String.raw`(?:String\s+)?(\w+)\s*=\s*(${STRING_EXPRESSION});`, "g");
const LIST_ADD = new RegExp(String.raw`(\w+)\.add\(new NumberContext\((${STRING}),\s*(${STRING})\)\)`, "g");
const FIND_IN_CONTEXTS =
  /findMatchesInContexts\((\w+),\s*(true|false),\s*(true|false)(?:,\s*(RegionCode\.\w+),\s*(\w+))?\)/g;
const NO_MATCHES = new RegExp(
  String.raw`hasNoMatches\(phoneUtil\.findNumbers\(\s*(${STRING_EXPRESSION}),\s*${REGION}\)\)`,
  "g",
);
/** How each table of PhoneNumberMatcherTest is labelled (see libphonenumberMatcherLines). */
const CASE_LABELS: Record<string, "positive" | "weak" | "negative"> = {
  EXACT_GROUPING_CASES: "positive",
  STRICT_GROUPING_CASES: "positive",
  VALID_CASES: "weak",
  POSSIBLE_ONLY_CASES: "negative",
  IMPOSSIBLE_CASES: "negative",
};

/** `RegionCode.NZ` → `NZ`; `RegionCode.ZZ` and `null` (no region: the number must carry its country) → `ZZ`. */
function regionOf(expression: string | undefined): string {
  return expression === undefined || expression === "null" ? "ZZ" : expression.replace("RegionCode.", "");
}

/** The methods of the class, by name: from each `void name(…) … {` to the next method. */
function javaMethods(java: string): Map<string, string> {
  const methods = new Map<string, string>();
  const heads = [
    ...java.matchAll(/\n\s+(?:public|private)\s+(?:static\s+)?\w+\s+(\w+)\s*\([^)]*\)[^{;]*\{/g),
  ];
  heads.forEach((head, index) => {
    const end = heads[index + 1]?.index ?? java.length;
    methods.set(head[1] ?? "", java.slice((head.index ?? 0) + head[0].length, end));
  });
  return methods;
}

/** The `new NumberContext(prefix, suffix)` pairs in a method body, in order. */
function numberContexts(body: string): [string, string][] {
  return [...body.matchAll(LIST_ADD)].map(([, , prefix, suffix]) => [
    unescapeJava(prefix ?? ""),
    unescapeJava(suffix ?? ""),
  ]);
}

/** A `+`-joined expression of Java string literals and string variables already read. */
function stringExpression(expression: string, strings: Map<string, string>): string {
  return [...expression.matchAll(new RegExp(`${STRING}|\\w+`, "g"))]
    .map(([part]) => {
      if (part.startsWith('"')) return unescapeJava(part);
      const value = strings.get(part);
      if (value === undefined) throw new Error(`unknown string variable ${part}`);
      return value;
    })
    .join("");
}

/** A Java string literal's value: `\uXXXX`, `\t`, `\n`, `\"` and `\\` escapes. */
function unescapeJava(literal: string): string {
  return literal.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, sequence: string) => {
    if (sequence.startsWith("u") && sequence.length === 5)
      return String.fromCharCode(Number.parseInt(sequence.slice(1), 16));
    return { t: "\t", n: "\n", r: "\r" }[sequence] ?? sequence;
  });
}

/** Whether a number is of a length its region (or the country code it is written with) dials. */
function possibleInRealPlan(number: string, region: string): boolean {
  const defaultCountry = region === "ZZ" ? undefined : (region as CountryCode);
  return parsePhoneNumberFromString(number, { defaultCountry, extract: false })?.isPossible() === true;
}
