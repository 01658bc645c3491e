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
/** Runs of foldable characters: one replace callback per run, not per character (a Devanagari phone list is most of its text). */
const FOLDABLE_RUN = new RegExp(`${FOLDABLE.source}+`, "g");

/** The zero of each script whose digits are folded: Arabic-Indic, Persian, Devanagari. */
const [ARABIC_ZERO, PERSIAN_ZERO, DEVANAGARI_ZERO] = [0x0660, 0x06f0, 0x0966];
const ZEROS = [ARABIC_ZERO, PERSIAN_ZERO, DEVANAGARI_ZERO];
const FULL_WIDTH_OFFSET = 0xfee0;
/** String.fromCharCode takes a run's codes as arguments: a long run goes in pieces under the engine's argument limit. */
const CODES_PER_CALL = 4096;

/** The code a FOLDABLE character's code becomes. */
function foldCode(code: number): number {
  if (code >= 0xff01) return code - FULL_WIDTH_OFFSET;
  if (code === 0x2212 || (code >= 0x2010 && code <= 0x2012)) return 0x2d; // "-"
  if (code === 0x3000) return 0x20; // " "
  const zero = code >= DEVANAGARI_ZERO ? DEVANAGARI_ZERO : code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_ZERO;
  return code - zero + 0x30; // "0"
}

function foldRun(run: string): string {
  if (run.length === 1) return String.fromCharCode(foldCode(run.charCodeAt(0)));
  const codes = new Array<number>(run.length);
  for (let i = 0; i < run.length; i++) codes[i] = foldCode(run.charCodeAt(i));
  if (codes.length <= CODES_PER_CALL) return String.fromCharCode(...codes);
  let folded = "";
  for (let i = 0; i < codes.length; i += CODES_PER_CALL)
    folded += String.fromCharCode(...codes.slice(i, i + CODES_PER_CALL));
  return folded;
}

export function foldDigits(text: string): string {
  return FOLDABLE.test(text) ? text.replace(FOLDABLE_RUN, foldRun) : text;
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
