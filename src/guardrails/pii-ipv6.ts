import validator from "validator";
import { asciiClass } from "./char-class.js";
import type { PiiMatch } from "./pii-match.js";
import { privateAddressScore } from "./pii-private-address.js";

const isAddressChar = asciiClass("0123456789abcdefABCDEF:.");
const WORD_CHAR = /\w/;
const MAX_ADDRESS = 45;
const NOT_AN_ADDRESS = /^(?:::1?|::ffff:(?:0|127)\.|ff[0-9a-f]{2}:)/i;
const LOCAL = /^f(?:e[89ab]|[cd][0-9a-f])[0-9a-f]?:/i;

/**
 * IPv6 addresses confirmed by validator.isIP(…, 6). Candidates grow left and right from each `:`
 * over hex digits, colons and dots, and must not touch a word (`std::vector`, `Foo::Bar`). At least
 * three non-empty groups are required, so clock times and MAC addresses (six groups, no `::`,
 * invalid) drop out. `privateIps`: report link-local and unique-local addresses wherever they appear.
 */
export function findIpv6(text: string, privateIps = false): PiiMatch[] {
  const matches: PiiMatch[] = [];
  let searchFrom = 0;
  for (let colon = text.indexOf(":"); colon !== -1; colon = text.indexOf(":", searchFrom)) {
    let start = colon;
    while (start > 0 && colon - start < MAX_ADDRESS && isAddressChar(text, start - 1)) start--;
    let end = colon + 1;
    while (end < text.length && end - start < MAX_ADDRESS && isAddressChar(text, end)) end++;
    searchFrom = end + 1;
    while (end > colon + 1 && text[end - 1] === ".") end--;
    if (WORD_CHAR.test(text[start - 1] ?? "") || WORD_CHAR.test(text[end] ?? "")) continue;
    const candidate = text.slice(start, end);
    const groups = candidate.split(":").filter((group) => group.length > 0);
    if (groups.length < 3 || NOT_AN_ADDRESS.test(candidate) || !validator.isIP(candidate, 6)) continue;
    // Link-local and unique-local addresses name a network interface, not a person, unless labelled.
    const score = LOCAL.test(candidate) ? privateAddressScore(text, start, privateIps) : 0.9;
    matches.push({ type: "ipv6", start, end, score });
  }
  return matches;
}
