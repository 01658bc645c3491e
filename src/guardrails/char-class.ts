export const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A set of ASCII characters as a lookup table: the scanners test text one character at a time, and a
 * table read is several times cheaper than `/[…]/.test(text[index])`. Out of range is false.
 */
export function asciiClass(characters: string): (text: string, index: number) => boolean {
  const table = new Uint8Array(128);
  for (const character of characters) table[character.charCodeAt(0)] = 1;
  // Past either end charCodeAt gives NaN: tested before the read, as a NaN or a non-ASCII key read
  // from the table sent every class's one shared lookup to the engine's slow, generic path.
  return (text, index) => {
    const code = text.charCodeAt(index);
    return code < 128 && table[code] === 1;
  };
}

/** ASCII digits, capitals and small letters, as the scanners test them one character at a time. */
export const isAsciiDigit = asciiClass("0123456789");
export const isAsciiUpper = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
export const isAsciiLower = asciiClass("abcdefghijklmnopqrstuvwxyz");

const isWordOrDash = asciiClass(`${ALPHANUMERIC}_-`);

/**
 * Whether a word character or `-` comes just before `index`: the keyword found there is then the tail
 * of a longer word or option (`my_echo`, `--net use`), not the command it names.
 */
export function wordOrDashBefore(text: string, index: number): boolean {
  return index > 0 && isWordOrDash(text, index - 1);
}

/** Where `index` is once up to `reach` characters accepted by `isPrefix` are skipped back over. */
export function skipBackOver(
  text: string,
  index: number,
  isPrefix: (text: string, index: number) => boolean,
  reach: number,
): number {
  let position = index;
  while (position > 0 && index - position < reach && isPrefix(text, position - 1)) position--;
  return position;
}

/**
 * Whether `index` starts a line once up to `reach` characters accepted by `isPrefix` (indentation,
 * markup) are skipped back over.
 */
export function atLineStart(
  text: string,
  index: number,
  isPrefix: (text: string, index: number) => boolean,
  reach: number,
): boolean {
  const position = skipBackOver(text, index, isPrefix, reach);
  return position === 0 || text[position - 1] === "\n" || text[position - 1] === "\r";
}
