import { shannonEntropy } from "./entropy.js";
import { spanMemory } from "./run-end.js";
import type { SecretParser } from "./secret-parsers.js";

/**
 * A JSON Web Key's private members (RFC 7517, RFC 7518 §6): `d` of an EC, OKP or RSA key (and RSA's
 * `p`, `q`, `dp`, `dq`, `qi`), `k` of a symmetric (`oct`) key, base64url, in the object whose `kty`
 * is read. A public key (`n`/`e`, `x`/`y` only) has none. JSON, or JSON kept in a string (quotes
 * escaped); the object is read from its `kty` back to the `{` before it and on to the `}` after it.
 */
const KTY = /kty\\{0,3}"\s*:/y;
const PRIVATE_MEMBER =
  /\\{0,3}"(?:d|k|p|q|dp|dq|qi)\\{0,3}"\s*:\s*\\{0,3}"([A-Za-z0-9_-]{16,}={0,2})\\{0,3}"/g;
/** How far from `kty` the object's braces are looked for. */
const OBJECT_REACH = 4000;
const MIN_ENTROPY = 3;

/** The object last read: a later `kty` inside it (a key's members) is not read again. */
const lastObject = spanMemory();

export const jwkPrivateKeyParser: SecretParser = {
  id: "jwk-private-key",
  keywords: ["kty"],
  source: "RFC 7517/7518 JSON Web Key private members (d, p, q, dp, dq, qi; k of oct keys)",
  parse(text, index) {
    if (lastObject.answered(text, index)) return undefined;
    KTY.lastIndex = index;
    if (!KTY.test(text) || text[index - 1] !== '"') return undefined;
    // The object: back to its `{` and on to its `}`, each looked for within reach.
    const from = Math.max(0, index - OBJECT_REACH);
    const open = text.slice(from, index).lastIndexOf("{");
    const start = open === -1 ? from : from + open;
    const window = text.slice(index, index + OBJECT_REACH);
    const close = window.indexOf("}");
    const end = close === -1 ? index + window.length : index + close;
    lastObject.remember(text, index, end);
    const object = text.slice(start, end);
    for (const member of object.matchAll(PRIVATE_MEMBER)) {
      const value = member[1] ?? "";
      if (shannonEntropy(value) < MIN_ENTROPY) continue;
      const valueStart = start + (member.index ?? 0) + member[0].lastIndexOf(value);
      return { type: "jwk_private_key", start: valueStart, end: valueStart + value.length, score: 0.9 };
    }
    return undefined;
  },
};
