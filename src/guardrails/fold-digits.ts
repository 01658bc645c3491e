/**
 * Text as the number scan reads it: digits of other scripts as ASCII digits (Arabic-Indic `١٢٣`,
 * Persian `۱۲۳`, Devanagari `१२३`), full-width ASCII as ASCII (`ＴＥＬ：（０３）１２３４－５６７８`), the
 * minus sign and the hyphens of typeset text as `-` (the hyphen, the non-breaking hyphen that keeps a
 * number on one line, the figure dash set between digits: `555‑0100`, `206‒555‒0100`; not the en and
 * em dashes, which set ranges, `pp. 6301–6308`), and the ideographic space as a space. Every replaced
 * character is one UTF-16 unit and becomes one, so offsets into the folded text are offsets into the
 * original. Text without any such character is returned as it is (one regex test).
 */
const FOLDABLE = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u2010-\u2012\u2212\u3000\uff01-\uff5e]/;
const FOLDABLE_ALL = new RegExp(FOLDABLE.source, "g");

/** The zero of each script whose digits are folded. */
const ZEROS = [0x0660, 0x06f0, 0x0966];
const FULL_WIDTH_OFFSET = 0xfee0;

function foldOne(character: string): string {
  const code = character.charCodeAt(0);
  if (code >= 0xff01) return String.fromCharCode(code - FULL_WIDTH_OFFSET);
  if (code === 0x2212 || (code >= 0x2010 && code <= 0x2012)) return "-";
  if (code === 0x3000) return " ";
  const zero = ZEROS.find((start) => code >= start && code <= start + 9) ?? code;
  return String(code - zero);
}

export function foldDigits(text: string): string {
  return FOLDABLE.test(text) ? text.replace(FOLDABLE_ALL, foldOne) : text;
}

/** The scripts whose own digits foldDigits reads. */
export type DigitScript = "arabic-indic" | "persian" | "devanagari";
const SCRIPTS: readonly DigitScript[] = ["arabic-indic", "persian", "devanagari"];

/** The script whose own digit stands at `index` in the original text; undefined for ASCII, full-width or no digit. */
export function digitScriptAt(text: string, index: number): DigitScript | undefined {
  const code = text.charCodeAt(index);
  const script = ZEROS.findIndex((zero) => code >= zero && code <= zero + 9);
  return script < 0 ? undefined : SCRIPTS[script];
}
