import { scoreSecretValue } from "./generic-secret.js";
import { plainPasswordScore } from "./password-value.js";
import { isPlaceholderValue, isReferenceValue, type ParsedSecret } from "./secret-parsers.js";

/**
 * A value that its place says is a password (a connection string's, a command line's, a login
 * call's argument), as a finding: scored as a value named as a password is, or none when it is a
 * placeholder, a reference or a description. Nothing follows it that could be the sentence going
 * on (arguments, options), so `plainPasswordScore` gets no text after it.
 */
export function passwordFinding(value: string, start: number, quoted: boolean): ParsedSecret | undefined {
  if (value === "" || isPlaceholderValue(value) || isReferenceValue(value)) return undefined;
  const score = scoreSecretValue(value, true, quoted) || plainPasswordScore(value, quoted, "");
  if (score === 0) return undefined;
  return { type: "password", start, end: start + value.length, score };
}
