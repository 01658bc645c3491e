/**
 * A vendor secret format. Every rule names its source; the two rule sets drawn on are MIT-licensed:
 * - secretlint = @secretlint/secretlint-rule-preset-recommend 13.1.0 (installed; patterns read from its rules)
 * - gitleaks   = github.com/gitleaks/gitleaks cmd/generate/config/rules/*.go
 *
 * Why this shape: `keywords` feed one case-insensitive prefilter pass over the text; a rule's sticky
 * pattern is tried only where one of its keywords occurs (`back` characters earlier when the secret
 * starts before its keyword). Every pattern opens with a boundary look-behind (`START`), so a keyword in
 * the middle of a token fails in O(1), and every quantifier is bounded: scanning stays linear.
 */
export interface SecretPatternRule {
  id: string;
  type: string;
  keywords: string[];
  pattern: string;
  /** Extra flags besides the sticky/indices ones the detector adds. */
  flags?: string;
  /** Capture group holding the secret itself (default: the whole match). */
  group?: number;
  back?: number;
  score: number;
  /** Minimum Shannon entropy of the secret, to drop `AIzaaaaaaaaaaaaaaaaaa`-style fillers. */
  minEntropy?: number;
  source: string;
}

export const START = "(?<![A-Za-z0-9_-])";
export const END = "(?![A-Za-z0-9_-])";
