import { ALPHANUMERIC, asciiClass } from "./char-class.js";
import { characterClasses } from "./entropy.js";
import { scoreSecretValue } from "./generic-secret.js";
import { isUsername, labelledPairPasswordStart, USERNAME } from "./labelled-pair.js";
import { plainPasswordScore } from "./password-value.js";
import { isInterpolatedField, type ParsedSecret, type SecretParser } from "./secret-parsers.js";
import { PASSWORD_WORDS as SPOKEN_PASSWORD_WORDS } from "./spoken-password.js";

/**
 * A username and a password given together, where the password has no `:`/`=` or copula of its own
 * ("user jsmith, password Tr0ub4dor&3", "Benutzer jsmith, Passwort sonnenschein", `login=jsmith
 * pass=Winter2024!`), or as `user / password` after "credentials" or "login" ("smtp credentials:
 * mailer@example.com / Qw3rty!234"). Only the password is the finding; a username is not a secret.
 * The pair is what makes "password X" a password given: "password manager" alone is not. A value
 * that is plain (a word, or 4–5 characters) counts as `plainPasswordScore` says.
 */
// English words for password (`pass` as in `login=jsmith pass=…`), and the other eight languages'.
const PASSWORD_WORDS = [
  "passphrase",
  "password",
  "passwd",
  "pwd",
  "pw",
  "pass",
  "passcode",
  ...SPOKEN_PASSWORD_WORDS,
];
// Longest first, so `passcode` is not read as `pass`.
const BY_LENGTH = [...PASSWORD_WORDS].sort((left, right) => right.length - left.length);
const CJK_WORD = /^[\u3000-\u9fff]/u;
// After the word: `:`/`=` or spaces, then an optionally quoted value.
const ENGLISH_WORD = /pass(?:phrase|word|wd|code)?|pwd?/iy;
const LINK = /(?:\s{0,3}[:=：]\s{0,3}|[ \t]{1,3})(["'`«“]?)/y;
const VALUE = /^[^\s"'`»”,;)\]。，、]{1,80}/u;
// A username named before the password on the same line: the word for user (in the nine languages),
// an optional link, the name, and a separator ("user jsmith, ", "My username is JohnDoe and the ").
const USER_BEFORE =
  /(?:^|[^\p{L}\p{N}_])(?:user(?:[ _-]?(?:name|id))?|login|account|e-?mail|id|benutzer(?:name)?|nutzername|anmeldename|utilisateur|identifiant|usuario|nombre de usuario|пользователь|логин|用户名|用户|账号|帳號|ユーザー名?|ユーザーID|اسم المستخدم|المستخدم|उपयोगकर्ता(?: नाम)?|यूज़रनेम|यूजरनेम)[ \t]{0,3}(?:[:=：]|(?:is|ist|lautet|est|es|as|—|-)(?=[ \t])|是|は)?[ \t]{0,3}["'`«“]?(?<user>[^\s"'`»”,;/]{1,64})["'`»”]?[ \t]{0,3}(?:[,;/|、，][ \t]{0,3}|[ \t](?:and|und|et|y|и|和|و|और|with|mit|avec|con|с)[ \t]{1,3}|[ \t]{1,3}و|[ \t]{1,3})(?:(?:the|my|its|mein|das|sein|le|son|mon|la|su|mi|el|и)[ \t]{1,3})?$/iu;
// USER_BEFORE ends (`$`) in a separator, a space or tab, or the Arabic "and": a window ending otherwise
// (`?user=a&password=…`) cannot match, and trying it costs ~16 µs (its user name backtracks 64 times).
const USER_BEFORE_END = /[,;/|、，و \t]$/;
const USER_HINT =
  /user|login|account|mail|\bid\b|benutzer|nutzername|anmeldename|utilisateur|identifiant|usuario|пользовател|логин|用户|账号|帳號|ユーザー|المستخدم|उपयोगकर्ता|यूज़रनेम|यूजरनेम/i;
const MAX_LOOK_BACK = 120;
const SQL_ACCOUNT_STATEMENT = /(?:^|[^\w$])(?:create|alter)[ \t]+(?:user|role|login)[ \t]/i;
// Logging in as a user ("sign in as jdoe, password …", "connect as sa with the password …") or ssh's
// `user@host` ("ssh root@10.0.0.5 with password …"), right before the password word.
const AS_USER_HINT = /\bas[ \t]|ssh[ \t]/i;
const AS_USER_BEFORE =
  /(?:(?:sign(?:ed)?[ -]?in|log(?:ged)?[ -]?in|connect(?:ed)?|authenticat(?:e|ed))(?:[ \t]+to[ \t]+[^\s,;]{1,64})?[ \t]+as[ \t]+["'`]?(?<user>[^\s"'`,;/]{1,64})["'`]?|\bssh[ \t]+(?<sshUser>[\w.-]{1,32})@[\w.:-]{1,100})[ \t]{0,3}(?:,[ \t]{0,3}|[ \t](?:with|and|using)[ \t]{1,3})(?:(?:the|a)[ \t]{1,3})?$/i;
// A line that only sets a username: `user: app`, `username = "deploy"`, `DB_USER=app`.
const USER_LINE =
  /^[ \t]*["']?(?:[A-Za-z]+_)?(?:user(?:[_-]?name)?|login|uid|user[_-]?id)["']?[ \t]*[:=][ \t]*["']?(?<user>[^\s"',;]{1,64})["']?[ \t]*,?\r?$/i;

// .netrc (curl and ftp's `man netrc`): `login <name>` on its own line, or after `machine <host>`.
const NETRC_LOGIN = /^[ \t]*(?:machine[ \t]+\S+[ \t]+)?login[ \t]+(?<user>\S{1,64})[ \t]*\r?$/;

export const passwordAfterUserParser: SecretParser = {
  id: "credential-pair",
  keywords: PASSWORD_WORDS,
  source: "modelmux: a username and a password given together",
  parse(text, index) {
    // Arabic writes "and" against the next word: "…admin وكلمة المرور ahmed".
    const joined = text[index - 1] === "و" && text[index] === "ك";
    if (index > 0 && !joined && isWordChar(text, index - 1)) return undefined;
    const word = wordAt(text, index);
    if (word === undefined) return undefined;
    const after = index + word.length;
    LINK.lastIndex = after;
    const link = LINK.exec(text);
    if (link === null) return undefined;
    // The same line, at most MAX_LOOK_BACK characters back (a lastIndexOf over the whole text would
    // cost a scan back to its start on every hit in text without line breaks).
    const window = text.slice(Math.max(0, index - MAX_LOOK_BACK), index);
    const lineStart = window.lastIndexOf("\n");
    const before = window.slice(lineStart + 1);
    // "sign in as jdoe, password …", "ssh root@10.0.0.5 with password …": the user named by how one logs in.
    if (AS_USER_HINT.test(before)) {
      const groups = AS_USER_BEFORE.exec(before)?.groups;
      const user = groups?.user ?? groups?.sshUser;
      if (user !== undefined && isUsername(user))
        return passwordAt(text, after + link[0].length, (link[1] ?? "") !== "");
    }
    // A cheap look for the word for user first: prose about passwords rarely names a user before one.
    if (!USER_HINT.test(before)) {
      // A config file: `user: app` on the line before `pass: …` (YAML, INI, .env), or a .netrc
      // entry's `login octocat` before `password …`, separated by spaces.
      if (lineStart === -1 || before.trim() !== "") return undefined;
      const previous = window.slice(window.lastIndexOf("\n", lineStart - 1) + 1, lineStart);
      const user = /[:=：]/.test(link[0])
        ? USER_LINE.exec(previous)?.groups?.user
        : word === "password"
          ? NETRC_LOGIN.exec(previous)?.groups?.user
          : undefined;
      if (user === undefined || !isUsername(user)) return undefined;
      return passwordAt(text, after + link[0].length, (link[1] ?? "") !== "");
    }
    // The named user's cheap necessary condition before the value's dozen regexes.
    if (!USER_BEFORE_END.test(before)) return undefined;
    // SQL's `ALTER USER jeff PASSWORD EXPIRE`: the statement's grammar says what follows PASSWORD
    // (an option, or a value db-credentials.ts reads), not a pair's.
    if (SQL_ACCOUNT_STATEMENT.test(before)) return undefined;
    const found = passwordAt(text, after + link[0].length, (link[1] ?? "") !== "");
    if (found === undefined) return undefined;
    const user = USER_BEFORE.exec(before)?.groups?.user;
    // "username and password", "user account password": words of a sentence, not a username.
    if (user === undefined || !isUsername(user)) return undefined;
    return found;
  },
};

// "credentials: user / password", "login: admin/admin", "creds = deploy@example.com:Qw3rty!234".
const PAIR_AFTER_LABEL =
  /(?:credentials?|creds|login)[ \t]{0,3}(?:[:=：]|(?:are|is)(?=[ \t])|(?<=[ \t]))[ \t]{0,3}([^\s"'`/:,;]{1,64})(?:[ \t]{0,3}\/[ \t]{0,3}|:)/iy;

export const credentialPairParser: SecretParser = {
  id: "credential-pair",
  keywords: ["credential", "creds", "login"],
  source: 'modelmux: `user / password` after "credentials" or "login"',
  parse(text, index) {
    if (index > 0 && isWordChar(text, index - 1)) return undefined;
    PAIR_AFTER_LABEL.lastIndex = index;
    const match = PAIR_AFTER_LABEL.exec(text);
    const user = match?.[1];
    if (match === null || user === undefined || !USERNAME.test(user) || !isUsername(user)) return undefined;
    // `user:password` only for an address or a default account, not a time ("login: 9:30").
    if (match[0].endsWith(":") && !/@|^[a-z]+$/i.test(user)) return undefined;
    return passwordAt(text, index + match[0].length, false);
  },
};

// After the password word of a labelled pair (labelled-pair.ts): `:`, `=`, an arrow ("ID/PW->…") or spaces.
const PAIR_LINK = /[ \t]{0,3}(?:[:=：]|->|=>)?[ \t]{0,3}/y;

export const labelledPairParser: SecretParser = {
  id: "credential-pair",
  keywords: ["pw", "pwd", "pass", "passwd", "password"],
  source: "modelmux: `ID/PW: user/password`, a label naming both halves before the pair",
  parse(text, index) {
    if (index > 0 && isWordChar(text, index - 1)) return undefined;
    ENGLISH_WORD.lastIndex = index;
    const word = ENGLISH_WORD.exec(text)?.[0];
    if (word === undefined || isWordChar(text, index + word.length)) return undefined;
    PAIR_LINK.lastIndex = index + word.length;
    PAIR_LINK.test(text);
    const start = labelledPairPasswordStart(text, index, PAIR_LINK.lastIndex);
    return start === undefined ? undefined : passwordAt(text, start, false);
  },
};

// A host, then its login in parentheses: `10.0.0.5 (admin/S3cr3t!)`, `db01.example.com (root:Tr0ub4dor)`,
// as inventories, runbooks and handover notes list machines. The pair is `user/password` or
// `user:password`; more pairs may follow in the same parentheses (`(a/x1, b/y2)`), the first is read.
// Found by one native scan from the `(` (a loop over every `(` in JavaScript costs ten times as much,
// a lookbehind before it as much again): the user starting with a letter or a digit.
const PAIR_IN_PARENS = /\(([A-Za-z0-9][^\s()/:,;]{0,63})[/:]([^\s()/,]{3,80})(?=[),\s])/g;
// Right before the `(`, read back as one run of a host's characters: an IPv4 address, or a dotted host
// name (its last label no file's extension: `config.yaml (src/Config1)` names a file and a path), an
// optional port. A host name needs a space before the `(` (code calls a dotted name's method with
// none: `math.floor(total/Count2)`); an address may have none.
const IPV4_HOST = /^\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?$/;
const NAMED_HOST =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+(?!(?:md|txt|py|js|ts|json|ya?ml|xml|html?|sh|go|rs|java|cs|rb|php|cfg|ini|conf|log|csv|sql|exe|dll|zip)(?![A-Za-z]))[A-Za-z]{2,24}(?::\d{1,5})?$/;
const isHostChar = asciiClass(`${ALPHANUMERIC}.:-`);
const MAX_HOST = 80;

/** Whether a host (see above) ends right before `paren`, at most two spaces apart. */
function hostBefore(text: string, paren: number): boolean {
  let end = paren;
  while (end > 0 && paren - end < 2 && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  let start = end;
  while (start > 0 && end - start <= MAX_HOST && isHostChar(text, start - 1)) start--;
  if (start === end || end - start > MAX_HOST || text[start - 1] === "_") return false;
  const host = text.slice(start, end);
  return IPV4_HOST.test(host) || (end < paren && NAMED_HOST.test(host));
}

/**
 * A host's login written after it in parentheses. The host is what makes `(a/b)` a login rather than
 * an alternative ("TCP/UDP", "read/write"); the password must still be drawn as one is (scored as a
 * value named a password, not plain, and three kinds of character: `(master/worker)`, `(eth0/eth1)`
 * after a host name are not), and the user shaped as a user.
 */
function hostPairs(text: string): ParsedSecret[] {
  const found: ParsedSecret[] = [];
  PAIR_IN_PARENS.lastIndex = 0;
  for (let pair = PAIR_IN_PARENS.exec(text); pair !== null; pair = PAIR_IN_PARENS.exec(text)) {
    const [, user = "", password = ""] = pair;
    if (!isUsername(user) || password === user || characterClasses(password) < 3) continue;
    if (!hostBefore(text, pair.index)) continue;
    const score = scoreSecretValue(password, true, false);
    if (score === 0) continue;
    const start = pair.index + 1 + user.length + 1;
    found.push({ type: "password", start, end: start + password.length, score });
  }
  return found;
}

export const hostPairParser: SecretParser = {
  id: "credential-pair",
  keywords: [],
  source: "modelmux: a host and its login in parentheses, `10.0.0.5 (admin/S3cr3t!)`",
  parse: () => undefined,
  scanText: hostPairs,
};

/** The password word at `index`, whole (`pass`, not `passport` or `Passwortmanager`). */
function wordAt(text: string, index: number): string | undefined {
  // English first, by a sticky regex on the text itself: most hits are "password…".
  ENGLISH_WORD.lastIndex = index;
  const english = ENGLISH_WORD.exec(text)?.[0];
  if (english !== undefined && !isWordChar(text, index + english.length)) return english;
  const lower = text.slice(index, index + 12).toLowerCase();
  const word = BY_LENGTH.find((candidate) => lower.startsWith(candidate));
  if (word === undefined) return undefined;
  if (!CJK_WORD.test(word) && isWordChar(text, index + word.length)) return undefined;
  return word;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const isAsciiWordChar = asciiClass(`${ALPHANUMERIC}_`);

/** A letter, digit or `_` at `index` (ASCII by char code: most text is, and a regex per hit costs). */
function isWordChar(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (Number.isNaN(code)) return false;
  return code < 128 ? isAsciiWordChar(text, index) : WORD_CHAR.test(text.charAt(index));
}

function passwordAt(text: string, start: number, quoted: boolean): ParsedSecret | undefined {
  const raw = VALUE.exec(text.slice(start, start + 81))?.[0];
  const value = quoted ? raw : raw?.replace(/[.:!?]+$/, "");
  if (value === undefined || value === "" || isInterpolatedField(text, start, value)) return undefined;
  const end = start + value.length;
  const score =
    scoreSecretValue(value, true, quoted) || plainPasswordScore(value, quoted, text.slice(end, end + 40));
  if (score === 0) return undefined;
  return { type: "password", start, end, score };
}
