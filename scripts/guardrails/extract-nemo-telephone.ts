import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";
import { fnv1a } from "./seeded-random.js";

/** One of NeMo-text-processing's telephone test files: `tests/nemo_text_processing/<lang>/data_…/test_cases_telephone*.txt`. */
export interface NemoTelephoneFile {
  path: string;
  content: string;
}

/** The language folder of a test file, and the language it names. */
const FOLDER =
  /nemo_text_processing\/(\w+)\/data_(?:inverse_)?text_normalization\/test_cases_telephone(?:_cased)?\.txt$/;
const LANGUAGES: Record<string, string> = {
  de: "German",
  en: "English",
  es: "Spanish",
  es_en: "Spanish",
  fr: "French",
  hi: "Hindi",
  hi_en: "Hindi",
  hu: "Hungarian",
  ko: "Korean",
  pt: "Portuguese",
  ru: "Russian",
  sv: "Swedish",
  vi: "Vietnamese",
};

/** A number as written: digits of any script, with the separators phone numbers are written with. */
const NUMBER = /[+(]?\p{Nd}[\p{Nd} ().\-/]*\p{Nd}|\p{Nd}/gu;
const DIGIT = /\p{Nd}/gu;
const LETTER_IN_NUMBER = /\p{Nd}[-.]?\p{L}+[-.]?\p{Nd}|\p{Nd}-\p{L}/u;
const IPV4 = /^\p{Nd}{1,3}(?:\.\p{Nd}{1,3}){3}$/u;
const SSN = /^\p{Nd}{3}-\p{Nd}{2}-\p{Nd}{4}$/u;
/** Phone numbers run from 7 digits (a subscriber's number) to 15 (E.164), an extension aside. */
const MIN_PHONE_DIGITS = 7;
const MAX_PHONE_DIGITS = 15;

/** Which half of the source a written text falls in, by a hash of the text (FNV-1a): "a" or "b". */
export function nemoHalf(text: string): "a" | "b" {
  return fnv1a(text) % 2 === 0 ? "a" : "b";
}

const digitsOf = (text: string) => text.match(DIGIT)?.length ?? 0;

/**
 * NeMo-text-processing's test cases for its telephone class (text normalisation: `written~spoken`;
 * inverse: `spoken~written`; either way the side with more digits is the written one), read as
 * text. The class holds what a speech system reads out digit by digit: phone numbers in national
 * and international forms of the test's language (bare, in a sentence, with a country code, an
 * extension or a label), and IP addresses, SSNs, PIN codes and short numbers. A written text
 * holding a number of 7 to 15 digits (an IPv4 address or an SSN's 3-2-4 shape aside) is positive,
 * with that number's span; one whose every number has fewer than 7 digits, or is an IPv4 address or
 * an SSN, is negative (no phone number); one with a number of more than 15 digits, or with letters
 * inside a number (`1-800-GO-2-HAUL`), is left out as weak. Only phone findings are scored. Lines
 * are split into halves by a hash of the written text (`nemoHalf`); only `half`'s lines are returned.
 */
export function nemoTelephoneLines(
  files: readonly NemoTelephoneFile[],
  half: "a" | "b",
  context: LineContext,
): PiiSecretLine[] {
  const lines: PiiSecretLine[] = [];
  for (const { path, content } of files) {
    const folder = FOLDER.exec(path)?.[1];
    if (folder === undefined) continue;
    const language = LANGUAGES[folder];
    if (language === undefined) throw new Error(`nemo telephone ${path}: no language named for ${folder}`);
    content.split("\n").forEach((row, index) => {
      const sides = row.split("~");
      if (sides.length !== 2) return;
      const [left = "", right = ""] = sides.map((side) => side.trim());
      const text = digitsOf(right) > digitsOf(left) ? right : left;
      if (digitsOf(text) === 0 || nemoHalf(text) !== half) return;
      const line = labelled(text, context);
      lines.push({ ...line, language, origin: `${path.split("/").slice(-3).join("/")}:${index + 1}` });
    });
  }
  return lines;
}

function labelled(text: string, context: LineContext): Omit<PiiSecretLine, "origin"> {
  const base = {
    text,
    evaluates: "pii" as const,
    unclaimed: [],
    scoredTypes: ["phone"],
    source: context.source,
    split: context.split,
    licence: context.licence,
  };
  const spans: [string, number, number][] = [];
  let weak = LETTER_IN_NUMBER.test(text);
  for (const match of text.matchAll(NUMBER)) {
    const number = match[0];
    const digits = digitsOf(number);
    if (digits < MIN_PHONE_DIGITS || IPV4.test(number) || SSN.test(number)) continue;
    if (digits > MAX_PHONE_DIGITS) weak = true;
    else spans.push(["PHONE_NUMBER", match.index, match.index + number.length]);
  }
  if (weak) return { ...base, positive: spans.length > 0, types: [], excluded: "weak" };
  return spans.length > 0
    ? { ...base, positive: true, types: ["PHONE_NUMBER"], spans }
    : { ...base, positive: false, types: [] };
}
