import validator from "validator";
import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";

/** One of Duckling's corpus files: `Duckling/<Dimension>/[<LANG>/[<REGION>/]]Corpus.hs`. */
export interface DucklingCorpusFile {
  path: string;
  /** The file's Haskell text (read as text, never compiled or run). */
  haskell: string;
}

/** The dimensions whose phrases are numbers in text that are no one's personal data. */
export const DUCKLING_BENIGN_DIMENSIONS = [
  "AmountOfMoney",
  "Distance",
  "Duration",
  "Numeral",
  "Ordinal",
  "Quantity",
  "Temperature",
  "Time",
  "Url",
  "Volume",
];
/** The dimensions whose examples are PII modelmux claims, and the type and finding each labels. */
const PII_DIMENSIONS: Record<string, { type: string; scored: string }> = {
  PhoneNumber: { type: "PHONE_NUMBER", scored: "phone" },
  Email: { type: "EMAIL_ADDRESS", scored: "email" },
  CreditCardNumber: { type: "CREDIT_CARD", scored: "credit_card" },
};
/** Phone numbers Duckling lists among the phrases its time parser must leave alone. */
const PHONES_AMONG_NEGATIVES = /^at \d{3}([-.])\d{3}\1\d{4}$/;
const CORPUS_PATH = /^Duckling\/(\w+)\/(?:([A-Z]{2})\/)?(?:([A-Z]{2})\/)?Corpus\.hs$/;

/**
 * Duckling's per-language corpora (facebook/duckling): the example phrases its parser must read as a
 * number, an ordinal, an amount of money, a time, a duration, a distance, a quantity, a temperature,
 * a volume or a URL, in 50 languages (`$4.99`, `3 heures et quart`, `le 15 février 2013 à 17:30`,
 * `2,5 kg`, `veinticinco mil`, `三百五十`, `15:30 - 16:00`), and the phrases it must not read as one
 * (`negativeCorpus`). All are benign: numbers in running text that are no one's personal data. A
 * phrase with no digit of any script (`three hundred`, `tomorrow`) is left out, as it tests nothing a
 * number detector does. The phone, e-mail and card corpora are labelled: each example of the
 * `corpus` a positive of its type, scored on that type's findings, its span the whole phrase; each
 * phrase of the `negativeCorpus` a negative. Left out or weak, as the other dev sources do:
 * - a phone written as one run of digits without `+` and without an extension word after it
 *   (`06354640807`), or digit by digit between dots (`4.8.6.6.8.2.7`): nothing says it is a phone
 *   and not an id (weak, as faker-js's bare runs);
 * - the spoken e-mail forms of the language corpora (`alice at exAmple.io`, `arobase`, `dot com`):
 *   modelmux claims written addresses only (not taken);
 * - a card negative whose digits pass the Luhn check and only the grouping is wrong
 *   (`41111111-1111-1111`, the same digits a positive as `4111-1111-1111-1111`): conflict.
 * - Time/EN's negative phrases `at 650-650-6500` and `at 650.650.6500`: not times, Duckling says, and
 *   written there because they are North American phone numbers; labelled positives (the only
 *   phone-shaped phrases among the other dimensions' negatives).
 * Only list items that are string literals are read (`T.replicate 10000 "a at a"` is an expression).
 */
export function ducklingLines(files: readonly DucklingCorpusFile[], context: LineContext): PiiSecretLine[] {
  const lines: PiiSecretLine[] = [];
  for (const { path, haskell } of files) {
    const match = CORPUS_PATH.exec(path);
    if (match === null) continue;
    const [, dimension = "", code, region] = match;
    const language = code === undefined ? undefined : LANGUAGES[code];
    if (code !== undefined && language === undefined) throw new Error(`duckling ${path}: no language named`);
    const pii = PII_DIMENSIONS[dimension];
    if (pii === undefined && !DUCKLING_BENIGN_DIMENSIONS.includes(dimension)) continue;
    const where = [dimension, code, region].filter((part) => part !== undefined).join("/");
    const negativeStart = haskell.search(/^negativeCorpus\s*=/m);
    for (const item of listItems(haskell)) {
      const inNegativeCorpus = isInBlock(haskell, negativeStart, item.offset);
      const negative = pii === undefined || inNegativeCorpus;
      if (!/\p{Nd}/u.test(item.text) && pii === undefined) continue;
      const line: PiiSecretLine = {
        text: item.text,
        evaluates: "pii",
        positive: !negative,
        types: negative || pii === undefined ? [] : [pii.type],
        unclaimed: [],
        ...(language === undefined ? {} : { language }),
        ...context,
        origin: `${where} ${inNegativeCorpus ? "negative" : "example"}`,
      };
      const phone = PHONES_AMONG_NEGATIVES.exec(item.text);
      if (pii === undefined && inNegativeCorpus && phone !== null) {
        line.positive = true;
        line.types = ["PHONE_NUMBER"];
        line.scoredTypes = ["phone"];
        line.spans = [["PHONE_NUMBER", phone.index + 3, item.text.length]];
      }
      if (pii !== undefined && !negative) {
        if (dimension === "Email" && code !== undefined) continue;
        line.scoredTypes = [pii.scored];
        line.spans = [[pii.type, 0, item.text.length]];
        if (dimension === "PhoneNumber" && weakPhone(item.text)) line.excluded = "weak";
      }
      if (
        dimension === "CreditCardNumber" &&
        negative &&
        validator.isLuhnNumber(item.text.replace(/\D/g, ""))
      )
        line.excluded = "conflict";
      lines.push(line);
    }
  }
  return lines;
}

/** A phone of one digit run without `+` and no extension word after it, or of one-digit groups. */
function weakPhone(text: string): boolean {
  if (/^\p{Nd}(?:\.\p{Nd})+$/u.test(text)) return true;
  return /^\p{Nd}+$/u.test(text.trim());
}

/** Whether `offset` lies in the top-level definition that starts at `start` (up to the next one). */
function isInBlock(haskell: string, start: number, offset: number): boolean {
  if (start === -1 || offset < start) return false;
  const body = haskell.indexOf("\n", start) + 1;
  const next = haskell.slice(body).search(/^[a-z]\w*\s*(?:::|=)/m);
  return next === -1 || offset < body + next;
}

interface ListItem {
  text: string;
  offset: number;
}

/**
 * The string literals of a Haskell file that stand alone as list items (after `[` or `,`, before `,`
 * or `]`), decoded (`\1638` decimal, `\x41` hex, `\&` empty, `\"`, `\\`, `\n`); comments skipped.
 */
function listItems(haskell: string): ListItem[] {
  const items: ListItem[] = [];
  let previous = "";
  let index = 0;
  while (index < haskell.length) {
    const character = haskell[index] ?? "";
    if (haskell.startsWith("--", index) && !/[!#$%&*+./<=>?@\\^|~:]/.test(haskell[index + 2] ?? "")) {
      const end = haskell.indexOf("\n", index);
      index = end === -1 ? haskell.length : end;
      continue;
    }
    if (haskell.startsWith("{-", index)) {
      const end = haskell.indexOf("-}", index + 2);
      index = end === -1 ? haskell.length : end + 2;
      continue;
    }
    if (character === '"') {
      const { text, end } = readString(haskell, index + 1);
      const after = /^\s*(?:--[^\n]*\n\s*)*([,\]])/.exec(haskell.slice(end, end + 200));
      if ((previous === "[" || previous === ",") && after !== null) items.push({ text, offset: index });
      previous = '"';
      index = end;
      continue;
    }
    if (!/\s/.test(character)) previous = character;
    index++;
  }
  return items;
}

function readString(haskell: string, from: number): { text: string; end: number } {
  let text = "";
  let index = from;
  while (index < haskell.length && haskell[index] !== '"') {
    const character = haskell[index] ?? "";
    if (character !== "\\") {
      text += character;
      index++;
      continue;
    }
    const next = haskell[index + 1] ?? "";
    const decimal = /^\d+/.exec(haskell.slice(index + 1, index + 9));
    const hex = /^x([0-9a-fA-F]+)/.exec(haskell.slice(index + 1, index + 10));
    if (decimal !== null) {
      text += String.fromCodePoint(Number(decimal[0]));
      index += 1 + decimal[0].length;
    } else if (hex !== null) {
      text += String.fromCodePoint(Number.parseInt(hex[1] ?? "0", 16));
      index += 1 + hex[0].length;
    } else if (next === "&") {
      index += 2;
    } else if (/\s/.test(next)) {
      // A string gap: `\`, white space, `\`.
      index = haskell.indexOf("\\", index + 1) + 1;
    } else {
      text += ESCAPES[next] ?? next;
      index += 2;
    }
  }
  return { text, end: index + 1 };
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "'": "'" };

/** Duckling's language codes (its `Lang` type), by the names the corpus's other sources use. */
const LANGUAGES: Record<string, string> = {
  AF: "Afrikaans",
  AR: "Arabic",
  BG: "Bulgarian",
  BN: "Bengali",
  CA: "Catalan",
  CS: "Czech",
  DA: "Danish",
  DE: "German",
  EL: "Greek",
  EN: "English",
  ES: "Spanish",
  ET: "Estonian",
  FA: "Persian",
  FI: "Finnish",
  FR: "French",
  GA: "Irish",
  HE: "Hebrew",
  HI: "Hindi",
  HR: "Croatian",
  HU: "Hungarian",
  ID: "Indonesian",
  IS: "Icelandic",
  IT: "Italian",
  JA: "Japanese",
  KA: "Georgian",
  KM: "Khmer",
  KN: "Kannada",
  KO: "Korean",
  LO: "Lao",
  ML: "Malayalam",
  MN: "Mongolian",
  MY: "Burmese",
  NB: "Norwegian",
  NE: "Nepali",
  NL: "Dutch",
  PL: "Polish",
  PT: "Portuguese",
  RO: "Romanian",
  RU: "Russian",
  SK: "Slovak",
  SV: "Swedish",
  SW: "Swahili",
  TA: "Tamil",
  TE: "Telugu",
  TH: "Thai",
  TR: "Turkish",
  UK: "Ukrainian",
  VI: "Vietnamese",
  ZH: "Chinese",
};
