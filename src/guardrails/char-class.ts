export const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A set of ASCII characters as a lookup table: the scanners test text one character at a time, and a
 * table read is several times cheaper than `/[…]/.test(text[index])`. Out of range is false.
 */
export function asciiClass(characters: string): (text: string, index: number) => boolean {
  const table = new Uint8Array(128);
  for (const character of characters) table[character.charCodeAt(0)] = 1;
  return (text, index) => table[text.charCodeAt(index)] === 1;
}
