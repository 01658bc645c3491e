import { firstAtOrAfter } from "../first-at-or-after.js";
import { ALPHANUMERIC, asciiClass, skipBackOver } from "./char-class.js";
import { shannonEntropy } from "./entropy.js";
import { isRandomValue } from "./random-value.js";
import type { SecretPatternRule } from "./secret-rule-types.js";
/** A secret found by a parser: span of the secret itself (not its label). */
export interface ParsedSecret {
  type: string;
  start: number;
  end: number;
  score: number;
  /** Reported though it looks like a stand-in (`Password=password;`): named in the finding's detector. */
  placeholderLooking?: true;
}

/**
 * What the vendor rules keyed on a token's start make of it (secrets.ts vendorPrefixOf): `free` (no
 * rule is keyed on it, or the token runs on past a rule's format), `rule` (a rule keyed on it reads
 * its format, and decides), `off-format` (every rule keyed on it turns the token down from its first
 * characters after the prefix: another format under a prefix the rules know).
 */
export type VendorVerdict = "free" | "rule" | "off-format";

/** Like a pattern rule, but code: formats that need a look at their context to be precise. */
export interface SecretParser {
  id: string;
  keywords: string[];
  source: string;
  parse(text: string, index: number): ParsedSecret | undefined;
  /**
   * A reading of the whole text that no keyword can start (its keywords are empty): run once per
   * text, told what the vendor rules of the same detector keyed on a token's start make of it.
   */
  scanText?(text: string, vendorPrefix: (token: string) => VendorVerdict): ParsedSecret[];
  /**
   * A reading keyed on what the detector's vendor rules know (their vendors' names): the parser
   * that stands in for this one, built from the detector's rules.
   */
  fromRules?(rules: readonly SecretPatternRule[]): SecretParser;
}

/**
 * Values people write where a real password would go in docs and examples. Template references are
 * placeholders when well formed: `${DB_PASSWORD}`, `${DB_PASSWORD:-dev}`, `{{ .Values.password }}`,
 * `${{ secrets.TOKEN }}` (or cut at the `}` where an unquoted value ends: `${link`), Puppet's and
 * Logstash's `%{VAR}`, Symfony's `%env(DB_SECRET)%` (and `%env(resolve:…)%`), Ruby's and Octopus
 * Deploy's `#{var}` anywhere in the value, a word in parentheses (`PWD=(whatever);`, cut at the `)`
 * too); a `${` or `{{` that does not read as one is just part of a value.
 * A run of `####` masks a value's hidden part, as `xxxx` and `***` do.
 * `fake` and `example` anywhere are gitleaks' stopwords (rules/stopwords.go) that say so, and
 * AWS's documented keys end in EXAMPLE. Docs also write a name in square brackets (`--set
 * auth.rootPassword=[ROOT_PASSWORD]`, `password: [REDACTED]`, `[vault address]`; an unquoted value is
 * cut at its `]`) and an environment variable's name in capitals (`DB_USER:DB_PASSWORD@`,
 * `--from-literal=client-passwords=CLIENT_PASSWORD1`, `PASSWORD1`), one letter repeated (`YYYY`,
 * `XXXX`), a name between underscores (`-passwd _password_`), a SQL statement's named parameter
 * (`special_key = :special_key_1`). A shell's parameter expansion
 * (`${PASSWORD//\"/\\\"}`, `${KEY#prefix}`, `${TOKEN%%:*}`) is a reference too, and so are the
 * tokens build and deploy tools replace: Maven's and Ant's `@db.password@` (and `@@TOKEN@@`), Azure
 * Pipelines' and Octopus' `__DbPassword__`, `[[DB_PASSWORD]]`, PHP's `{$password}` and Concourse's
 * and CredHub's `((db_password))`.
 */
const STAND_IN_WORD =
  /^(?:pass(?:word)?|passwd|pwd|secret|changeme|change_me|sample|dummy|test|placeholder|redacted|hidden|masked|null|none|empty|\*+|x+|\.+|_+|-+)$/i;
const PLACEHOLDER_VALUE =
  /your[_-]?|<[^>]*>|^:[A-Za-z_]\w{0,60}$|^\[[A-Za-z][A-Za-z_ .-]{0,60}\]?$|^([A-Za-z])\1{2,}$|^_[A-Za-z][A-Za-z_]{0,60}_$|\$\{\s*[A-Za-z_][\w.-]*(?::?[-=?+][^{}]*|:[^{}]*|\/\/?[^{}]*|##?[^{}]*|%%?[^{}]*)?\s*(?:\}|$)|\{\{[^{}]*(?:\}\}|$)|^\{\s*[A-Za-z_][A-Za-z_.-]*\s*(?:\}|$)|^\([A-Za-z_ ]{1,40}(?:\)|$)|%[(s]|^%[A-Za-z_]\w*%$|^\$\$?[A-Za-z_]|^\$[([]|^env:|%\{[A-Za-z_][\w.-]*\}|%env\([\w:.-]{1,80}\)%|#\{[^{}]{1,60}\}|\{\$[A-Za-z_][\w.]{0,60}\}|^(?:@@?[A-Za-z_][\w.-]{0,60}@@?|__[A-Za-z][\w.-]{0,60}__|\[\[[ \t]*[A-Za-z_][\w.-]{0,60}[ \t]*\]\])$|^\(\([ \t]*[A-Za-z_][\w./-]{0,60}[ \t]*(?:\)\)|$)|xxxx|\*\*\*|####|fake|example/i;
// connectionstrings.com's stand-ins, camel-cased like the rest of its templates (`User Id=myUsername;
// Password=myPassword;`). Lower-case `mypassword`, `mypass`, `my_password` are the literal passwords
// examples and real configs use (`postgres://app:mypassword@db`), and are reported.
const CAMEL_STAND_IN = /^my(?:Pass(?:word)?|Pwd|Secret)$/;

/**
 * Words docs write where a password goes that people also set as one: the slot's own name (`password`,
 * `pass`, `passwd`, `secret`, connectionstrings.com's `myPassword`) and `changeme` (a default in
 * vendors' images). Where a password is only named (`password: secret`) they stay stand-ins; in the
 * password's slot of a connection string or a URL (`Pwd=password;`, `amqp://user:secret@host`) the
 * value is the one in use, and a weak real password looks the same, so it is reported at
 * PLACEHOLDER_LOOKING_SCORE. Not `test`, `dummy`, `sample`: words that say the login is not for real use.
 */
const PLACEHOLDER_LOOKING = /^(?:pass(?:word)?|passwd|secret|changeme|change_me)$/i;
export const PLACEHOLDER_LOOKING_SCORE = 0.55;

export function isPlaceholderLooking(value: string): boolean {
  return PLACEHOLDER_LOOKING.test(value) || CAMEL_STAND_IN.test(value);
}

/**
 * `value` at `start` of `text` as a placeholder-looking password (see isPlaceholderLooking), or none
 * when the words around it say it is an example. Beside a user that is a stand-in too (`user:password@host`,
 * `UID=user;PWD=password`) it is reported all the same: scanners' own fixtures label those logins
 * secrets (Kingfisher, detect-secrets, Microsoft security-utilities: 12 of the 14 such labels found).
 */
export function placeholderLookingFinding(
  text: string,
  value: string,
  start: number,
): ParsedSecret | undefined {
  if (!isPlaceholderLooking(value) || saidToBeAnExample(text, start, start + value.length)) return undefined;
  return {
    type: "password",
    start,
    end: start + value.length,
    score: PLACEHOLDER_LOOKING_SCORE,
    placeholderLooking: true,
  };
}

// Words saying a text is an example (`… is the default connection string in the tutorial`, `e.g.`).
const EXAMPLE_SAID =
  /\b(?:for (?:example|instance)|examples?|tutorials?|samples?|templates?|placeholders?|docs|documentation)\b|\be\.g\./gi;
const EXAMPLE_REACH = 200;

/**
 * Whether a word on the line, within EXAMPLE_REACH characters of `start`–`end`, says the token holding
 * it (a URL, a connection string: spaces delimit it) is an example. Only words outside the token
 * count: `@ftp.example.com` is its host.
 */
function saidToBeAnExample(text: string, start: number, end: number): boolean {
  const starts = exampleWordStarts(text, start - EXAMPLE_REACH - LONGEST_EXAMPLE_WORD, end + EXAMPLE_REACH);
  for (let index = firstAtOrAfter(starts, start - EXAMPLE_REACH); index < starts.length; index++) {
    const word = starts[index] ?? 0;
    if (word >= end + EXAMPLE_REACH) return false;
    if (word < start ? apartOnOneLine(text, word, start) : word >= end && apartOnOneLine(text, end, word))
      return true;
  }
  return false;
}

/** Whether a space or a tab, and no line break, comes between `from` and `to`. */
function apartOnOneLine(text: string, from: number, to: number): boolean {
  let apart = false;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || code === 0x0d) return false;
    if (code === 0x20 || code === 0x09) apart = true;
  }
  return apart;
}

/**
 * EXAMPLE_SAID's longest word. A scan started this far before a window finds the window's words as a
 * scan from the text's start does: a word found before the window ends within it, and the only word
 * inside another is `example` in `for example`, whose end is the same.
 */
const LONGEST_EXAMPLE_WORD = "documentation".length;

/**
 * Where EXAMPLE_SAID's words start in the text last asked about (ascending), scanned from `from` up to
 * `lastIndex`; `whole` once it was scanned from its start.
 */
const exampleScan = { text: "", from: 0, lastIndex: 0, starts: [] as number[], whole: false };

/**
 * Where EXAMPLE_SAID's words start in `text`, ascending: in `[from + LONGEST_EXAMPLE_WORD, to)` the
 * same as a scan of the whole text finds, and maybe others before. Scanned
 * around the readings asked about, not the whole text: a 10 KB text asks about a URL or two, and its
 * whole scan was most of the connection-string readings' time. They are asked in the text's order,
 * mostly: a gap before the next one is skipped, and one asked before the scanned part has the text
 * scanned from its start, after which the scan only goes on. A megabyte of connection strings, tens
 * of thousands of readings, is scanned twice at most.
 */
function exampleWordStarts(text: string, from: number, to: number): number[] {
  const scan = exampleScan;
  const at = Math.max(0, from);
  if (scan.text !== text) {
    scan.text = text;
    scan.starts = [];
    scan.whole = false;
    restartScan(at);
  } else if (at < scan.from) {
    scan.starts = [];
    scan.whole = true;
    restartScan(0);
  } else if (at > scan.lastIndex && !scan.whole) restartScan(at);
  while (scan.lastIndex < to) {
    EXAMPLE_SAID.lastIndex = scan.lastIndex;
    const word = EXAMPLE_SAID.exec(text);
    if (word === null) {
      scan.lastIndex = text.length;
      break;
    }
    scan.starts.push(word.index);
    scan.lastIndex = EXAMPLE_SAID.lastIndex;
  }
  return scan.starts;
}

function restartScan(at: number): void {
  exampleScan.from = at;
  exampleScan.lastIndex = at;
}

// An environment variable's name in capitals with a credential word as one of its parts
// (`DB_PASSWORD`, `CLIENT_PASSWORD1`, `ROOT_PASSWORD`, `SECRET_KEY_BASE`): case-sensitive.
const ENV_NAME_STAND_IN = /^(?=[A-Z0-9_]*_)[A-Z][A-Z0-9_]*$|^(?:PASS(?:WORD|WD)?|PWD|SECRET|TOKEN)S?\d{1,2}$/;
const ENV_NAME_PART = /(?:^|_)(?:PASS(?:WORD|WD)?S?|PWD|SECRET|TOKEN|KEY|CREDENTIALS?)\d{0,2}(?:_|$)/;

/**
 * Whether a value is a placeholder: the stand-ins above, and template references: `${VAR}`, `$VAR`,
 * `$$VAR` (escaped for Compose and Make), `{{ var }}`, `{var}` (a format or template field), `%VAR%`.
 */
export function isPlaceholderValue(value: string): boolean {
  return (
    STAND_IN_WORD.test(value) ||
    PLACEHOLDER_VALUE.test(value) ||
    CAMEL_STAND_IN.test(value) ||
    (ENV_NAME_STAND_IN.test(value) && ENV_NAME_PART.test(value))
  );
}

/**
 * Whether a URL's user name is a template's (`<user>`, `${DB_USER}`, `DB_USER`, `{{ user }}`): then the
 * whole userinfo is one. A stand-in word there (`ftp://test:hN6nQYPpsja3@…`) is a real user name.
 */
export function isPlaceholderUser(user: string): boolean {
  return PLACEHOLDER_VALUE.test(user) || ENV_NAME_STAND_IN.test(user);
}

// An interpolated string's opener: C#'s `$"`, `$@"`, `@$"`, Python's `f"`/`f'`, before the value on its line.
const INTERPOLATED_OPENER = /(?:^|[^\w$@])(?:\$@?|@\$|[fF])["']/;
// A field filled in by the interpolation: `{defPassword}`, `{config.password}`, `{Decode(_pw)}`.
const INTERPOLATED_FIELD = /\{[A-Za-z_][\w.]*(?:\(|\}|$)/;

/**
 * Whether `value`, starting at `index`, is filled in by an interpolated string on its line
 * (`$"…;PASSWORD={defPassword};"`, `f"pwd={pw}"`, `$"password=test{passcode}"`): a template, not a
 * literal. `braced` says the value is a braced field's content already stripped of its braces.
 */
export function isInterpolatedField(text: string, index: number, value: string, braced = false): boolean {
  if (braced ? !/^[A-Za-z_][\w.]*(?:\(.*\))?$/.test(value) : !INTERPOLATED_FIELD.test(value)) return false;
  return INTERPOLATED_OPENER.test(lineBefore(text, index, 300));
}

/**
 * The text of `index`'s line before it, at most `maxBack` characters: bounded, as a `lastIndexOf` over
 * the whole text would scan back to its start on every hit in text without line breaks.
 */
export function lineBefore(text: string, index: number, maxBack: number): string {
  const window = text.slice(Math.max(0, index - maxBack), index);
  return window.slice(window.lastIndexOf("\n") + 1);
}

// Code references and literals that are not a secret's value: env lookups, dotted paths, calls
// (a name or `$` and `(`, then nothing or up to a closing `)`: `getenv(`, `$(cat key.txt)`), types,
// a Go template's field (`.Values.auth.password`), Jasypt's ciphertext (`ENC(…)`, cut at its `)` when unquoted).
const REFERENCE_VALUE =
  /^(?:process\.env|os\.environ|os\.getenv|getenv|env\.|ENV\[|ENC\(|secrets\.|vault:|ssm:|arn:|@Microsoft\.KeyVault\(|true$|false$|null$|nil$|none$|undefined$|required$|optional$|string$|str$|int$|bool$|boolean$|number$|bytes$)|^[\w$.]*\((?:.*\))?$|^[A-Za-z_$]+(?:\.[A-Za-z_$][\w$]*)+$|^\.[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+$/i;

export function isReferenceValue(value: string): boolean {
  return REFERENCE_VALUE.test(value) && !isPrefixedToken(value);
}

// A dotted value whose last part is drawn at random (`s.ZC9Ecf4M5g9o34Q6RkzGsj0z`, `hvs.CAESIJ8Kz…`,
// Dropbox's `sl.B…`): a token with its issuer's prefix, not a member read (`config.dbPassword`,
// `settings.getDb2ConnectionString`), whose last part is a name. A name turns between lower case,
// capitals and digits at its words' starts; a random draw, at every other character or so. A draw
// from one case and digits (base 36, or a mixed-case format written in small letters: Doppler's
// `dp.pt.` + 40-44 letters and digits, docs.doppler.com "Auth Token Formats") has no case to turn:
// there, digits strewn through it (four runs of them or more) say draw, where a name holds one or
// two (`oauth2`, `v1beta3`).
const MIN_TAIL = 16;
const MIN_DIGIT_RUNS = 4;
const isTailNameChar = asciiClass("abcdefghijklmnopqrstuvwxyz_$");
const isOneCaseDraw = (tail: string) => /^(?:[a-z0-9]+|[A-Z0-9]+)$/.test(tail);

export function isPrefixedToken(value: string): boolean {
  const from = value.lastIndexOf(".") + 1;
  if (from === 0 || value.length - from < MIN_TAIL) return false;
  let kinds = 0;
  let turns = 0;
  let digitRuns = 0;
  let previous = -1;
  for (let index = from; index < value.length; index++) {
    const code = value.charCodeAt(index);
    const kind = code >= 0x30 && code <= 0x39 ? 1 : code >= 0x41 && code <= 0x5a ? 2 : 4;
    // Only a name's characters: a call's argument (`get("…")`) is read as a call.
    if (kind === 4 && !isTailNameChar(value, index)) return false;
    kinds |= kind;
    if (previous !== -1 && kind !== previous) turns++;
    if (kind === 1 && previous !== 1) digitRuns++;
    previous = kind;
  }
  if (kinds === 7) return turns * 2 >= value.length - from;
  return (kinds === 5 || kinds === 3) && digitRuns >= MIN_DIGIT_RUNS && isOneCaseDraw(value.slice(from));
}

const PEM_HEADER = /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----/y;
// Base64 body, optional encryption headers, and JSON-escaped newlines; `-` only when not `-----`.
const PEM_BODY = /(?:[A-Za-z0-9+/=\s\\:,]|-(?!----))*/y;
// One base64 line of a key cut off before its footer (raw or JSON-escaped line breaks before it).
const PEM_LINE = /(?:\s|\\n)*[A-Za-z0-9+/=]{16,}/y;
const PEM_FOOTER = /-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----/y;
const MIN_KEY_BASE64 = 64;

/**
 * PEM private key blocks, including truncated ones and keys inside JSON (GCP service-account files).
 * Source: RFC 7468 labels; secretlint-rule-privatekey (which requires 100+ body characters).
 * A header with a short body ("paste your -----BEGIN PRIVATE KEY----- here") is not a key.
 */
export const privateKeyParser: SecretParser = {
  id: "private-key",
  keywords: ["-----begin"],
  source: "RFC 7468 PEM labels; secretlint-rule-privatekey",
  parse(text, index) {
    PEM_HEADER.lastIndex = index;
    if (!PEM_HEADER.test(text)) return undefined;
    const bodyStart = PEM_HEADER.lastIndex;
    PEM_BODY.lastIndex = bodyStart;
    PEM_BODY.test(text);
    PEM_FOOTER.lastIndex = PEM_BODY.lastIndex;
    const complete = PEM_FOOTER.test(text);
    // A truncated key ends after its last base64 line, so prose after a bare header is not key material.
    const end = complete ? PEM_FOOTER.lastIndex : endOfBase64Lines(text, bodyStart);
    const bodyEnd = complete ? PEM_BODY.lastIndex : end;
    const base64Count = text.slice(bodyStart, bodyEnd).replace(/\\n|[^A-Za-z0-9+/]/g, "").length;
    if (base64Count < MIN_KEY_BASE64) return keyInMarkedLines(text, index, bodyStart);
    return { type: "private_key", start: index, end, score: complete ? 0.99 : 0.9 };
  },
};

// A key whose every line carries more than its base64: a source file's string literals joined line by
// line (`"MIIE…\n" +`, `+ "MIIE…"`), a comment's gutter (` * MIIE…`, `// MIIE…`), a log's prefix per
// line (a timestamp, a build step's). Each of its lines holds one base64 run of 16 or more characters
// (PEM writes 64 a line, RFC 7468) and at most MAX_LINE_MARKS others; before the first, lines of
// marks alone or armor headers (RFC 4880's `Version: …`, RFC 1421's `Proc-Type: …`, `DEK-Info: …`).
const LINE_RUN = /[A-Za-z0-9+/]{16,}={0,2}/g;
const ARMOR_HEADER = /^[^A-Za-z\n]{0,24}[A-Za-z][\w-]{1,30}:[ \t]/;
const MAX_LINE_MARKS = 24;
const MAX_LINES_BEFORE_BODY = 4;
const MAX_KEY_LINES = 400;

/** A key read line by line, its lines' marks around each base64 run left out, or none. */
function keyInMarkedLines(text: string, start: number, headerEnd: number): ParsedSecret | undefined {
  let base64 = 0;
  let end = headerEnd;
  let skipped = 0;
  let newline = text.indexOf("\n", headerEnd);
  for (let count = 0; newline !== -1 && count < MAX_KEY_LINES; count++) {
    const lineStart = newline + 1;
    newline = text.indexOf("\n", lineStart);
    const line = text.slice(lineStart, newline === -1 ? text.length : newline);
    const footer = line.indexOf("-----END");
    if (footer !== -1) {
      PEM_FOOTER.lastIndex = lineStart + footer;
      if (base64 >= MIN_KEY_BASE64 && PEM_FOOTER.test(text))
        return { type: "private_key", start, end: PEM_FOOTER.lastIndex, score: 0.99 };
      break;
    }
    const run = longestRun(line);
    if (run !== undefined && line.length - run[0].length <= MAX_LINE_MARKS) {
      base64 += run[0].length;
      end = lineStart + run.index + run[0].length;
      continue;
    }
    const marksAlone = line.trim().length <= MAX_LINE_MARKS && run === undefined;
    if (base64 > 0 || skipped >= MAX_LINES_BEFORE_BODY || !(marksAlone || ARMOR_HEADER.test(line))) break;
    skipped++;
  }
  if (base64 < MIN_KEY_BASE64) return undefined;
  return { type: "private_key", start, end, score: 0.9 };
}

function longestRun(line: string): RegExpExecArray | undefined {
  let longest: RegExpExecArray | undefined;
  LINE_RUN.lastIndex = 0;
  for (let run = LINE_RUN.exec(line); run !== null; run = LINE_RUN.exec(line))
    if (longest === undefined || run[0].length > longest[0].length) longest = run;
  return longest;
}

/** Where a truncated key's base64 lines stop, so the prose after it is not swallowed. */
function endOfBase64Lines(text: string, from: number): number {
  PEM_LINE.lastIndex = from;
  let end = from;
  while (PEM_LINE.test(text)) end = PEM_LINE.lastIndex;
  return end;
}

const CONNECTION_SCHEMES = [
  "postgres",
  "postgresql",
  // node-postgres' short form (pg-connection-string).
  "pg",
  "mysql",
  "mysqlx",
  "mariadb",
  "mongodb",
  "mongodb+srv",
  "redis",
  "rediss",
  "amqp",
  "amqps",
  "mssql",
  "sqlserver",
  "clickhouse",
  "cockroachdb",
  "couchdb",
  "neo4j",
  "neo4j+s",
  "bolt",
  "cassandra",
  "oracle",
  "snowflake",
  "http",
  "https",
  "ftp",
  "ftps",
  "sftp",
  "smtp",
  "smtps",
];
// scheme://user:password@host — the password excludes `@`, `/` and space, as URL syntax demands. The
// user may hold one `@` (`smtps://me@example.com:…@smtp.example.com`): the WHATWG URL Standard's
// authority state reads every `@` before the last as the userinfo's (Python's urlsplit splits at the last).
const CREDENTIAL_URL =
  /([a-z0-9+.-]{2,21}):\/\/([^\s:/@'"`<>]{0,100}(?:@[^\s:/@'"`<>]{1,100})?):([^\s@/'"`<>]{1,200})@[\w[]/iy;

/**
 * Passwords inside connection strings and URLs. Source: secretlint-rule-database-connection-string
 * and secretlint-rule-basicauth (same structure); RFC 3986 userinfo. Only the password is the span,
 * so redaction keeps `postgres://app:[DATABASE_PASSWORD_1]@db/prod` readable.
 */
export const credentialUrlParser: SecretParser = {
  id: "connection-string",
  keywords: CONNECTION_SCHEMES.map((scheme) => `${scheme}://`),
  source: "secretlint-rule-database-connection-string, secretlint-rule-basicauth; RFC 3986 userinfo",
  parse(text, index) {
    if (index > 0 && /[a-z0-9+]/i.test(text[index - 1] ?? "")) return undefined;
    CREDENTIAL_URL.lastIndex = index;
    const match = CREDENTIAL_URL.exec(text);
    if (!match) return undefined;
    const [whole, scheme = "", user = "", password = ""] = match;
    const isWeb = /^(?:https?|s?ftps?|smtps?)$/i.test(scheme);
    const start = index + whole.length - 2 - password.length;
    const scored = userinfoScore(text, start, user, password, isWeb ? 0.85 : 0.92);
    if (scored === undefined) return undefined;
    return {
      type: isWeb ? "url_password" : "database_password",
      start,
      end: start + password.length,
      ...scored,
    };
  },
};

// Any other scheme (`git+https`, `svn+ssh`, `ssh`, `socks5`, `nats`, `ldaps`…), read back from its `://`.
const SCHEME_BEFORE = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}$/;
const KNOWN_SCHEMES = new Set(CONNECTION_SCHEMES);

/**
 * `scheme://user:password@host` for the schemes `credentialUrlParser` has no keyword for: the same
 * userinfo rule (RFC 3986), found from the `://` every URL has.
 */
export const anySchemeUrlParser: SecretParser = {
  id: "connection-string",
  keywords: ["://"],
  source: "RFC 3986 userinfo (scheme://user:password@host), any scheme",
  parse(text, index) {
    const scheme = SCHEME_BEFORE.exec(text.slice(Math.max(0, index - 21), index))?.[0];
    if (scheme === undefined || KNOWN_SCHEMES.has(scheme.toLowerCase())) return undefined;
    CREDENTIAL_URL.lastIndex = index - scheme.length;
    const match = CREDENTIAL_URL.exec(text);
    if (!match || match[1]?.length !== scheme.length) return undefined;
    const [whole, , user = "", password = ""] = match;
    const start = index - scheme.length + whole.length - 2 - password.length;
    const scored = userinfoScore(text, start, user, password, 0.85);
    if (scored === undefined) return undefined;
    return { type: "url_password", start, end: start + password.length, ...scored };
  },
};

// Anonymous FTP (RFC 1635) asks for no password; `anonymous:anonymous@` logs in to nothing.
const ANONYMOUS_USER = /^(?:anonymous|ftp)$/i;

/**
 * The score of a URL's password, or none for a template's userinfo (`<user>:<password>`,
 * `${DB_USER}:${DB_PASSWORD}`, `user:****`). A password that looks like a stand-in (`user:password@`,
 * `user:secret@`) or repeats its user (`guest:guest@`, `postgres:postgres@`: servers' default logins)
 * is reported at PLACEHOLDER_LOOKING_SCORE, and says so, unless the words around it say it is an example.
 */
function userinfoScore(
  text: string,
  start: number,
  user: string,
  password: string,
  score: number,
): Pick<ParsedSecret, "score" | "placeholderLooking"> | undefined {
  if (isPlaceholderUser(user)) return undefined;
  const repeatsUser = password === user;
  if (!repeatsUser && !isPlaceholderValue(password)) return { score };
  const looksPlaceholder = repeatsUser
    ? !ANONYMOUS_USER.test(user) && (!isPlaceholderValue(password) || isPlaceholderLooking(password))
    : isPlaceholderLooking(password);
  if (!looksPlaceholder || saidToBeAnExample(text, start, start + password.length)) return undefined;
  return { score: PLACEHOLDER_LOOKING_SCORE, placeholderLooking: true };
}

const BASIC_AUTH = /basic[ \t]{1,5}([A-Za-z0-9+/]{12,400}={0,2})(?![A-Za-z0-9+/=])/iy;

/** `Authorization: Basic base64(user:password)`; confirmed by decoding. Source: RFC 7617. */
export const basicAuthParser: SecretParser = {
  id: "http-auth",
  keywords: ["basic "],
  source: "RFC 7617 (Basic HTTP authentication scheme)",
  parse(text, index) {
    if (index > 0 && /[A-Za-z]/.test(text[index - 1] ?? "")) return undefined;
    BASIC_AUTH.lastIndex = index;
    const match = BASIC_AUTH.exec(text);
    const encoded = match?.[1];
    if (!match || encoded === undefined) return undefined;
    if (!isEncodedUserPassword(encoded)) return undefined;
    const start = index + match[0].length - encoded.length;
    return { type: "basic_auth", start, end: start + encoded.length, score: 0.9 };
  },
};

/** Whether base64 decodes to `user:password`, printable, the password no placeholder. */
function isEncodedUserPassword(encoded: string): boolean {
  const decoded = Buffer.from(encoded, "base64")
    .toString("utf8")
    .replace(/\r?\n$/, "");
  const colon = decoded.indexOf(":");
  return colon >= 1 && /^[\x20-\x7e]+$/.test(decoded) && !isPlaceholderValue(decoded.slice(colon + 1));
}

// The value after the name's closing quote (if any): `:` or `=`, then base64, quoted or not.
const ENCODED_AUTH_VALUE = /[ \t]*[:=][ \t]*(["']?)([A-Za-z0-9+/]{8,400}={0,2})\1(?![A-Za-z0-9+/=])/y;
// `auth` alone (Docker's), or as a name's last part: `user_auth`, `basic-auth`, `http.auth`, `proxyAuth`.
const AUTH_NAME = /^(?:[\w.-]{0,40}[_.-])?auth$/i;
const CAMEL_AUTH_NAME = /[a-z]Auth$/;
const isAuthNameChar = asciiClass(`${ALPHANUMERIC}_.-`);

/**
 * `user:password` in base64 under a name for it: a registry login in Docker's config.json (or the
 * older .dockercfg), `"auth": "<base64 of user:password>"`, and the same under any name ending in
 * `auth` (`"user_auth": "…"`, `basic_auth: …`, `PROXY_AUTH=…`), confirmed by decoding. Source:
 * Docker CLI docs (`docker login` credentials store); RFC 7617's encoding.
 */
export const dockerAuthParser: SecretParser = {
  id: "http-auth",
  keywords: ['auth"', "auth'", "auth:", "auth=", "auth "],
  source: "Docker CLI config.json `auths` (base64 of user:password); the same under any `…auth` name",
  parse(text, index) {
    const closing = text[index + 4] === '"' || text[index + 4] === "'" ? (text[index + 4] ?? "") : "";
    const start = skipBackOver(text, index, isAuthNameChar, 40);
    const name = text.slice(start, index + 4);
    if (!AUTH_NAME.test(name) && !CAMEL_AUTH_NAME.test(name)) return undefined;
    if (closing !== "" && text[start - 1] !== closing) return undefined;
    ENCODED_AUTH_VALUE.lastIndex = index + 4 + closing.length;
    const match = ENCODED_AUTH_VALUE.exec(text);
    const encoded = match?.[2];
    if (!match || encoded === undefined || !isEncodedUserPassword(encoded)) return undefined;
    const end = ENCODED_AUTH_VALUE.lastIndex - (match[1]?.length ?? 0);
    return { type: "basic_auth", start: end - encoded.length, end, score: 0.9 };
  },
};

// `-u user:password`, `--user=user:password`, and the proxy's `-U`/`--proxy-user`, quoted or not, or
// only the password quoted (`-u kevin:'pRf7…'`, the shell joins the two), or a user alone before its
// colon (`-u sk_test_…:`); the command's `curl` up to 5 lines before.
const CURL_USER =
  /(?:-u|--user|-U|--proxy-user)(?:=|[ \t]{1,5})(?:"([^"\n]{0,200})"|'([^'\n]{0,200})'|([\w$@.-]{0,100}:[^\s"'`]{1,200})|([\w$@.-]{1,100}:)(["'])([^"'\n]{1,200})\5|([\w.-]{1,100}:))(?=\s|$)/y;
/** No password, or the `X` some APIs ask for in its place (`-u KEY:X`): the user is the credential. */
const NO_PASSWORD = /^[xX]?$/;
const CURL_PLACEHOLDER = /^\[.*\]$|^\$\(|^token$/i;
const CURL_COMMAND = /\bcurl\b(?:[^\n]*\n){0,5}[^\n]*$/;

/**
 * Passwords given to curl on its command line (`curl -u elastic:Tr0ub4dor https://…`): the part
 * after the first colon is the span. Source: gitleaks curl.go (curl-auth-user), curl's `-u, --user`.
 */
export const curlUserParser: SecretParser = {
  id: "curl-user",
  keywords: ["-u", "--user", "--proxy-user"],
  source: "gitleaks curl.go (curl-auth-user); curl manual, -u/--user and -U/--proxy-user <user:password>",
  parse(text, index) {
    if (index > 0 && !/\s/.test(text[index - 1] ?? "")) return undefined;
    CURL_USER.lastIndex = index;
    const match = CURL_USER.exec(text);
    if (!match || !CURL_COMMAND.test(text.slice(Math.max(0, index - 600), index))) return undefined;
    const credentials = match[1] ?? match[2] ?? match[3] ?? match[7] ?? `${match[4]}${match[6]}`;
    const colon = credentials.indexOf(":");
    const password = credentials.slice(colon + 1);
    // An API key given as the user, with no password (`curl -u sk_test_…:`, `-u "KEY:"`, `-u KEY:X`),
    // as Stripe's, Chargebee's and Freshdesk's docs write it: the user is the key, when drawn at random.
    if (colon > 0 && NO_PASSWORD.test(password)) {
      const user = credentials.slice(0, colon);
      if (!isRandomValue(user)) return undefined;
      const start = index + match[0].lastIndexOf(credentials);
      return { type: "api_key", start, end: start + user.length, score: 0.8 };
    }
    // gitleaks' allow-list for this rule: placeholders, `[…]`, `$(command)`, `token`, and entropy under 2.
    if (
      colon === -1 ||
      password.length < 3 ||
      isPlaceholderValue(password) ||
      CURL_PLACEHOLDER.test(password)
    )
      return undefined;
    if (shannonEntropy(password) < 2) return undefined;
    // A closing quote ends every form but the bare one.
    const start = index + match[0].length - (match[3] === undefined ? 1 : 0) - password.length;
    return { type: "password", start, end: start + password.length, score: 0.85 };
  },
};
