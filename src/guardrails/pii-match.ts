import { rememberLast } from "../remember-last.js";

/** A PII span before it becomes a Finding (the PII detector adds kind, detector and preview). */
export interface PiiMatch {
  type: string;
  start: number;
  end: number;
  score: number;
}

/** Up to `length` characters before `index`, for context words like "phone:" or "SKU". */
export function textBefore(text: string, index: number, length = 32): string {
  return text.slice(Math.max(0, index - length), index);
}

/**
 * `before` from its last ASCII digit on (all of it without one). A context regex whose words, and
 * what may follow them to the end, hold no digit can only match after that digit; the digit is kept
 * for the regex's look-behind or `\b`. On dense text (a number every few characters) this leaves the
 * regex a character or two instead of 32 starting places.
 */
export function fromLastDigit(before: string): string {
  for (let i = before.length - 1; i > 0; i--) {
    const code = before.charCodeAt(i);
    if (code >= 48 && code <= 57) return before.slice(i);
  }
  return before;
}

/**
 * Whether a character from `A` up (a letter of any script, CJK, a non-ASCII space or sign) stands in
 * `text` within `reach` characters from `from`. Context regexes that need a word there are asked only
 * then: a phone list's numbers, with digits and ASCII separators around them, slice no window.
 */
export function wordCharacterAfter(text: string, from: number, reach: number): boolean {
  const end = Math.min(text.length, from + reach);
  for (let index = Math.max(0, from); index < end; index++) if (text.charCodeAt(index) >= 65) return true;
  return false;
}

/**
 * Whether a character from `A` up stands between the last ASCII digit of the `reach` characters
 * before `index` and `index` (all of them without a digit): what `fromLastDigit(textBefore(text,
 * index, reach))` would hold, read in place.
 */
export function wordCharacterSinceDigit(text: string, index: number, reach = 32): boolean {
  const from = Math.max(0, index - reach);
  for (let at = index - 1; at >= from; at--) {
    const code = text.charCodeAt(at);
    if (code >= 65) return true;
    if (code >= 48 && code <= 57) return false;
  }
  return false;
}

const NON_DIGIT = /\D/g;
/**
 * `value.replace(/\D/g, "")`, remembered for the last value: classify and the phone scorer ask it
 * of the same candidate one after the other, tens of thousands of times in a phone list.
 */
export const digitsOf = rememberLast((value: string): string => value.replace(NON_DIGIT, ""));
