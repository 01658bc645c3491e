import { asciiClass, isAsciiLower, isAsciiUpper } from "./char-class.js";

/**
 * Whether a value with no digit still reads as drawn at random rather than written as words, so a
 * key's name can hold it (`apikey: YXNkZmZmZmZm_HARDcoded`, `apikey = "m{{h}o)p${e]nob(ody[finds>…}}"`).
 * A key scorer asks for a digit because a name's words have none (`token: accessTokenFromEnv`,
 * `api_key: SECRET_KEY_BASE`); a random draw of 20 letters and digits has one but 3 % of the time.
 * Without one, two shapes still say "drawn": letters whose case turns every letter or two, three
 * times or more (base64 of text; camel-case words run three letters or more between capitals), and
 * a run of four or more different symbols that names and words do not hold (`{`, `)`, `$`, `#`, `>`).
 * Spaced values are sentences or code, not keys.
 */
export function drawnWithoutDigits(value: string): boolean {
  if (value.length < MIN_LENGTH || value.includes(" ")) return false;
  return shortCaseTurns(value) >= MIN_SHORT_TURNS || symbolsAmongLetters(value);
}

const MIN_LENGTH = 16;
const MIN_SHORT_TURNS = 3;
const MIN_SYMBOLS = 4;

/** How many times a capital follows a lower-case letter less than three letters after the last such turn. */
function shortCaseTurns(value: string): number {
  let turns = 0;
  let lastTurn = -10;
  for (let index = 1; index < value.length; index++) {
    if (!isAsciiUpper(value, index) || !isAsciiLower(value, index - 1)) continue;
    if (index - lastTurn < 3) turns++;
    lastTurn = index;
  }
  return turns;
}

// Symbols a name, a path, a version or base64 does not draw on: `_ - . / + = :` are left out.
const SYMBOLS = "!\"#$%&'()*,;<>?@[\\]^`{|}~";
const isSymbol = asciiClass(SYMBOLS);

/**
 * Whether MIN_SYMBOLS different symbols or more stand among more letters than symbols: a list of the
 * symbols themselves (`"token-with-!@#$%^&*()_+-={}[]|…"`, a test of special characters) is not a key.
 */
function symbolsAmongLetters(value: string): boolean {
  let seen = 0;
  let distinct = 0;
  let symbols = 0;
  let letters = 0;
  for (let index = 0; index < value.length; index++) {
    if (isAsciiUpper(value, index) || isAsciiLower(value, index)) letters++;
    if (!isSymbol(value, index)) continue;
    symbols++;
    const bit = 1 << SYMBOLS.indexOf(value.charAt(index));
    if ((seen & bit) === 0) {
      seen |= bit;
      distinct++;
    }
  }
  return distinct >= MIN_SYMBOLS && letters > symbols;
}
