/**
 * A prompt-injection or jailbreak rule. Rules run on normalized text (see normalize.ts): lower case,
 * de-obfuscated, whitespace as written. Each starts with one of its trigger words and is tried only
 * where a trigger occurs, anchored there; every quantifier is bounded, so matching stays linear.
 */
export interface InjectionRule {
  id: string;
  kind: "prompt_injection" | "jailbreak";
  type: string;
  /** Words the match starts with; one pass over the text finds them all. */
  triggers: string[];
  pattern: RegExp;
  /** Fixed weight, or computed from the matched (normalized) text. */
  score: number | ((match: string) => number);
  /** Only counts at the start of a line (fake chat turns). */
  lineStart?: boolean;
  /**
   * Written for folded text (another script: Cyrillic read as Latin, marks dropped), so a span that
   * differs from its original is how the language is spelt, not an obfuscation worth a bonus.
   */
  foldedScript?: boolean;
  /** A test on the original text of the match, for what normalizing hides (case: "DAN" is not "Dan"). */
  confirm?: (original: string) => boolean;
}

/** Separator between words: whitespace and light punctuation, a few characters at most. */
export const SEPARATOR = "[^a-z0-9]{1,4}";
/** Separator that stays inside one sentence. */
export const IN_SENTENCE = "[^a-z0-9.!?\\n]{1,4}";
/** Up to `count` arbitrary words, as few as possible, within one sentence. */
export const anyWords = (count: number) => `(?:${IN_SENTENCE}[a-z'-]{1,20}){0,${count}}?`;
