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
  /** A check of the secret's own structure a pattern cannot make (a JWT's header is JSON), run on a match. */
  valid?: (secret: string) => boolean;
  source: string;
}

export const START = "(?<![A-Za-z0-9_-])";
export const END = "(?![A-Za-z0-9_-])";

/**
 * gitleaks' semi-generic rule (utils/generate.go `GenerateSemiGenericRegex`, MIT): an identifier, up
 * to 20 more name characters, an assignment operator or a comma, then the secret (group 1) followed
 * by a quote, whitespace, `;`, an escaped line break or the end. Matched from the identifier (gitleaks'
 * optional name prefix before it changes nothing), and the closing character stays outside the span.
 */
export function semiGenericPattern(identifiers: string, secret: string): string {
  return `(?:${identifiers})[ \\t\\w.-]{0,20}[\\s'"]{0,3}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)[\`'"\\s=]{0,5}(${secret})(?=[\`'"\\s;]|\\\\[nr]|$)`;
}
