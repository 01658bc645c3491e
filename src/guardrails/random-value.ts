import { asciiClass, isAsciiDigit } from "./char-class.js";
import { shannonEntropy } from "./entropy.js";

/**
 * Whether a value read after its context (a vendor's credential word, a vendor's name, a webhook's
 * path) is drawn at random: 16 to 200 characters with a letter and a digit, entropy 3.5 or more
 * (gitleaks' generic rule's), and not a stand-in (`example`, `placeholder`, `your…`, `xxxx`, `***`,
 * `000000`). The context names the value a credential; this test says the value is one, the same way
 * for each reading. A reading's own exclusions (a UUID in a webhook's path, a code expression after a
 * credential's word) stay with it.
 */
export const MIN_RANDOM_VALUE = 16;
export const MAX_RANDOM_VALUE = 200;
const MIN_ENTROPY = 3.5;
const STAND_IN = /example|placeholder|your|x{4}|\*{3}|0{6}/i;

/** A code expression (`window.webkitRTCPeerConnection2`) or a digest's label (`md5=…`, `sha256:…`). */
export const NOT_A_VALUE = /^(?:[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|(?:md5|sha\d*)[:=-])/i;

const isLetter = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

export function isRandomValue(value: string): boolean {
  if (value.length < MIN_RANDOM_VALUE || value.length > MAX_RANDOM_VALUE) return false;
  let letter = false;
  let digit = false;
  for (let at = 0; at < value.length && !(letter && digit); at++) {
    if (isLetter(value, at)) letter = true;
    else if (isAsciiDigit(value, at)) digit = true;
  }
  return letter && digit && shannonEntropy(value) >= MIN_ENTROPY && !STAND_IN.test(value);
}
