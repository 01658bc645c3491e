import { ALPHANUMERIC, asciiClass } from "./char-class.js";
import { isRandomValue, MAX_RANDOM_VALUE } from "./random-value.js";
import type { SecretParser } from "./secret-parsers.js";

/**
 * A token given as a URL's user, with no password (RFC 3986 userinfo): `https://<token>@git.host/…`
 * (a personal access token in a clone URL, as GitHub's and Gitea's docs allow), Sentry's DSN
 * `https://<key>@o1.ingest.sentry.io/…`, a private package index's `https://<token>@pypi.host/simple`.
 * The user is the credential when drawn at random (random-value.ts); a user with a password is the
 * connection-string readings' (`user:password@`), a user that is a name (`git@`, `deploy@`) no key.
 * Score 0.75: under a vendor rule that knows the token's format.
 */
const isUserChar = asciiClass(`${ALPHANUMERIC}_.~-`);
const isHostStart = asciiClass(`${ALPHANUMERIC}[`);
const isSchemeEnd = asciiClass(ALPHANUMERIC);
const SCORE = 0.75;

export const urlTokenUserParser: SecretParser = {
  id: "url-token-user",
  keywords: ["://"],
  source: "RFC 3986 userinfo without a password: a token as the URL's user (clone URLs, Sentry's DSN)",
  parse(text, index) {
    if (index === 0 || !isSchemeEnd(text, index - 1)) return undefined;
    const start = index + 3;
    let end = start;
    const limit = Math.min(text.length, start + MAX_RANDOM_VALUE + 1);
    while (end < limit && isUserChar(text, end)) end++;
    if (text[end] !== "@" || !isHostStart(text, end + 1)) return undefined;
    if (!isRandomValue(text.slice(start, end))) return undefined;
    return { type: "url_token", start, end, score: SCORE };
  },
};
