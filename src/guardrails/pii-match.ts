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
