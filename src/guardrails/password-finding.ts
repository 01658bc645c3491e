import { rememberLast } from "../remember-last.js";
import { scoreSecretValue } from "./generic-secret.js";
import { plainPasswordScore } from "./password-value.js";
import {
  isPlaceholderValue,
  isReferenceValue,
  type ParsedSecret,
  placeholderLookingFinding,
} from "./secret-parsers.js";

/**
 * A value that its place says is a password (a connection string's, a command line's, a login
 * call's argument), as a finding: scored as a value named as a password is, or none when it is a
 * placeholder, a reference or a description. Nothing follows it that could be the sentence going
 * on (arguments, options), so `plainPasswordScore` gets no text after it.
 */
export function passwordFinding(value: string, start: number, quoted: boolean): ParsedSecret | undefined {
  if (value === "") return undefined;
  const score = passwordScore(value, quoted);
  if (score === 0) return undefined;
  return { type: "password", start, end: start + value.length, score };
}

/**
 * A value in the password's slot of a connection string (`Pwd=…;` after another setting, Oracle's
 * `user/…@host`, a Go DSN's `user:…@tcp(`): as passwordFinding, but a word that looks like a stand-in
 * (`password`, `secret`, `myPassword`) is the value in use all the same, reported lower and saying so.
 */
export function slotPasswordFinding(
  text: string,
  value: string,
  start: number,
  quoted: boolean,
): ParsedSecret | undefined {
  return passwordFinding(value, start, quoted) ?? placeholderLookingFinding(text, value, start);
}

// The last value scored: a run of one value (a config's line repeated, a megabyte of `: PSK "`) is
// scored once, as a dozen regexes per hit would cost.
const passwordScore = rememberLast((value: string, quoted: boolean): number =>
  isPlaceholderValue(value) || isReferenceValue(value)
    ? 0
    : scoreSecretValue(value, true, quoted) || plainPasswordScore(value, quoted, ""),
);
