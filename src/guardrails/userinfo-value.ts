import { rememberLast } from "../remember-last.js";
import { ALPHANUMERIC, asciiClass } from "./char-class.js";
import { passwordFinding } from "./password-finding.js";
import type { SecretParser } from "./secret-parsers.js";

/**
 * A `user:password` pair given whole to a name that says it is one: `auth: alice:s3cret`,
 * `"auth": "alice:s3cret"` (before base64, as Docker's and npm's configs store it), `basic_auth =
 * "alice:s3cret"`, `http_auth`, `proxyAuth`, `creds: alice:s3cret`, `credentials=…`, `userpass`,
 * `user_pass`, `userinfo` (RFC 3986's name for the part), and httpie's `--auth alice:s3cret`.
 * The password is the part after the first colon; the user is only what makes the pair one.
 */
const NAME_WORDS = /(?:^|[_.-])(?:auth|basic[_-]?auth|creds|credentials|user[_-]?pass|userinfo)$/i;
// Camel-cased: `proxyAuth`, `basicAuth`, `smtpCreds` (not `oauth`).
const CAMEL_NAME = /[a-z0-9](?:Auth|Creds|Credentials|UserPass|Userinfo)$/;
const isNameChar = asciiClass(`${ALPHANUMERIC}_.-`);
// After the name: an optional closing quote, an operator (or the option's space), an optional quote,
// then `user:password` up to the same quote, or to whitespace, `,`, `;`, `)`, `}` or `]`.
// The password is read at once (a lookahead's capture cannot be backtracked into), then must end there.
const PAIR =
  /["']?([ \t]{0,5}(?:=>|[:=])[ \t]{0,5}|[ \t]{1,5})(["']?)([^\s"'`:/=]{1,64}):(?=([^\s"'`,;})\]]{1,128}))\4\2(?=[\s,;})\]]|$)/y;
// What stands before a colon but is no user: a scheme, a digest's name, an auth scheme's name.
const NOT_A_USER = /^(?:https?|s?ftps?|wss?|file|mailto|sha\d{0,3}|md5|bearer|basic|digest|token|oauth2?)$/i;
// What stands after a colon in an address or a mapping, not a password.
const NOT_A_PASSWORD = /^(?:port|host|path|scope|read|write|none|true|false)$/i;
const MAX_NAME = 40;

export const userinfoValueParser: SecretParser = {
  id: "credential-pair",
  keywords: ["auth", "creds", "credentials", "userpass", "user_pass", "user-pass", "userinfo"],
  source: "RFC 3986 userinfo (user:password) given whole to an auth or credentials name",
  parse(text, index) {
    // The keyword ends the name (`basic_auth`, not `author`, `authority`, `auth_token`).
    let nameEnd = index;
    while (nameEnd < text.length && nameEnd - index < MAX_NAME && isNameChar(text, nameEnd)) nameEnd++;
    let nameStart = index;
    while (nameStart > 0 && index - nameStart < MAX_NAME && isNameChar(text, nameStart - 1)) nameStart--;
    const name = text.slice(nameStart, nameEnd);
    if (!NAME_WORDS.test(name) && !CAMEL_NAME.test(name)) return undefined;
    // httpie's `--auth` takes the pair after a space; any other name wants an operator.
    PAIR.lastIndex = nameEnd;
    const match = PAIR.exec(text);
    if (match === null) return undefined;
    const [whole, link = "", quote = "", user = "", password = ""] = match;
    if (!/[:=]/.test(link) && !name.startsWith("--")) return undefined;
    if (NOT_A_USER.test(user) || NOT_A_PASSWORD.test(password) || password === user) return undefined;
    const start = nameEnd + whole.length - quote.length - password.length;
    const score = scoreOf(password, quote !== "");
    return score === undefined ? undefined : { type: "password", start, end: start + password.length, score };
  },
};

// The last value scored: a text repeating one pair (a megabyte of `a_auth: a:…`) scores it once.
const scoreOf = rememberLast(
  (value: string, quoted: boolean): number | undefined => passwordFinding(value, 0, quoted)?.score,
);
