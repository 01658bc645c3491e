/**
 * Text as the number scan reads it: digits of other scripts as ASCII digits (Arabic-Indic `١٢٣`,
 * Persian `۱۲۳`, Devanagari `१२३`), full-width ASCII as ASCII (`ＴＥＬ：（０３）１２３４－５６７８`), and the
 * minus sign and ideographic space as `-` and a space. Every replaced character is one UTF-16 unit and
 * becomes one, so offsets into the folded text are offsets into the original. Text without any such
 * character is returned as it is (one regex test).
 */
const FOLDABLE = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u2212\u3000\uff01-\uff5e]/;
const FOLDABLE_ALL = new RegExp(FOLDABLE.source, "g");

/** The zero of each script whose digits are folded. */
const ZEROS = [0x0660, 0x06f0, 0x0966];
const FULL_WIDTH_OFFSET = 0xfee0;

function foldOne(character: string): string {
  const code = character.charCodeAt(0);
  if (code >= 0xff01) return String.fromCharCode(code - FULL_WIDTH_OFFSET);
  if (code === 0x2212) return "-";
  if (code === 0x3000) return " ";
  const zero = ZEROS.find((start) => code >= start && code <= start + 9) ?? code;
  return String(code - zero);
}

export function foldDigits(text: string): string {
  return FOLDABLE.test(text) ? text.replace(FOLDABLE_ALL, foldOne) : text;
}
