import { ALPHANUMERIC, asciiClass } from "./char-class.js";
import { characterClasses, shannonEntropy } from "./entropy.js";
import { isPlaceholderValue, type SecretParser } from "./secret-parsers.js";

/**
 * High-entropy values assigned to secret-like names: `DB_PASSWORD=…`, `"api_key": "…"`, `--token …`,
 * `<password>…</password>`, "my password is …". The idea and the name list follow gitleaks'
 * generic-api-key rule (generic.go: keyword + assignment + entropy ≥ 3.5, MIT); it is a hand-written
 * parser rather than one regex so each keyword hit costs a bounded, backtracking-free look around it.
 */
const KEYWORDS = [
  "password",
  "passwd",
  "passphrase",
  "pwd",
  "_pass",
  "secret",
  "token",
  "apikey",
  "api_key",
  "api-key",
  "access_key",
  "accesskey",
  "private_key",
  "privatekey",
  "credential",
  "auth_key",
  "signing_key",
  "encryption_key",
  "master_key",
];

const isNameChar = asciiClass(`${ALPHANUMERIC}_.-`);
const MAX_NAME = 60;
const MAX_VALUE = 200;
// Names that hold metadata about a secret, not the secret: ids, urls, lengths, types, counts, files…
// Tested as "ends with" (`$`, then the words backwards): 3× faster than trying them at every position.
const METADATA_NAME =
  /$(?<=(?:ids?|type|url|uri|endpoint|path|file|dir|length|len|count|limit|min|max|size|expiry|expires|expiration|ttl|timeout|name|field|header|hint|label|prompt|policy|env|var|format|usage|budget|cost|rate|index|kind|mode|schema|version|hash|hashed|prefix|suffix|regex|pattern|ref|arn|manager|store|provider|storage|source|enabled|required|visible|tokens))/;
const PASSWORD_NAME = /pass|pwd/;
// Code references and literals that are not a secret's value: env lookups, dotted paths, calls, types.
const REFERENCE_VALUE =
  /^(?:process\.env|os\.environ|os\.getenv|getenv|env\.|ENV\[|secrets\.|vault:|ssm:|arn:|true$|false$|null$|nil$|none$|undefined$|required$|optional$|string$|str$|int$|bool$|boolean$|number$|bytes$)|\(|^[A-Za-z_$]+(?:\.[A-Za-z_$][\w$]*)+$/i;

export const genericSecretParser: SecretParser = {
  id: "generic",
  keywords: KEYWORDS,
  source:
    "gitleaks generic.go (generic-api-key) idea and names; entropy and placeholder filters are modelmux's",
  parse(text, index) {
    let nameStart = index;
    while (nameStart > 0 && index - nameStart < MAX_NAME && isNameChar(text, nameStart - 1)) nameStart--;
    let nameEnd = index;
    while (nameEnd < text.length && nameEnd - index < MAX_NAME && isNameChar(text, nameEnd)) nameEnd++;
    const name = text.slice(nameStart, nameEnd).toLowerCase();
    if (METADATA_NAME.test(name)) return undefined;
    const isPassword = PASSWORD_NAME.test(name);
    const valueStart = findValueStart(text, nameStart, nameEnd, isPassword);
    if (valueStart === undefined) return undefined;
    const value = readValue(text, valueStart.index, valueStart.quote);
    if (value === undefined) return undefined;
    const score = scoreValue(value, isPassword, valueStart.quote !== "");
    if (score === 0) return undefined;
    return {
      type: isPassword ? "password" : "generic_secret",
      start: valueStart.index,
      end: valueStart.index + value.length,
      score,
    };
  },
};

interface ValueStart {
  index: number;
  quote: string;
}

/** Steps over `"`, spaces and the assignment operator (`=`, `:`, `:=`, `=>`, `==`, `>` of a tag, ` is `). */
function findValueStart(
  text: string,
  nameStart: number,
  nameEnd: number,
  isPassword: boolean,
): ValueStart | undefined {
  let position = nameEnd;
  if (text[position] === '"' || text[position] === "'") position++;
  const spaceStart = position;
  while (
    position < text.length &&
    position - spaceStart < 5 &&
    (text[position] === " " || text[position] === "\t")
  ) {
    position++;
  }
  const rest = text.slice(position, position + 4);
  const operator = /^(?::=|=>|==|=|:)/.exec(rest)?.[0];
  if (operator !== undefined) position += operator.length;
  else if (text[nameStart - 1] === "<" && text[position] === ">") position++;
  else if (text.startsWith("--", nameStart) && position > spaceStart) {
    // `--password value` on a command line
  } else if (isPassword && /^(?:is|was) $/i.test(rest.slice(0, 3)) && position > spaceStart) position += 3;
  else return undefined;
  const valueSpace = position;
  while (
    position < text.length &&
    position - valueSpace < 5 &&
    (text[position] === " " || text[position] === "\t")
  ) {
    position++;
  }
  const quote =
    text[position] === '"' || text[position] === "'" || text[position] === "`" ? (text[position] ?? "") : "";
  return { index: position + quote.length, quote };
}

// Where an unquoted value ends: whitespace, a quote, or punctuation closing an expression or a tag.
const isUnquotedEndAscii = asciiClass(` \t\n\v\f\r"'\`,;)}]<>`);
const WHITESPACE = /\s/;

/** Whether the value stops before `text[index]`: tested by char code, several times cheaper than a regex per character. */
function endsValue(text: string, index: number, quote: string): boolean {
  const code = text.charCodeAt(index);
  if (quote !== "") return code === 0x0a || code === 0x0d || code === quote.charCodeAt(0);
  return code < 128 ? isUnquotedEndAscii(text, index) : WHITESPACE.test(text.charAt(index));
}

function readValue(text: string, start: number, quote: string): string | undefined {
  let end = start;
  while (end < text.length && end - start <= MAX_VALUE && !endsValue(text, end, quote)) end++;
  if (end - start > MAX_VALUE) return undefined;
  let value = text.slice(start, end);
  if (quote === "") value = value.replace(/[.,:!?]+$/, "");
  return value;
}

/** 0 when the value is a placeholder, a reference or too plain to be a secret; otherwise a confidence. */
function scoreValue(value: string, isPassword: boolean, quoted: boolean): number {
  if (isPlaceholderValue(value) || REFERENCE_VALUE.test(value)) return 0;
  if (/^\d+$/.test(value) || /^[A-Za-z]+(?:_[A-Za-z]+)+$/.test(value)) return 0;
  const entropy = shannonEntropy(value);
  const classes = characterClasses(value);
  if (isPassword) {
    if (value.length < 6 || entropy < 2.4) return 0;
    if (/^[A-Za-z]+$/.test(value) && (!quoted || value.length < 8)) return 0;
    return Math.min(0.95, 0.7 + (quoted ? 0.1 : 0) + (classes >= 3 ? 0.1 : 0));
  }
  if (value.length < 12 || entropy < 3 || classes < 2 || !/\d/.test(value)) return 0;
  return Math.min(0.95, 0.7 + (quoted ? 0.1 : 0) + (entropy >= 3.5 ? 0.1 : 0));
}
