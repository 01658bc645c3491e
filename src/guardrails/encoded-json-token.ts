import { ALPHANUMERIC, asciiClass } from "./char-class.js";
import { runEnd } from "./run-end.js";
import type { SecretParser } from "./secret-parsers.js";

/**
 * A vendor token that carries base64 JSON after its prefix (`ops_eyJ…`, `sntrys_eyJ…`, a dated
 * `ghs_20260523_eyJ…`): a prefix word glued by `_` to a base64 run whose decoded start opens a JSON
 * object with a key (`{"iat":`, `{"email":`). The JSON is the token's signed or packed payload, so
 * the shape says token whatever the vendor; a run that does not decode to such an opening is left to
 * the other readings.
 */
const PREFIX_BEFORE = /(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]{1,11}(?:_[A-Za-z0-9]{1,12})?$/;
/** Base64 (either alphabet, padded) and a JWT's dots (`ghs_20260523_eyJ….eyJ….sig`): the run read, once per run. */
const endOfRun = runEnd(asciiClass(`${ALPHANUMERIC}+/_-=.`));
const MIN_RUN = 43;
const MAX_RUN = 8000;
/** A run of mask characters: a token shown with its body hidden. */
const MASKED = /x{8}|X{8}/;
const JSON_OPENING = /^\{"[A-Za-z_$][\w$.-]{0,40}"\s*:/;
/** Enough base64 to decode the opening (48 bytes). */
const OPENING_CHARS = 64;

export const encodedJsonTokenParser: SecretParser = {
  id: "encoded-json-token",
  keywords: ["_eyj"],
  source: "vendor tokens of a prefix and base64 JSON (1Password service accounts, Sentry org tokens)",
  parse(text, index) {
    const prefix = PREFIX_BEFORE.exec(text.slice(Math.max(0, index - 26), index))?.[0];
    if (prefix === undefined) return undefined;
    if (!text.startsWith("eyJ", index + 1)) return undefined;
    let end = endOfRun(text, index + 1);
    while (end > index && text[end - 1] === ".") end--;
    if (end - index - 1 < MIN_RUN || end - index - 1 > MAX_RUN) return undefined;
    const run = text.slice(index + 1, end);
    if (MASKED.test(run)) return undefined;
    const opening = Buffer.from(run.slice(0, OPENING_CHARS), "base64").toString("latin1");
    if (!JSON_OPENING.test(opening)) return undefined;
    return { type: "prefixed_token", start: index - prefix.length, end, score: 0.85 };
  },
};
