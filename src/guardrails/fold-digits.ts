import { stringOfUnits, TextUnits } from "../text-units.js";
import { isAsciiDigit } from "./char-class.js";

/**
 * Text as the number scan reads it: the decimal digits of the scripts in DIGIT_SCRIPTS as ASCII digits
 * (Arabic-Indic `١٢٣`, Persian `۱۲۳`, Devanagari `१२३`, Bengali `১২৩`, Thai `๑๒๓`, Myanmar `၁၂၃`, Khmer
 * `១២៣`…), full-width ASCII as ASCII (`ＴＥＬ：（０３）１２３４－５６７８`), the minus sign and the hyphens of
 * typeset text as `-` (the hyphen, the non-breaking hyphen that keeps a number on one line, the figure
 * dash set between digits: `555‑0100`, `206‒555‒0100`; not the en and em dashes, which set ranges,
 * `pp. 6301–6308`), Japanese's long vowel mark between digits as `-` (`090ー1234ー5678`), and the
 * ideographic, figure, thin and narrow no-break spaces as a space (French typesetting groups digits
 * with U+202F: `06 12 34 56 78`). Every replaced character is one UTF-16 unit and becomes one, so offsets into the
 * folded text are offsets into the original. Text without any such character is returned as it is
 * (one regex test). Then (foldMarks) en and em dashes joining three or more digit groups as `-`, and
 * the zero-width space and the word joiner between two digits as a space.
 */

/** Scripts with decimal digits of their own (each a run of ten code points from zero), by their zero. */
const DIGIT_SCRIPTS = [
  [0x0660, "arabic-indic"],
  [0x06f0, "persian"],
  [0x0966, "devanagari"],
  [0x09e6, "bengali"],
  [0x0a66, "gurmukhi"],
  [0x0ae6, "gujarati"],
  [0x0b66, "odia"],
  [0x0be6, "tamil"],
  [0x0c66, "telugu"],
  [0x0ce6, "kannada"],
  [0x0d66, "malayalam"],
  [0x0e50, "thai"],
  [0x0ed0, "lao"],
  [0x0f20, "tibetan"],
  [0x1040, "myanmar"],
  [0x17e0, "khmer"],
  [0x1810, "mongolian"],
] as const;

/** The scripts whose own digits foldDigits reads. */
export type DigitScript = (typeof DIGIT_SCRIPTS)[number][1];

/**
 * Every foldable unit, as ranges of codes: the scripts' digits; the figure, thin, narrow no-break and
 * ideographic spaces; the hyphens and the minus sign; full-width ASCII. FOLDABLE and FOLD_TABLE are
 * both built from it.
 */
const FOLDABLE_RANGES: readonly (readonly [number, number])[] = [
  ...DIGIT_SCRIPTS.map(([zero]) => [zero, zero + 9] as const),
  [0x2007, 0x2007],
  [0x2009, 0x2009],
  [0x202f, 0x202f],
  [0x2010, 0x2012],
  [0x2212, 0x2212],
  [0x3000, 0x3000],
  [0xff01, 0xff5e],
];

const hex = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;
export const FOLDABLE = new RegExp(
  `[${FOLDABLE_RANGES.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join("")}]`,
);
/** Runs of foldable characters: one replace callback per run, not per character (a Devanagari phone list is most of its text). */
const FOLDABLE_RUN = new RegExp(`${FOLDABLE.source}+`, "g");

const FULL_WIDTH_OFFSET = 0xfee0;

/** The zero of the script whose digit `code` is, or -1. */
function zeroOf(code: number): number {
  for (const [zero] of DIGIT_SCRIPTS) if (code >= zero && code <= zero + 9) return zero;
  return -1;
}

/** The code a FOLDABLE character's code becomes. */
function foldCode(code: number): number {
  if (code >= 0xff01) return code - FULL_WIDTH_OFFSET;
  if (code === 0x2212 || (code >= 0x2010 && code <= 0x2012)) return 0x2d; // "-"
  if (code === 0x3000 || code === 0x2007 || code === 0x2009 || code === 0x202f) return 0x20; // " "
  return code - zeroOf(code) + 0x30; // "0"
}

function foldRun(run: string): string {
  if (run.length === 1) return String.fromCharCode(foldCode(run.charCodeAt(0)));
  const codes = new Array<number>(run.length);
  for (let i = 0; i < run.length; i++) codes[i] = foldCode(run.charCodeAt(i));
  return stringOfUnits(codes);
}

/**
 * Past this many runs of foldable characters the whole text is folded in one pass through a table, not
 * by a replace callback per run (a megabyte of `৫ ` is half a million runs: ~150 ms of callbacks).
 */
const MANY_RUNS = 1024;
/** The smallest code FOLDABLE holds: every unit under it is read as it is. */
const FIRST_FOLDABLE = DIGIT_SCRIPTS[0][0];

/**
 * Each UTF-16 unit's code as foldDigits reads it: FOLDABLE's folded (always another code), every other
 * one itself. Built from FOLDABLE's ranges (fold-digits.test.ts checks every unit against it).
 */
export const FOLD_TABLE = new Uint16Array(0x10000);
for (let code = 0; code < 0x10000; code++) FOLD_TABLE[code] = code;
for (const [from, to] of FOLDABLE_RANGES)
  for (let code = from; code <= to; code++) FOLD_TABLE[code] = foldCode(code);

const textUnits = new TextUnits();
/**
 * Texts up to this length are read through FOLD_TABLE, longer ones by the regex: TextUnits keeps its
 * buffer for 64 KB, and a longer text's own new buffer (fresh pages) cost more than the regex (1 MB of
 * mixed text: 8-12 ms against 4.4 ms).
 */
const TABLE_READ_UNITS = 64 * 1024;

/**
 * Whether `text` holds a character FOLDABLE matches: its units through FOLD_TABLE, where the regex's
 * test of a 10 KB text with non-ASCII characters took ~130 us (its ranges tried at every unit), a
 * tenth of the PII detector's time.
 */
function hasFoldable(text: string): boolean {
  if (text.length > TABLE_READ_UNITS) return FOLDABLE.test(text);
  const units = textUnits.of(text);
  const table = FOLD_TABLE;
  const first = FIRST_FOLDABLE;
  const { length } = text;
  for (let index = 0; index < length; index++) {
    const code = units[index] ?? 0;
    if (code >= first && table[code] !== code) return true;
  }
  return false;
}

function foldWhole(text: string): string {
  const table = FOLD_TABLE;
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = table[text.charCodeAt(i)] ?? 0;
  return stringOfUnits(codes);
}

export function foldDigits(text: string): string {
  return foldMarks(foldLongMarks(foldCharacters(text)));
}

function foldCharacters(text: string): string {
  if (!hasFoldable(text)) return text;
  FOLDABLE_RUN.lastIndex = 0;
  let runs = 0;
  while (runs < MANY_RUNS && FOLDABLE_RUN.exec(text) !== null) runs++;
  return runs < MANY_RUNS ? text.replace(FOLDABLE_RUN, foldRun) : foldWhole(text);
}

/** Japanese's long vowel mark between two digits, typed for a hyphen: `090ー1234ー5678`. */
const LONG_MARK_BETWEEN_DIGITS = /(\d)ー(?=\d)/g;

/**
 * The long vowel mark `ー` (U+30FC) as `-` between two digits (already folded), where Japanese typists
 * set it for a hyphen (`090ー1234ー5678`); in words it is a vowel's length (`ケータイ`, `コーヒー`) and
 * stays. Asked only of text holding one (indexOf).
 */
function foldLongMarks(text: string): string {
  return text.includes("ー") ? text.replace(LONG_MARK_BETWEEN_DIGITS, "$1-") : text;
}

/**
 * An en or em dash between an area code with its trunk `0` and the seven or eight digits of the number
 * (`010—62345678`, `0755–88886666`), as Chinese text sets the dash between them: a range runs between
 * numbers of like size, never from three or four digits led by `0` to seven or eight.
 */
const TRUNK_DASH = /(?<!\d|\d\.)(0\d{2,3})[\u2013\u2014](?=\d{7,8}(?!\d|\.\d))/g;

/**
 * Three to five groups of digits joined by en or em dashes (`555–123–4567`, `+1—206—555—0100`), as word
 * processors set a typed hyphen: a range has two ends, never three. Read as the same run with hyphens,
 * so a date (`2023–12–05`) stays a date. Tried only on the run of digits and dashes around a dash with
 * a digit on both sides: prose sets many dashes.
 */
const DASHED_GROUPS = /^\d{1,4}(?:[\u2013\u2014]\d{1,4}){2,4}$/;
const EN_OR_EM_DASH = /[\u2013\u2014]/g;
/**
 * The en and em dashes, the zero-width space and the word joiner. One regex scan finds them all: a
 * tenth faster on 10 KB than the two includes() that looked for the dashes alone (indexOf on a two-byte
 * string is a plain loop), a third of four indexOf scans.
 */
const MARKS = /[\u2013\u2014\u200b\u2060]/g;

/** Where MARKS stand in `text`, in order; undefined without one. */
function markPositions(text: string): number[] | undefined {
  let positions: number[] | undefined;
  MARKS.lastIndex = 0;
  for (let mark = MARKS.exec(text); mark !== null; mark = MARKS.exec(text)) {
    positions ??= [];
    positions.push(mark.index);
  }
  return positions;
}

const isDashCode = (code: number) => code === 0x2013 || code === 0x2014;

/**
 * TRUNK_DASH's and DASHED_GROUPS' dashes as `-`, and the zero-width space and the word joiner as a space
 * between two digits (set between a number's groups they are unseen: `555\u200b123\u200b4567`; between
 * letters, where obfuscated text sets them, they stay). The text is rebuilt only where a run changes.
 */
function foldMarks(text: string): string {
  const positions = markPositions(text);
  if (positions === undefined) return text;
  const source = positions.some((at) => isDashCode(text.charCodeAt(at)))
    ? text.replace(TRUNK_DASH, "$1-")
    : text;
  let folded = "";
  let copied = 0;
  let next = 0;
  for (const at of positions) {
    if (at < next || !isAsciiDigit(source, at - 1) || !isAsciiDigit(source, at + 1)) continue;
    if (!isDashCode(text.charCodeAt(at))) {
      folded += `${source.slice(copied, at)} `;
      copied = at + 1;
      continue;
    }
    if (!isDashCode(source.charCodeAt(at))) continue; // TRUNK_DASH's, already `-`
    let start = at;
    while (start > 0 && (isAsciiDigit(source, start - 1) || isDashCode(source.charCodeAt(start - 1))))
      start--;
    let end = at;
    while (end < source.length && (isAsciiDigit(source, end) || isDashCode(source.charCodeAt(end)))) end++;
    const run = source.slice(start, end);
    const before = source[start - 1];
    if (start >= copied && before !== "." && before !== "-" && DASHED_GROUPS.test(run)) {
      folded += source.slice(copied, start) + run.replace(EN_OR_EM_DASH, "-");
      copied = end;
    }
    next = end;
  }
  return copied === 0 ? source : folded + source.slice(copied);
}

/** The script whose own digit stands at `index` in the original text; undefined for ASCII, full-width or no digit. */
export function digitScriptAt(text: string, index: number): DigitScript | undefined {
  const code = text.charCodeAt(index);
  if (code < DIGIT_SCRIPTS[0][0]) return undefined;
  for (const [zero, script] of DIGIT_SCRIPTS) if (code >= zero && code <= zero + 9) return script;
  return undefined;
}
