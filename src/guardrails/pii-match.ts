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
