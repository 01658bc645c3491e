import { asciiClass } from "./char-class.js";
import { isRandomValue, MAX_RANDOM_VALUE } from "./random-value.js";
import { runEnd } from "./run-end.js";
import type { ParsedSecret, SecretParser } from "./secret-parsers.js";
import type { SecretPatternRule } from "./secret-rule-types.js";

/**
 * A vendor's name alone before a random value (`zenrows: "…"`, `POSTHOG = …`, `Telnyx\t…`): no key
 * word names the value a credential, the vendor's name does. The names are the ones the detector's
 * own vendor rules are for (each rule's type, up to its first word that says what the credential is:
 * `zenrows_api_key` → `zenrows`), so the reading knows every vendor some rule set knows, in whatever
 * format that vendor's keys take, and a vendor no rule knows stays unread. The value: drawn at random
 * (random-value.ts: 16 to 200 characters with a letter and a digit, entropy 3.5 or more), 32
 * characters or more where its letters are in one case (a hex key, a UUID), within 6 separators
 * (spaces, `:`, `=`, quotes) of the name, on its line. Score 0.7, under the vendor's own rule where
 * both read it.
 */
const DESCRIPTIVE_WORD =
  /^(?:api|apis|key|keys|token|tokens|secret|secrets|credentials?|creds|access|auth|oauth2?|client|app|application|personal|private|public|bearer|refresh|webhooks?|signing|id|pat|passwords?|live|test|sk|pk|account|service|management|admin|v\d|\d+|session|user|bot|integration|deploy|project|org|organization|server|master|connection|string|url|uri|dsn|hash|jwt|hmac|license|mgmt|restricted|publishable|write|read|rest|sdk|cli|cloud)$/;
/** Names of 5 letters and digits or more, opening with a letter: shorter ones are words and abbreviations. */
const VENDOR_NAME = /^[a-z][a-z0-9]{4,}$/;
/** Names that are common words or say a format, not a vendor. */
const NOT_A_VENDOR =
  /^(?:generic|basic|bearer|password|private|public|secret|token|authorization|abstract|base|census|clever|column|float|foundation|front|graph|linear|make|marvel|matrix|modal|moderation|particle|polar|privacy|raven|refiner|render|sanity|shortcut|socket|square|steam|teams|trigger|vault|writer|tomorrow|oracle|sketch|lattice|cortex|envoy|phrase|prefect|readme|replicate|github|google|slack|twitter|facebook|discord|telegram|azure|docker|elastic|window|windows|session|default)$/;

/** The vendors' names `rules` are for. */
export function vendorNames(rules: readonly SecretPatternRule[]): string[] {
  const names = new Set<string>();
  for (const rule of rules) {
    const words = rule.type.toLowerCase().split(/[_.-]/);
    const kept: string[] = [];
    for (const word of words) {
      if (DESCRIPTIVE_WORD.test(word)) break;
      kept.push(word);
    }
    const name = kept.join("");
    if (VENDOR_NAME.test(name) && !NOT_A_VENDOR.test(name)) names.add(name);
  }
  return [...names];
}

const isNameChar = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
/** Before the name: a URL's or a path's part (`api.zenrows.com`, `/posthog/`) is not a name. */
const isJoinBefore = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-/@$");
const isSeparator = asciiClass(" \t:=\"'`");
const isValueChar = asciiClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/=.-");
const MAX_SEPARATORS = 6;
const valueEnd = runEnd(isValueChar);
const MIN_ONE_CASE = 32;
const SCORE = 0.7;
const GLUED_WORD = /(?:api|auth|access|secret|private)?(?:key|token|secret|license)$/;
const WORD_AFTER = /[_.-](?:api|key|token|secret|access|auth|license|apikey)(?![A-Za-z0-9])/iy;
// After a space, capitalised or in capitals: a bare `key` is any dictionary's ("nimble key").
const SPACED_WORD_AFTER =
  /[ \t](?:API|KEY|TOKEN|SECRET|ACCESS|AUTH|LICENSE|APIKEY|Api|Key|Token|Secret|Access|Auth|License)(?![A-Za-z0-9])/y;
const MAX_WORDS = 3;

function nameValue(names: ReadonlySet<string>, text: string, index: number): ParsedSecret | undefined {
  if (index > 0 && isJoinBefore(text, index - 1)) return undefined;
  let nameEnd = index;
  while (nameEnd < text.length && nameEnd - index <= 40 && isNameChar(text, nameEnd)) nameEnd++;
  const word = text.slice(index, nameEnd).toLowerCase();
  if (!names.has(word)) {
    // The name run together with a credential's word (`etherscanapikey`, `OMNISENDkey`).
    const glued = GLUED_WORD.exec(word);
    if (glued === null || !names.has(word.slice(0, glued.index))) return undefined;
  }
  // A credential's words after it, joined (`SHODAN_API`, `maxmind_license`) or spaced and capitalised (`weatherbit KEY`).
  for (let words = 0; words < MAX_WORDS; words++) {
    WORD_AFTER.lastIndex = nameEnd;
    SPACED_WORD_AFTER.lastIndex = nameEnd;
    const after = WORD_AFTER.exec(text) ?? SPACED_WORD_AFTER.exec(text);
    if (after === null) break;
    nameEnd += after[0].length;
  }
  let start = nameEnd;
  const limit = Math.min(text.length, start + MAX_SEPARATORS);
  while (start < limit && isSeparator(text, start)) start++;
  if (start === nameEnd) return undefined;
  const end = valueEnd(text, start);
  if (end - start > MAX_RANDOM_VALUE) return undefined;
  const value = text.slice(start, end);
  if (!isRandomValue(value)) return undefined;
  // In one case (a hex key, a UUID): 32 characters or more.
  if (value.length < MIN_ONE_CASE && (!/[A-Z]/.test(value) || !/[a-z]/.test(value))) return undefined;
  return { type: "vendor_named_value", start, end, score: SCORE };
}

/** Built per detector from its rules (fromRules); alone it reads nothing. */
export const vendorNameValueParser: SecretParser = {
  id: "vendor-name",
  keywords: [],
  source: "modelmux: a vendor's name, known from the detector's vendor rules' types, before a random value",
  parse: () => undefined,
  fromRules(rules) {
    const names = vendorNames(rules);
    const known = new Set(names);
    return {
      ...vendorNameValueParser,
      keywords: names,
      parse: (text, index) => nameValue(known, text, index),
      fromRules: undefined,
    };
  },
};
