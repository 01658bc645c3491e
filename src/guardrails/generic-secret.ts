import { rememberLast } from "../remember-last.js";
import { ALPHANUMERIC, asciiClass, atLineStart, skipBackOver } from "./char-class.js";
import { drawnWithoutDigits } from "./digitless-key.js";
import { characterClasses, shannonEntropy } from "./entropy.js";
import { labelledPairPasswordStart } from "./labelled-pair.js";
import {
  isCodeCall,
  isDescriptionWord,
  isNeverAPassword,
  isPrivateField,
  isSaidAboutASecret,
  isSentenceAboutIt,
  isSnakeCaseName,
  plainPasswordScore,
  qualifierLength,
} from "./password-value.js";
import { isRandomValue, NOT_A_VALUE } from "./random-value.js";
import {
  isInterpolatedField,
  isPlaceholderLooking,
  isPlaceholderValue,
  isPrefixedToken,
  isReferenceValue,
  lineBefore,
  type ParsedSecret,
  placeholderLookingFinding,
  type SecretParser,
} from "./secret-parsers.js";
import { StopFinder } from "./stop-finder.js";

/**
 * High-entropy values assigned to secret-like names: `DB_PASSWORD=…`, `"api_key": "…"`, `--token …`,
 * `<password>…</password>`, "my password is …". The idea and the name list follow gitleaks'
 * generic-api-key rule (generic.go: keyword + assignment + entropy ≥ 3.5, MIT); it is a hand-written
 * parser rather than one regex so each keyword hit costs a bounded, backtracking-free look around it.
 */
const KEYWORDS = [
  "password",
  // `pass = "…"`, `"pass": "…"`, `--pass …`, `<pass>…</pass>`: only the whole name (SECRET_NAME).
  "pass",
  "passwd",
  "passphrase",
  "pwd",
  // Abbreviations of password that config and code also use: `pswd`, `psw`, `pword`, `pwrd`, `psswd`,
  // and its other spellings with a letter or two dropped (`PSWRD`, `PSSWORD`, `PASWD`, `PASWORD`).
  "psw",
  "pword",
  "pwrd",
  "pssw",
  "pasw",
  "_pass",
  "userpass",
  "secret",
  "token",
  // A name ending in the word `auth` (`REDIS_AUTH`, `proxy_auth`, `smtpAuth`): a random value only (AUTH_NAME).
  "auth",
  // A name ending in the word `license` (`NEW_RELIC_LICENSE`): a random value only (LICENSE_NAME).
  "license",
  "licence",
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
  // A pre-shared key, a Wi-Fi or VPN password: `psk="…"` (wpa_supplicant, NetworkManager), `wpa_psk`,
  // `pre_shared_key`, `preSharedKey`, and a Windows Wi-Fi profile's `<keyMaterial>`.
  "psk",
  "preshared",
  "pre_shared",
  "pre-shared",
  "keymaterial",
];
// A name found by the words above only counts as secret-like when it holds one of these...
const SECRET_NAME =
  /(?:^|[^a-z])(?:requirepass|rootpw|bindpw)$|password|passwd|passphrase|pwd|_pass|(?:^|[^a-z])psk$|pre[_-]?shared[_-]?key$|keymaterial$|(?:^|[^a-z])pass$|(?:^|[^a-z])pw$|userpass|secret|token|apikey|api_key|api-key|access_?key|private_?key|credential|auth(?:entication)?_key|signing_key|encryption_key|master_key|(?:^|[^a-z])(?:passw|pass_word|pass_phrase|psw|pword|pwrd|pa?s{1,2}wo?r?d)$/;
// (`requirepass`, `rootpw`, `bindpw`: Redis', slapd's, kickstart's and nslcd's directives for a password.)
// ...or ends in a separate word `key` (`HEROKU_KEY`, `private-key`, camelCase `hubspotKey`), `creds`
// or `pat`, a personal access token (`AZURE_DEVOPS_PAT`, `gh_pat`).
const KEY_NAME = /(?:^|[_.-])(?:key|creds?)$|[_.-]pat$/i;
const CAMEL_KEY_NAME = /[a-z0-9]Key$/;
// A name that ends in `KEY` run together with the word before it, in capitals (`BING_MAPSKEY`,
// `DDAPPKEY`) or after a vendor's name in lower case (`coinlayerKEY`, `pardot_CONSUMERKEY`): there
// `KEY` is a word too, capitalised as a word is.
const UPPER_KEY_NAME = /[A-Za-z0-9]KEY$/;
// Keys that name a record, a row or a public half, not a credential (gitleaks generic.go's list, and more).
const NOT_A_SECRET_KEY =
  /(?:bucket|foreign|hot|idx|natural|primary|pub(?:lic)?|schema|sequence|sort|partition|hash|cache|row|range|lookup|idempotency|object|map|dict|group|column|table|index|unique|composite|surrogate|join|shard|routing|message|event|dedupe?|query|i18n|translation|locale)[_.-]?key$/i;
// Tokens that are not credentials: CSRF tokens (Rails calls its own `authenticity_token`) are in every page a server sends, public tokens are public.
// A name that says there is none: `ConnectionStringWithoutPassword`, `passwordless`, `--no-password`.
const NO_PASSWORD_NAME = /without[_-]?pass|passwordless|(?:^|[_.-])no[_-]?pass/;
// A name that says its value is a stand-in, as test code names one (`fakeToken`, `dummy_password`,
// `MOCK_API_KEY`, `invalidSecret`, `nonMatchingToken`): whatever it holds was made up to look like one.
const STAND_IN_WORDS = ["fake", "dummy", "mock", "bogus", "invalid", "nonMatching", "notMatching"];
/** Each word in small letters, a camelCase hump also written separated (`non[_.-]?matching`). */
const SEPARATED_STAND_INS = STAND_IN_WORDS.map((word) =>
  word.replace(/([a-z])([A-Z])/g, "$1[_.-]?$2").toLowerCase(),
);
/** Each word capitalised, as a later part of a camelCase name (`Mock`, `NonMatching`). */
const CAPITALISED_STAND_INS = STAND_IN_WORDS.map((word) => word.charAt(0).toUpperCase() + word.slice(1));
// Separated by `_`, `.` or `-` (`fake_token`, `non-matching`, `MOCK_API_KEY`), in any case.
const STAND_IN_NAME = new RegExp(`(?:^|[_.-])(?:${SEPARATED_STAND_INS.join("|")})(?=[_.-]|$)`, "i");
// camelCase: the word first in small letters (`fakeToken`) or later capitalised (`myMockSecret`).
const CAMEL_STAND_IN_NAME = new RegExp(
  `^(?:${STAND_IN_WORDS.join("|")})(?=[A-Z])|(?:^|[a-z0-9_.-])(?:${CAPITALISED_STAND_INS.join("|")})(?=[A-Z_.-]|$)`,
);
// A tokenizer (`tokenizer = AutoTokenizer…`, `tokenize`) splits text; it holds no credential.
// Nor does a list's page token, the opaque cursor an API hands back for its next page (AWS's
// `NextToken`, S3's `ContinuationToken`, Google's `nextPageToken` and `syncToken`, `resume_token`),
// which a tool's output carries in every paged answer.
const NOT_A_SECRET_TOKEN =
  /^(?:csrf|xsrf|public|pub|authenticity)[_.-]?token|^(?:csrf|xsrf)|tokeni[sz]|(?:next|prev(?:ious)?|page|pagination|continuation|sync|resume)[_.-]?(?:page[_.-]?)?token$/i;

const isNameChar = asciiClass(`${ALPHANUMERIC}_.-`);
const MAX_NAME = 60;
// Long enough for an AWS session token (about 350-1,000 characters) or a JWT; longer is not a value.
const MAX_VALUE = 1200;
// Names that hold metadata about a secret, not the secret: ids, urls, lengths, types, counts, files,
// where it is kept (`vault.address`, `…_host`, `keyVaultToStoreSecrets`: a plural names a store or a
// list, not one secret) and when it changed (`adminPasswordMtime`)…
// Tested as "ends with" (`$`, then the words backwards): 3× faster than trying them at every position.
const METADATA_NAME =
  /$(?<=(?:ids?|type|url|uri|endpoint|path|file|dir|length|len|count|limit|min|max|size|expiry|expires|expiration|ttl|timeout|name|field|header|hint|label|prompt|policy|env|var|format|usage|budget|cost|rate|index|kind|mode|schema|version|hash|hashed|prefix|suffix|regex|pattern|ref|arn|manager|store|provider|storage|source|enabled|required|visible|tokens|secrets|address|host|hostname|region|mtime|time|timestamp|date|method|algorithm|cipher|scheme|digest))/;
// A digest of the secret (`secret_sha256`, `token_md5`, `key_fingerprint`).
const DIGEST_NAME = /(?:sha\d{0,3}|md5|checksum|fingerprint|thumbprint)$/;
const PASSWORD_NAME =
  /pass|pwd|(?:^|[^a-z])(?:rootpw|bindpw)$|(?:^|[^a-z])pw$|(?:^|[^a-z])psk$|pre[_-]?shared[_-]?key$|keymaterial$|(?:^|[^a-z])(?:psw|pword|pwrd|pa?s{1,2}wo?r?d)$/;
// Names that say password as a word (`password`, `db_pass`, `dbPass`, `PWD`), not `passage` or `passenger`.
const EXPLICIT_PASSWORD_NAME =
  /passw(?:or)?d|passphrase|passcode|pwd|userpass|(?:^|[^a-z])psk$|pre[_-]?shared[_-]?key$|keymaterial$|(?:^|[^a-z])pass(?:$|[^a-z])|(?:^|[^a-z])pw$|(?:^|[^a-z])(?:passw|pass_word|pass_phrase|psw|pword|pwrd|pa?s{1,2}wo?r?d)$/;
const CAMEL_PASSWORD_NAME = /[a-z]P(?:ass|w)$/;
// An environment variable's name ending in `PASS` run together with the word before it (`MYSQLPASS`,
// `SMTPPASS`, `LDAPPASS`), as UPPER_KEY_NAME reads `MAPSKEY`; `BYPASS` and `COMPASS` end so too,
// so only a value drawn at random counts there.
const UPPER_PASS_NAME = /^[A-Z][A-Z0-9_]*[A-Z0-9]PASS$/;
// `userPw`, `adminPw`: a camel-cased name ending in `Pw` (not `Pass`: `propertiesPass`, `firstPass` in code).
const CAMEL_PW_NAME = /[a-z]Pw$/;
// A name ending in `auth` as a word (`REDIS_AUTH`, `proxy_auth`, `x-auth`, `smtpAuth`) holds a
// credential or says how to authenticate (`MONGO_AUTH=SCRAM-SHA-256`, `smtp_auth: true`): only a
// value drawn at random counts, and not a `user:password` pair (the pair readers span its password
// alone: `basic_auth = "alice:…"`), nor a code expression (`exports2.SOCKS5_CUSTOM_AUTH_END`). `auth` alone is a Docker config's base64 pair (docker-auth reads it).
// So does a header's or a setting's name ending in the whole word (`X-Braze-Authorization: <uuid>`,
// `X-Authentication: …`), a vendor's own header for its key; `Authorization` alone is http-auth's.
const AUTH_NAME = /[a-z0-9][_.-]auth(?:entication|orization)?$/i;
const CAMEL_AUTH_NAME = /[a-z0-9]Auth$/;
// A name ending in the word `api` after a service's name (`VIRUSTOTAL_API`, `epa_api`, `GLITCHAPI`,
// `miroAPI`) holds the service's key, as its users name it, or says where the service is
// (`BASE_API=https://…`, `GRAPH_API: v2`): only a value drawn at random counts, as for `auth`.
// Not in small letters run together (`openapi`, `rapidapi`: a format's or a hub's name).
const API_NAME = /[a-z0-9][_.-]api$/i;
const GLUED_API_NAME = /[A-Za-z0-9]API$/;
// So does a name ending in the word `license` (`NEW_RELIC_LICENSE`, `aua_license`, `sdkLicense`): a
// license key, a credential; a licence's name (`license: MIT`, `Apache-2.0`) is drawn at random by no one.
const LICENSE_NAME = /[a-z0-9][_.-]licen[cs]e$/i;
const CAMEL_LICENSE_NAME = /[a-z0-9]Licen[cs]e$/;
// The id that is the credential: Vault's AppRole `secret_id` and Consul's ACL `SecretID` (a UUID
// each), where an id after `secret` elsewhere names a secret kept somewhere (`SecretId="arn:…"`,
// an Azure client secret's id): a UUID's value alone counts, and not after `client`.
const SECRET_ID_NAME = /^(?:[a-z0-9]+[_.-])?secret[_.-]?id$/;
const NOT_SECRET_ID_NAME = /client[_.-]?secret/;
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
    // Several keywords start inside one name (`db_password`: `_pass`, `password`, `pass`; `api_key`:
    // `api_key`, `key`), and the reading depends on the name's span alone: read it once.
    return readNamedValueOnce(text, nameStart, nameEnd);
  },
};

/** The value assigned to the name at `nameStart`–`nameEnd`, read and scored, or none. */
function readNamedValue(text: string, nameStart: number, nameEnd: number): ParsedSecret | undefined {
  const originalName = text.slice(nameStart, nameEnd);
  const reading = readName(originalName);
  if (reading === undefined) return undefined;
  const found = readValueOfName(text, nameStart, nameEnd, originalName, reading.name, reading.isPassword);
  // A digest of the secret (`token_sha256`) is no secret.
  if (found === undefined || reading.digest) return undefined;
  if (reading.randomOnly && !isRandomValue(text.slice(found.start, found.end))) return undefined;
  const value = text.slice(found.start, found.end);
  if (reading.uuidOnly && !(UUID.test(value) && isRandomValue(value))) return undefined;
  if (reading.keyShaped && !KEY_SHAPED.test(value)) return undefined;
  if (reading.noPair && (value.includes(":") || NOT_A_VALUE.test(value))) return undefined;
  return found;
}

const readNamedValueOnce = rememberLast(readNamedValue);

const KEY_SHAPED = /^[A-Za-z0-9+=_-][A-Za-z0-9+/=_-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a name alone says: whether it names a secret, a password, a digest of one. */
interface NameReading {
  /** Lower case. */
  name: string;
  isPassword: boolean;
  digest: boolean;
  /** Only a value drawn at random counts (`MYSQLPASS`: `PASS` run on after another word, as `BYPASS`). */
  randomOnly?: boolean;
  /** A `user:password` pair is not this name's value (`basic_auth`): the pair readers read it. */
  noPair?: boolean;
  /** Only a UUID counts (`secret_id`: Vault's and Consul's credential is one). */
  uuidOnly?: boolean;
  /** Only a key's characters count, not a path's start or a host's dots (`BASE_API=/api/v1/…`). */
  keyShaped?: boolean;
}

/**
 * Names read before, with what they say (`null`: no secret's name). A name's dozen regexes ran on
 * every keyword hit, and the hits of a text repeat few names (a megabyte of `pwd=a;` has 170,000
 * hits of one).
 */
const nameReadings = new Map<string, NameReading | null>();
const MAX_NAME_READINGS = 4096;

function readName(originalName: string): NameReading | undefined {
  let reading = nameReadings.get(originalName);
  if (reading === undefined) {
    reading = readNameAnew(originalName);
    if (nameReadings.size >= MAX_NAME_READINGS) nameReadings.clear();
    nameReadings.set(originalName, reading);
  }
  return reading ?? undefined;
}

function readNameAnew(originalName: string): NameReading | null {
  const name = originalName.toLowerCase();
  if (SECRET_ID_NAME.test(name) && !NOT_SECRET_ID_NAME.test(name))
    return { name, isPassword: false, digest: false, uuidOnly: true };
  if (METADATA_NAME.test(name)) return null;
  const camelPassword = originalName.endsWith("Pw") && CAMEL_PW_NAME.test(originalName);
  if (!SECRET_NAME.test(name) && !camelPassword && UPPER_PASS_NAME.test(originalName))
    return { name, isPassword: true, digest: false, randomOnly: true };
  if (!SECRET_NAME.test(name) && (AUTH_NAME.test(name) || CAMEL_AUTH_NAME.test(originalName)))
    return { name, isPassword: false, digest: false, randomOnly: true, noPair: true };
  if (
    !SECRET_NAME.test(name) &&
    (API_NAME.test(name) ||
      GLUED_API_NAME.test(originalName) ||
      LICENSE_NAME.test(name) ||
      CAMEL_LICENSE_NAME.test(originalName))
  )
    return { name, isPassword: false, digest: false, randomOnly: true, noPair: true, keyShaped: true };
  if (!SECRET_NAME.test(name) && !camelPassword) {
    // Reached through `key`/`creds` alone: a bare `key` is any dictionary's key, not a secret's name.
    if (
      name === "key" ||
      !(KEY_NAME.test(originalName) || CAMEL_KEY_NAME.test(originalName) || UPPER_KEY_NAME.test(originalName))
    )
      return null;
    if (NOT_A_SECRET_KEY.test(originalName)) return null;
  }
  if (NOT_A_SECRET_TOKEN.test(name) || (name.length > 10 && NO_PASSWORD_NAME.test(name))) return null;
  if (STAND_IN_NAME.test(originalName) || CAMEL_STAND_IN_NAME.test(originalName)) return null;
  return { name, isPassword: camelPassword || PASSWORD_NAME.test(name), digest: DIGEST_NAME.test(name) };
}

function readValueOfName(
  text: string,
  nameStart: number,
  nameEnd: number,
  originalName: string,
  name: string,
  isPassword: boolean,
): ParsedSecret | undefined {
  const valueStart = findValueStart(text, nameStart, nameEnd, isPassword);
  if (valueStart === undefined) return literalComparedWith(text, nameStart, isPassword, name, originalName);
  // "Username/Password: admin / s3cret": a pair under a pair's label; the password is its second half.
  if (isPassword && valueStart.quote === "")
    valueStart.index = labelledPairPasswordStart(text, nameStart, valueStart.index) ?? valueStart.index;
  // In a URL's query (`?user=app&password=…&ssl=true`) `&` starts the next parameter.
  const inQuery = text[nameStart - 1] === "&" || text[nameStart - 1] === "?";
  let value = readValue(text, valueStart.index, valueStart.quote, inQuery);
  if (value === undefined) return undefined;
  // A config line's value stopped by a bracket (`passwd: m{{h}o)p$…`, `db_pass := Ab)c9…`): nothing
  // opens before the name on its line for the bracket to close, so the value runs on to a space.
  if (
    valueStart.quote === "" &&
    isBracket(text, valueStart.index + value.length) &&
    atLineStart(text, nameStart, isIndent, 40)
  )
    value = readLineValue(text, valueStart.index) ?? value;
  // A config line's value ending in `!` (`password: Summer2024!`): the line ends with the value, so
  // the `!` is the password's, not a sentence's closing punctuation. Not after a word of a
  // description (`password: required!`): that is an exclamation.
  // Only a value that could be a password with it (three characters before it, PAIRED_PLAIN's least).
  if (valueStart.quote === "" && value.length >= 3 && text[valueStart.index + value.length] === "!") {
    const bang = configLineBang(text, nameStart, valueStart.index + value.length);
    if (bang !== "" && !isDescriptionWord(value)) value += bang;
  }
  // Without an operator only a token is a value: a key's shape, whatever the name (not a plain
  // password). Read first, as the checks below are for values after an operator.
  if (valueStart.spaced === true)
    return (
      spacedToken(text, value, valueStart.index, isPassword) ??
      (isPassword ? passwordDirective(text, nameStart, value, valueStart.index) : undefined)
    );
  // The next option of a command line (`--no-password --file=…`): the name was a flag.
  if (valueStart.quote === "" && NEXT_OPTION.test(value)) return undefined;
  // Inside a template's action (`{{- $password := include "…" . }}`): an unquoted value is an expression.
  if (valueStart.quote === "" && insideTemplateAction(text, nameStart)) return undefined;
  // A connection string's password setting (`Server=db;Pwd=password;`, `?user=app&password=secret`)
  // holding a word that looks like a stand-in: the value in use all the same, and a weak real one looks
  // no different (isPlaceholderLooking), so it is reported lower, saying so. Not the first word of a
  // setting that runs on (`;PWD=pass word;`): that value is read whole below.
  if (
    isPassword &&
    valueStart.quote === "" &&
    isPlaceholderLooking(value) &&
    (inQuery || (afterSetting(text, nameStart) && settingTail(text, valueStart.index + value.length) === ""))
  )
    return placeholderLookingFinding(text, value, valueStart.index);
  // An interpolated string's field (`$"…password={SecureStringHelper.Decode(_pw)}"`), and a value
  // that repeats its own name (`ProxyPassword = "proxyPassword"`, `pwd: pwd`): a stand-in.
  if (isInterpolatedField(text, valueStart.index, value) || sameAsName(value, originalName)) return undefined;
  // A connection string's setting runs to the next `;`, spaces and all (`;Pwd=Spring 2024!;`).
  if (valueStart.quote === "" && value !== "" && afterSetting(text, nameStart))
    value += settingTail(text, valueStart.index + value.length);
  // An LDAP filter's wildcard (`(&(sn=admin)(password=MY*))`): a pattern matched, not a password.
  if (text[nameStart - 1] === "(" && value.endsWith("*")) return undefined;
  const end = valueStart.index + value.length;
  if (isShownCutShort(text, value, end)) return undefined;
  if (valueStart.call === true && !CALL_CLOSES.test(text.slice(end + 1, end + 8))) return undefined;
  const quoted = valueStart.quote !== "";
  // An element's whole text, closed by its own tag (`<password>  hunter2  </password>`, Maven's
  // settings.xml): a literal, as a quoted value is, not a code identifier or prose going on.
  const element = valueStart.tag === true && closesElement(text, end, originalName);
  // A format string filled in by code (`"prefix_{}".format(x)`, `f"prefix_{x}"`): a template, not the value.
  if (quoted && value.includes("{") && (valueStart.interpolated || text.startsWith(".format(", end + 1)))
    return undefined;
  // A template literal's interpolation (`` `ACTION_MESSAGE$${event.action}` ``): filled in by code too.
  if (valueStart.quote === "`" && TEMPLATE_INTERPOLATION.test(value)) return undefined;
  if (valueStart.drawn === true && (characterClasses(value) < 3 || value.includes("@"))) return undefined;
  let score = scoreSecretValue(value, isPassword, quoted);
  // A value explicitly named as a password counts even when plain (`password: "letmein"`).
  if (
    score === 0 &&
    valueStart.drawn !== true &&
    namesAPlainValue(name, originalName, isPassword, value, quoted || element)
  ) {
    // A string literal that is one setting, whole (`cn.ConnectionString = "Pwd=scrambled";`): the
    // value is a literal, as in a connection string after its user's setting.
    const setting = !quoted && isWholeLiteralSetting(text, nameStart, end);
    // A URL query's or a form's parameter after its user's (`?user=admin&password=…`,
    // `username=bob&pwd=…`): a connection string's setting after its user's, delimited by `&`.
    const queryPaired = inQuery && !quoted && value.length >= 3 && userParameterBefore(text, nameStart);
    // A connection string written in pieces, a literal per setting (`"UID=postgres;" "PWD=…;"`,
    // pyodbc's and C's adjacent literals, or joined by `+`), across lines too.
    const pieced =
      !quoted &&
      isQuote(text, nameStart - 1) &&
      PIECE_BEFORE.test(text.slice(Math.max(0, nameStart - 40), nameStart));
    score = plainPasswordScore(
      value,
      quoted || element,
      // A shell's environment prefix (`PGPASSWORD=tiger psql -h db`): a command follows, not prose.
      isEnvironmentPrefix(text, nameStart, originalName, valueStart.index) ? "" : text.slice(end, end + 40),
      setting || queryPaired || pieced || text[nameStart - 1] === ";",
      () =>
        setting ||
        queryPaired ||
        (text[nameStart - 1] === ";" &&
          USER_SETTING_BEFORE.test(text.slice(Math.max(0, nameStart - 160), nameStart))) ||
        (pieced &&
          USER_SETTING_BEFORE.test(
            text.slice(Math.max(0, nameStart - 240), nameStart).replace(/\r?\n/g, " "),
          )),
      // An env file's line: the name first on its line, `=` with no spaces (code's `password =
      // NewPasswordField` spaces it), the value ending the line. Not YAML's `:` after a code's name:
      // Python's and TypeScript's annotations write a type there (`password: SecretStr`); after an
      // environment variable's name in parts (Compose's `MYSQL_PASSWORD: MySQLPassword`) a type is
      // one only in a settings class, named as a type is (`DB_PASSWORD: SecretStr`).
      !quoted &&
        ((text[nameEnd] === "=" && valueStart.index === nameEnd + 1) ||
          (text[nameEnd] === ":" &&
            originalName.includes("_") &&
            ENVIRONMENT_NAME.test(originalName) &&
            !TYPE_NAME_END.test(value))) &&
        endsLine(text, end) &&
        atLineStart(text, nameStart, isIndent, 40),
    );
  }
  // A PIN-like run of digits under a password's own name (`password: 123456`, `?user=app&pwd=20240101`):
  // a count or a length is named for what it counts (`password_min_length`), not as the password.
  if (score === 0 && !quoted && DIGITS_PASSWORD.test(value) && namesThePassword(name, originalName))
    score = 0.6;
  if (score === 0)
    return quoted ? undefined : fallbackLiteral(text, end, value, isPassword, name, originalName);
  // A setter's argument is named by the method, not by an assignment of its own: scored under a
  // vendor's pattern for the same token (`$mollie->setApiKey("live_…")`, 0.85), which then names it.
  if (valueStart.call === true) score = Math.min(score, 0.8);
  // The name and its `=` inside a string literal that this quote closes (`dsn.find('PWD=')`,
  // `echo "…;UID=postgres;PWD=" >> $GITHUB_ENV`, `InlineData("…;PASSWORD=", null)`): no value
  // follows. Checked last, on what would be a finding, as it reads back along the line.
  if (quoted && valueStart.unquotedName === true && insideLiteral(text, nameStart, valueStart.quote))
    return undefined;
  return {
    type: isPassword ? "password" : "generic_secret",
    start: valueStart.index,
    end,
    score,
  };
}

// A spaced value starts as a token does: a letter or a digit (or its quote).
const isQuote = asciiClass(`"'`);
// A name written as code writes it: in parts (`api_key`, `x-api-key`), upper case (`TOKEN`) or camel case.
const CODE_NAME = /[_.-]|^[^a-z]+$|[a-z][A-Z]/;
const SPACED_VALUE_START = /^[A-Za-z0-9]$/;
// A spaced token: 16 or more of a key's characters, a letter and a digit among them, no word's shape.
const SPACED_TOKEN = /^(?=[^A-Za-z]*[A-Za-z])(?=\D*\d)[A-Za-z0-9+/=_.-]{16,}$/;

/**
 * The value after a name and a space (`todoist SECRET 5179f75c…`): a finding only when shaped as a
 * token and scored as a key would be under a non-password name (length, entropy, a digit), at 0.7:
 * without an operator the name may be prose's word ("the token 0xAbC…"), so vendor rules outrank it.
 */
function spacedToken(
  text: string,
  value: string,
  start: number,
  isPassword: boolean,
): ParsedSecret | undefined {
  const end = start + value.length;
  if (!SPACED_TOKEN.test(value) || isShownCutShort(text, value, end)) return undefined;
  if (scoreSecretValue(value, false, false) === 0) return undefined;
  return { type: isPassword ? "password" : "generic_secret", start, end, score: 0.7 };
}

// The rest of a line after a directive's value: spaces, the line's end.
const LINE_END = /[ \t]*(?:\r?\n|$)/y;

/**
 * A config directive's password: a password's name first on its line, a space, one value that ends
 * the line (`requirepass Tr0ub4dor&3`, `rootpw s3cr3t-pw`, `bindpw …`, `password Hunter2hunter2`), as
 * redis.conf, slapd.conf, kickstart files and network devices write them. A password's value as after
 * an operator (scoreSecretValue: no bare word, no placeholder), at 0.7: the line is all there is.
 */
function passwordDirective(
  text: string,
  nameStart: number,
  value: string,
  start: number,
): ParsedSecret | undefined {
  const end = start + value.length;
  if (!endsLine(text, end) || !atLineStart(text, nameStart, isIndent, 40)) return undefined;
  if (scoreSecretValue(value, true, false) === 0) return undefined;
  return { type: "password", start, end, score: DIRECTIVE_SCORE };
}
const DIRECTIVE_SCORE = 0.7;

/** Whether only spaces stand between `index` and its line's end. */
function endsLine(text: string, index: number): boolean {
  LINE_END.lastIndex = index;
  return LINE_END.test(text);
}

/**
 * The same rule for names that only end in `key`, `creds`, `pw` or `api` (`HEROKU_KEY`, `hubspotKey`,
 * `private-key`, `creds`, `db_pw`, `userPw`, `GITPOD_API`). These are common inside other words, so a
 * hit inside a longer word (`keyboard`, `key_id`, `upward`, `api_version`) is dropped before the name
 * is read.
 */
const PART_SEPARATORS = new Set(["_", ".", "-"]);

export const genericKeyNameParser: SecretParser = {
  id: "generic",
  // `api` as a name's last word (`VIRUSTOTAL_API`): a random value only (API_NAME).
  keywords: ["key", "creds", "pw", "pat", "api"],
  source:
    "gitleaks generic.go (generic-api-key: `key` and `cred` among its names); `pw` for password; `pat` for a personal access token",
  parse(text, index) {
    const first = text.charCodeAt(index) | 0x20;
    const pat = first === 0x70 && (text.charCodeAt(index + 1) | 0x20) === 0x61;
    const length = first === 0x63 ? 5 : pat ? 3 : first === 0x70 ? 2 : 3;
    if (isNameChar(text, index + length) && !/^[.-]/.test(text.charAt(index + length))) return undefined;
    // `pat` only as a name's last part (`AZURE_DEVOPS_PAT`, `gh.pat`), not alone: a name ("Pat"), a verb.
    if (pat && !PART_SEPARATORS.has(text.charAt(index - 1))) return undefined;
    // `api` only as the last word of a longer name assigned a value (`GITPOD_API=`, `"epa_api": `):
    // not a host's or a call's part (`api.github.com`, `client.api.get`), the commonest `api` of all.
    if (first === 0x61 && !apiNameAssigned(text, index)) return undefined;
    if (first === 0x6b && isSpace(text, index - 1))
      return twoWordKeyValue(text, index) ?? vendorKeyValue(text, index);
    return genericSecretParser.parse(text, index);
  },
};

const isSpace = asciiClass(" \t");
const isQuoteOrSpace = asciiClass(" \t\"'");
const isAssignment = asciiClass(":=");

/**
 * Whether the `api` at `index` ends a longer name and a value follows: an assignment past a quote and
 * spaces, or after spaces a token's start (`OTX_API 3980…`, read as a spaced token is).
 */
function apiNameAssigned(text: string, index: number): boolean {
  if (isNameChar(text, index + 3) || !isNameChar(text, index - 1)) return false;
  let at = index + 3;
  while (at < text.length && at - index < 8 && isQuoteOrSpace(text, at)) at++;
  return isAssignment(text, at) || (at > index + 3 && isAlphanumeric(text, at));
}
const isAlphanumeric = asciiClass(ALPHANUMERIC);
const isVendorNameChar = asciiClass(`${ALPHANUMERIC}.-`);
const isBeforeValue = asciiClass(" \t:=\"'");
const isValueChar = asciiClass(`${ALPHANUMERIC}_+/=.-`);
const MIN_VENDOR_KEY = 16;

/** Whether 16 or more of a key's characters follow, past spaces, `:`, `=` and a quote: cheap, before any reading. */
function tokenAhead(text: string, from: number): boolean {
  let start = from;
  // "The API key is …": past the copula.
  if (COPULA.test(text.slice(from + 1, from + 5)) && isSpace(text, from))
    start = skipSpaces(text, from + 4, 5);
  while (start < text.length && start - from < 8 && isBeforeValue(text, start)) start++;
  let end = start;
  while (end < text.length && end - start < MIN_VENDOR_KEY && isValueChar(text, end)) end++;
  return end - start >= MIN_VENDOR_KEY;
}
const MAX_VENDOR_NAME = 31;

/**
 * Whether a vendor's name, and spaces, stand before `index` (`nimble KEY …`, `incident.io API KEY
 * "…"`): a word of 2-31 letters, digits, `.` and `-` that opens with a letter, not inside a longer
 * name. Read back by hand: a regex anchored at the end tries every start before it.
 */
export function vendorNameBefore(text: string, index: number): boolean {
  let end = index;
  while (end > 0 && isSpace(text, end - 1)) end--;
  // `API` (`api`) between the vendor's name and KEY: the word before it is the name.
  if (apiBefore(text, index) && isSpace(text, end - 4)) {
    end -= 3;
    while (end > 0 && isSpace(text, end - 1)) end--;
  }
  let start = end;
  while (start > 0 && end - start <= MAX_VENDOR_NAME && isVendorNameChar(text, start - 1)) start--;
  const length = end - start;
  if (length < 2 || length > MAX_VENDOR_NAME || (start > 0 && isNameChar(text, start - 1))) return false;
  const first = text.charCodeAt(start) | 0x20;
  return first >= 0x61 && first <= 0x7a;
}
/** Whether the word `api` (any case) and spaces stand right before `index`. */
function apiBefore(text: string, index: number): boolean {
  let end = index;
  while (end > 0 && isSpace(text, end - 1)) end--;
  return end < index && end >= 3 && text.slice(end - 3, end).toLowerCase() === "api";
}
const KEY_QUALIFIER = /(?:api|secret|access|private)$/i;
// The word before a spaced `key`, read back: letters only, not inside a longer name.
const WORD_BEFORE_KEY = /(?<![\w.-])([A-Za-z]{2,20})[ \t]{1,2}$/;

/**
 * A label of two words, the second `key` (`SECRET KEY: …`, `Authentication key = …`, `API Key: …`):
 * the name `secret_key` written with a space, read as that name is when the two make a secret's name
 * on their own (SECRET_NAME: not `the key`, `sort key`, `primary key`).
 */
function twoWordKeyValue(text: string, index: number): ParsedSecret | undefined {
  if (isNameChar(text, index + 3)) return undefined;
  const word = WORD_BEFORE_KEY.exec(text.slice(Math.max(0, index - 24), index));
  const qualifier = word?.[1];
  if (word === null || qualifier === undefined) return undefined;
  const joined = `${qualifier}_${text.slice(index, index + 3)}`;
  if (!SECRET_NAME.test(joined.toLowerCase())) return undefined;
  const reading = readName(joined);
  if (reading === undefined) return undefined;
  return readValueOfName(text, index - word[0].length, index + 3, joined, reading.name, reading.isPassword);
}
// "is " or "was " (`rest`: four characters) between a name and its value.
const COPULA = /^(?:is|was)[ \t]/i;

/** Whether "api", "secret", "access" or "private" (any case) and spaces stand right before `index`. */
function qualifiedKey(text: string, index: number): boolean {
  let end = index;
  while (end > 0 && isSpace(text, end - 1)) end--;
  return end < index && KEY_QUALIFIER.test(text.slice(Math.max(0, end - 7), end));
}
const VENDOR_KEY_SCORE = 0.7;
const MIN_VENDOR_KEY_ENTROPY = 3.8;

/**
 * The value after a capitalised `KEY` (or `Key`) that follows a vendor's name and a space: the
 * vendor's key, written as its docs and scanners' examples write it. A bare `key` is any dictionary's,
 * so only a value drawn at random counts (a digit, a capital and a small letter, entropy 3.8), at 0.7.
 */
function vendorKeyValue(text: string, index: number): ParsedSecret | undefined {
  const word = text.slice(index, index + 3);
  // A lower-case `key` only after a word that makes it a credential's ("api key", "secret key",
  // "access key", "private key"): alone it is any dictionary's.
  if (isNameChar(text, index + 3)) return undefined;
  if (word !== "KEY" && word !== "Key" && !(word === "key" && qualifiedKey(text, index))) return undefined;
  if (!tokenAhead(text, index + 3) || !vendorNameBefore(text, index)) return undefined;
  const parsed = readValueOfName(text, index, index + 3, word, "vendor_key", false);
  if (parsed === undefined) return undefined;
  const value = text.slice(parsed.start, parsed.end);
  if (characterClasses(value) < 3 || !/\d/.test(value) || shannonEntropy(value) < MIN_VENDOR_KEY_ENTROPY)
    return undefined;
  return { ...parsed, score: Math.min(parsed.score, VENDOR_KEY_SCORE) };
}

/**
 * A quoted literal compared with the name, written first (`if ("…" == password)`, `"…" !== apiKey`):
 * the comparison detect-secrets' keyword plugin reads, the other way round. Read back from the name,
 * on its line only.
 */
function literalComparedWith(
  text: string,
  nameStart: number,
  isPassword: boolean,
  name: string,
  originalName: string,
): ParsedSecret | undefined {
  const operatorEnd = skipSpacesBack(text, nameStart, 5);
  // Most names have no `=` right before them: one character code says so.
  if (text.charCodeAt(operatorEnd - 1) !== 0x3d) return undefined;
  let position = operatorEnd;
  while (
    position > 0 &&
    operatorEnd - position < 3 &&
    (text[position - 1] === "=" || text[position - 1] === "!")
  )
    position--;
  if (!COMPARISON.test(text.slice(position, operatorEnd))) return undefined;
  const end = skipSpacesBack(text, position, 5) - 1;
  const quote = text[end];
  if (quote !== '"' && quote !== "'") return undefined;
  const line = lineBefore(text, end, 200);
  const open = line.lastIndexOf(quote);
  // The opening quote after a word's letter (`it's`) is an apostrophe: no literal.
  if (open === -1 || /\w/.test(line[open - 1] ?? "")) return undefined;
  const start = end - line.length + open + 1;
  const value = text.slice(start, end);
  if (value === "") return undefined;
  return literalFinding(value, start, isPassword, name, originalName);
}

/** Whether the name says password as a word (`password`, `db_pass`, `PWD`, `userPw`), not only holds it. */
function isExplicitPasswordName(name: string, originalName: string): boolean {
  return EXPLICIT_PASSWORD_NAME.test(name) || CAMEL_PASSWORD_NAME.test(originalName);
}

// A name whose last word is secret (`secret`, `client_secret`, `jwtSecret`): the literal it is
// given is a secret even when plain (`secret == "hardcodedsecret"`), as a password's is. Only a
// quoted one: unquoted, the word is as often a setting's (`secret: true`, `secret: tls-certs`). Not
// Helm's `existingSecret`, which names a Kubernetes Secret object.
const SECRET_WORD_NAME = /(?:^|[^a-z])secret(?:[_.-]?key)?$/;
const CAMEL_SECRET_NAME = /[a-z0-9]Secret(?:Key)?$/;
const KEY_ENDING = /key$/;
const EXISTING_OBJECT_NAME = /^existing/;
// A Kubernetes object's name, lower-case words and dashes (`secret: traefik-tls`): where the secret is.
const OBJECT_NAME = /^[a-z0-9]+(?:[-.][a-z0-9]+)+$/;
// The word for secret, in a translation file (`"clientSecret": "Geheimnis"`): a label, not the value.
const SECRET_WORD_VALUE =
  /^(?:geheimnis|geheim|secreto|secreta|segreto|segredo|sekret|secret|sekreto|hemlighet|hemmelighed|hemmelighet|salaisuus|gizli|titok|rahasia|tajemstv[ií]|tajemnica)$/i;

/**
 * Whether the name says outright that its value is a password or a secret, so that a plain value
 * (`password: "letmein"`, `client_secret: "hardcoded1"`) is scored by `plainPasswordScore`.
 */
function namesAPlainValue(
  name: string,
  originalName: string,
  isPassword: boolean,
  value: string,
  quoted: boolean,
): boolean {
  if (isPassword) return isExplicitPasswordName(name, originalName);
  return (
    quoted &&
    (SECRET_WORD_NAME.test(name) || CAMEL_SECRET_NAME.test(originalName)) &&
    // A secret key's plain literal holds a digit (`SECRET_KEY = 'harbor7lights'`): letters alone under
    // a key's name are a filler (`secret_key = "abcdefghijklmnopqrstuvwxyz"`).
    (!KEY_ENDING.test(name) || /\d/.test(value)) &&
    !EXISTING_OBJECT_NAME.test(name) &&
    !OBJECT_NAME.test(value) &&
    !SECRET_WORD_VALUE.test(value)
  );
}

/**
 * A quoted literal's finding, scored as a quoted value of the name is (at most 0.8, as a setter's
 * argument: a vendor's pattern for the same token names it), or none.
 */
function literalFinding(
  value: string,
  start: number,
  isPassword: boolean,
  name: string,
  originalName: string,
): ParsedSecret | undefined {
  const score =
    scoreSecretValue(value, isPassword, true) ||
    (namesAPlainValue(name, originalName, isPassword, value, true) ? plainPasswordScore(value, true, "") : 0);
  if (score === 0) return undefined;
  return {
    type: isPassword ? "password" : "generic_secret",
    start,
    end: start + value.length,
    score: Math.min(score, 0.8),
  };
}

// After an environment lookup, its argument's rest (`'PASSWORD']`, `"TOKEN")`), then `||`, `??`,
// `?:` or `or`, then a quoted literal.
// What may follow the lookup's value as read: its argument's rest (a quote, `]`, `)`) or the operator.
const FALLBACK_NEXT = new Set([..."\"']) \t|?"].map((char) => char.charCodeAt(0)));
const FALLBACK =
  /(?:["'][\w.-]{1,64}["'])?[\])]{0,2}[ \t]*(?:\|\||\?\?|\?:|or(?=[ \t]))[ \t]*(["'])([^"'\n]{1,200})\1/y;

/**
 * A literal given as an environment lookup's fallback (`process.env.DB_PASSWORD || "…"`,
 * `ENV['PASSWORD'] || '…'`, `os.getenv("TOKEN") or "…"`, `$_ENV['KEY'] ?? '…'`): the value used
 * wherever the variable is unset, so written in the code. `value` is the lookup, read up to `end`.
 */
function fallbackLiteral(
  text: string,
  end: number,
  value: string,
  isPassword: boolean,
  name: string,
  originalName: string,
): ParsedSecret | undefined {
  // Cheap tests first: what follows the lookup, then the lookup itself; the regex last.
  if (!FALLBACK_NEXT.has(text.charCodeAt(end))) return undefined;
  if (!(value.startsWith("$") || isReferenceValue(value) || isCodeCall(value))) return undefined;
  FALLBACK.lastIndex = end;
  const match = FALLBACK.exec(text);
  const literal = match?.[2];
  if (match === null || literal === undefined) return undefined;
  return literalFinding(literal, FALLBACK.lastIndex - 1 - literal.length, isPassword, name, originalName);
}

function skipSpacesBack(text: string, from: number, limit: number): number {
  let position = from;
  while (
    position > 0 &&
    from - position < limit &&
    (text[position - 1] === " " || text[position - 1] === "\t")
  )
    position--;
  return position;
}

interface ValueStart {
  index: number;
  quote: string;
  /** The value is an element's text (`<password>…`). */
  tag?: boolean;
  /** A Python f-string: its `{…}` parts are filled in by code. */
  interpolated?: boolean;
  /** The name had no quote of its own, so the quote before the value may close a literal holding it. */
  unquotedName?: boolean;
  /** The value is a call's argument (`setPassword("…")`): the call must close after it. */
  call?: boolean;
  /** The value follows the name after a space, no operator: only a token's shape counts. */
  spaced?: boolean;
  /**
   * The value follows what the password is for, then `:`/`=` ("password for master: …"): only a value
   * drawn as a password is (three kinds of character, no address) counts, as the same words log or
   * prompt a user's name ("Changed password for user: jsmith").
   */
  drawn?: boolean;
}

// After the word for password: "for", optionally "(the) user/account/login", one account's name, then
// `:` or `=` (not `://`).
const FOR_USER =
  /[ \t]{1,3}for[ \t]{1,3}(?:(?:the[ \t]{1,3})?(?:user|account|login)[ \t]{1,3})?["'`]?[\w.$-]{1,64}["'`]?[ \t]{0,2}[:=](?!\/\/)/iy;

/**
 * Steps over `"`, spaces and the assignment operator: `=`, `:`, `:=`, `::=`, `:::=`, `?=` (Makefiles),
 * a comparison with a quoted literal (`==`, `===`, `!=`, `!==`, as detect-secrets' keyword plugin reads),
 * `.=` (PHP), `=>`, `==`, the `>` of a tag (its value may start on the next line), ` is `, a
 * declared type (`var apiToken string = …`), or the comma between a quoted name and a quoted value
 * (`setProperty("API_TOKEN", "…")`). The operators are gitleaks' (utils/generate.go `operator`).
 */
function findValueStart(
  text: string,
  nameStart: number,
  nameEnd: number,
  isPassword: boolean,
): ValueStart | undefined {
  let position = nameEnd;
  const quotedName = text[position] === '"' || text[position] === "'";
  if (quotedName) position++;
  // An indexed assignment: `$config['db_password'] = …`, `app.config["MAIL_PASSWORD"] = …`, and
  // Ruby's by symbol, `params[:password] = …`.
  const indexed =
    text[position] === "]" &&
    (quotedName
      ? /\[["']$/.test(text.slice(nameStart - 2, nameStart))
      : text.slice(nameStart - 2, nameStart) === "[:");
  if (indexed) position++;
  // A C array's brackets after its name: `char password[] = "…"`, `secret[32] = "…"`.
  else if (!quotedName && text[position] === "[")
    position += ARRAY_BRACKETS.exec(text.slice(position, position + 7))?.[0].length ?? 0;
  const spaceStart = position;
  position = skipSpaces(text, position, 5);
  let rest = text.slice(position, position + 4);
  let operator = ASSIGNMENT.exec(rest)?.[0];
  if (operator === ":" && !quotedName) {
    // A type annotation before a quoted value: `apiKey: string = "…"` (TypeScript, Kotlin, Swift),
    // `API_KEY: str = "…"` (Python), `TOKEN: &str = "…"` (Rust).
    const annotation = TYPE_ANNOTATION.exec(text.slice(position + 1, position + 60));
    if (annotation !== null) {
      position += 1 + annotation[0].length - 1;
      operator = "=";
    }
  }
  if (
    operator === undefined &&
    !quotedName &&
    position > spaceStart &&
    (SPACED_DEFINITION.test(text.slice(Math.max(0, nameStart - 24), nameStart)) ||
      ((text[position] === '"' || text[position] === "'") &&
        QUOTED_SPACED_DEFINITION.test(text.slice(Math.max(0, nameStart - 24), nameStart))))
  ) {
    // `#define API_KEY "…"`, `%global PASSWORD "…"`, `setx API_TOKEN "…"`, `SET password "…"`,
    // Dockerfile's `ENV API_SECRET …`: name, space, value.
    operator = "";
  }
  if (operator === undefined && !quotedName && position > spaceStart) {
    // `name Type = value`: one type word between the name and `=`.
    const type = DECLARED_TYPE.exec(text.slice(position, position + 24));
    if (type !== null) {
      position += type[0].length;
      rest = text.slice(position, position + 4);
      operator = /^:?=(?!=)/.exec(rest)?.[0];
    }
  }
  if (indexed && operator !== "=") return undefined;
  if (operator === undefined) {
    // The name as the value of a `name`/`key` field, its value in the `value` field after it.
    const entry = entryValueStart(text, nameStart, nameEnd);
    if (entry !== undefined) {
      position = entry;
      operator = "";
    }
  }
  if (operator === undefined && isPassword && !quotedName) {
    // "the password for the staging box is …"
    const qualifier = qualifierLength(text, nameEnd);
    if (qualifier > 0) {
      position = skipSpaces(text, nameEnd + qualifier, 5);
      rest = text.slice(position, position + 4);
    } else {
      // "password for master: …", "password for user admin = …": the account it logs in, then `:`/`=`.
      FOR_USER.lastIndex = nameEnd;
      if (isSpace(text, nameEnd) && FOR_USER.test(text)) {
        const index = skipSpaces(text, FOR_USER.lastIndex, 5);
        const quote = isQuote(text, index) ? text.charAt(index) : "";
        return { index: index + quote.length, quote, drawn: true };
      }
    }
  }
  let quoteRequired = false;
  let tag = false;
  let call = false;
  if (operator !== undefined) {
    position += operator.length;
    // A comparison (`if (db_pass !== "…")`) holds a secret only as a literal: `token == expected` does not.
    quoteRequired = COMPARISON.test(operator);
  } else if (text[nameStart - 1] === "<" && text[position] === ">") {
    position++;
    tag = true;
  } else if (
    quotedName &&
    text[position] === ">" &&
    /(?:name|key)=["']$/.test(text.slice(nameStart - 6, nameStart))
  ) {
    // Android's `<string name="api_key">…</string>`, Java's XML properties' `<entry key="password">…</entry>`:
    // the name an attribute, the value the element's text.
    position++;
    tag = true;
  } else if (
    quotedName &&
    text[position] === "," &&
    CALL_OR_PAIR_BEFORE.test(text.slice(Math.max(0, nameStart - 6), nameStart))
  ) {
    position++;
    quoteRequired = true;
  } else if (
    OPTION_NAME.test(text.slice(Math.max(0, nameStart - 1), nameStart + 3)) &&
    position > spaceStart
  ) {
    // `--password value`, `-Password value` (PowerShell, Java tools) on a command line
  } else if (isPassword && COPULA.test(rest) && position > spaceStart) position += 3;
  else if (!quotedName && position > spaceStart && COPULA.test(rest)) {
    // "my access token is 5179f75c…": a key's or a token's after its copula, shaped as a token only
    // (a spaced value), as "the token is expired" goes on as prose.
    const index = skipSpaces(text, position + 3, 5);
    return SPACED_VALUE_START.test(text.charAt(index)) ? { index, quote: "", spaced: true } : undefined;
  } else if (text[position] === "(" && position === spaceStart && isSetter(text.slice(nameStart, nameEnd))) {
    // A setter's or a builder's one argument: `setPassword("…")`, `.withApiKey("…")`, `.password("…")`.
    position++;
    quoteRequired = true;
    call = true;
  } else if (!quotedName && position > spaceStart && SPACED_VALUE_START.test(text.charAt(position))) {
    // `todoist SECRET 5179f75c…`, `podioToken abcd1234…`: the name, a space, the value, no operator.
    // Only a token's shape is a value there (`spaced`): "the token expired" goes on as prose.
    return { index: position, quote: "", spaced: true };
  } else if (
    !quotedName &&
    position > spaceStart &&
    isQuote(text, position) &&
    CODE_NAME.test(text.slice(nameStart, nameEnd))
  ) {
    // `SetEnv API_KEY "…"`, `S1_API_TOKEN '…'`: the same, the value quoted; a token's shape still. Only
    // a code's name: after prose's word (`my access token 'abc123'`) a quote is the sentence's.
    return { index: position + 1, quote: text.charAt(position), spaced: true };
  } else if (
    !quotedName &&
    position > spaceStart &&
    isQuote(text, position) &&
    isDirective(text, nameStart, position)
  ) {
    // A config file's directive (`password "…";`, BIND's `key "rndc" { secret "…"; };`): a word's
    // name first in its statement, then its quoted value, which ends the statement. A value as after
    // an operator, plain passwords too. (A code's name there is read as a token just above.)
    return { index: position + 1, quote: text.charAt(position), unquotedName: true };
  } else return looseValueStart(text, nameStart, nameEnd);
  position = tag ? skipWhitespace(text, position, 20) : skipSpaces(text, position, 5);
  // An operator run on with more of its own characters (`PRIVATE_KEY=:e96e…`, `CLIENTSECRET::bPdk…`,
  // `API_KEY=='…`): read as a loose separator, a token's shape only.
  if (operator !== undefined && operator !== "" && isOperatorChar(text, position))
    return looseValueStart(text, nameStart, nameEnd);
  // A YAML block scalar (`password: |`, `token: >-`): the value is on the line below, a literal to its end.
  if (operator === ":" && (text[position] === "|" || text[position] === ">")) {
    const content = blockScalarContent(text, nameStart, position);
    if (content === undefined) return undefined;
    return { index: content, quote: "\n", unquotedName: !quotedName };
  }
  // A string literal's prefix: Python's `b'…'`, `r"…"`, `f"…"`, Objective-C's `@"…"`.
  let interpolated = false;
  if (STRING_PREFIX.test(text[position] ?? "") && /["']/.test(text[position + 1] ?? "")) {
    interpolated = text[position] === "f" || text[position] === "F";
    position++;
  }
  const quote =
    text[position] === '"' || text[position] === "'" || text[position] === "`" ? (text[position] ?? "") : "";
  // `API_KEY==QOGc…`, `[ "$TOKEN" == 7GHD… ]`: an unquoted operand is a literal only when shaped as a token.
  if (quoteRequired && quote === "" && operator === "==") return looseValueStart(text, nameStart, nameEnd);
  if (quoteRequired && quote === "") return undefined;
  // The quote closes a string being concatenated (`"…;PWD=" + password`): no value here.
  if (quote !== "" && STRING_CONCATENATION.test(text.slice(position + 1, position + 8))) return undefined;
  return { index: position + quote.length, quote, tag, interpolated, unquotedName: !quotedName, call };
}

const isLooseSeparator = asciiClass(" \t'\":=");
const isOperatorChar = asciiClass(":=");
const MAX_LOOSE_SEPARATOR = 6;

/**
 * The value after a name and a run of separators that is no operator of its own: quotes, `=`, `:` and
 * spaces run together (`access_token"akab-…`, `CENSUS_TOKEN'"91ai…`, `cargo_token''dc18…`,
 * `PRIVATE_KEY=:e96e…`, `CLIENT_SECRET\t:7qEX…`), as key lists, exports and scanners' examples write
 * them. On one line, at most six characters; read as a spaced value is: only a token's shape counts.
 * A run with a space in it only after a code's name (CODE_NAME).
 */
function looseValueStart(text: string, nameStart: number, nameEnd: number): ValueStart | undefined {
  let index = nameEnd;
  let spaced = false;
  while (index < text.length && index - nameEnd <= MAX_LOOSE_SEPARATOR && isLooseSeparator(text, index)) {
    if (isSpace(text, index)) spaced = true;
    index++;
  }
  if (index === nameEnd || index - nameEnd > MAX_LOOSE_SEPARATOR) return undefined;
  // After prose's word and a space, a quote is the sentence's (`the access token '…'`): only a code's
  // name, or a separator glued to the name (`token"…`).
  if (spaced && !CODE_NAME.test(text.slice(nameStart, nameEnd))) return undefined;
  if (!SPACED_VALUE_START.test(text.charAt(index))) return undefined;
  return { index, quote: "", spaced: true };
}

// A block scalar's header: `|` or `>`, a chomping and an indentation indicator, a comment, the line's end.
const BLOCK_HEADER = /[|>](?:[-+][1-9]?|[1-9][-+]?)?[ \t]{0,20}(?:#[^\n]{0,200})?\r?\n/y;

// A block's content line that is one token: a secret's. Words with spaces are prose (a description).
const ONE_TOKEN_LINE = /[^\s]{1,1200}[ \t]*(?:\r?\n|$)/y;

/**
 * Where a block scalar's first line of content starts, after its header at `header`: on the next
 * line, indented deeper than the key's own line (YAML 1.2, 8.1), and one token; or none.
 */
function blockScalarContent(text: string, nameStart: number, header: number): number | undefined {
  BLOCK_HEADER.lastIndex = header;
  if (!BLOCK_HEADER.test(text)) return undefined;
  const keyLine = lineBefore(text, nameStart, 200);
  const keyIndent = keyLine.length - keyLine.trimStart().length;
  const content = skipSpaces(text, BLOCK_HEADER.lastIndex, 40);
  if (content - BLOCK_HEADER.lastIndex <= keyIndent) return undefined;
  ONE_TOKEN_LINE.lastIndex = content;
  return ONE_TOKEN_LINE.test(text) ? content : undefined;
}

// A setter (`setPassword`, `set_password`, `withApiKey`) or, after a `.`, a builder's method named
// for the credential alone (`.password(`, `.apiKey(`, `.clientSecret(`); not `getPassword(`, `hash_password(`.
const SETTER = /^(?:set|with)(?:_|[A-Z])/;
const BUILDER =
  /^(?:password|passwd|pwd|pass|secret|token|api_?key|client_?secret|access_?token|secret_?key|access_?key|private_?key|auth_?token)$/i;

function isSetter(name: string): boolean {
  const dot = name.lastIndexOf(".");
  const method = name.slice(dot + 1);
  return SETTER.test(method) || (dot !== -1 && BUILDER.test(method));
}

// Another setting right before the name (`Server=db;`, `User Id = billing ; `): a connection string.
// Its value one word (`Uid=0 means root; Pwd= is …` is prose).
const ONE_SETTING = /^[ \t]*[A-Za-z][\w .]{0,30}=[ \t]*[^\s;=]{1,100}[ \t]*$/;

/** Whether the name at `nameStart` follows `key=value;` (spaces around allowed), read back from the `;`. */
function afterSetting(text: string, nameStart: number): boolean {
  let semicolon = nameStart - 1;
  while (semicolon >= 0 && (text[semicolon] === " " || text[semicolon] === "\t")) semicolon--;
  if (text[semicolon] !== ";") return false;
  let start = semicolon - 1;
  while (start >= 0 && semicolon - start <= 140 && !SETTING_START.has(text[start] ?? "")) start--;
  return ONE_SETTING.test(text.slice(start + 1, semicolon));
}
const SETTING_START = new Set([";", '"', "'", "`", "\n", "{", "("]);
const STRING_CONCATENATION = /^[ \t]*(?:\+|\.|&)[ \t]*[A-Za-z_$(]/;
// The rest of a `;`-separated setting after a space: words up to the `;`, a quote or the line's end
// (trailing spaces dropped), when no `=` shows that a next setting began.
const SETTING_TAIL = /^(?:[ \t]+[^\s;"'`=]+)+(?=[ \t]*(?:;|["'`]|\r?\n|$))/;

function settingTail(text: string, from: number): string {
  return SETTING_TAIL.exec(text.slice(from, from + 100))?.[0] ?? "";
}

// A name given as the value of a `name` or `key` field (`- name: DB_PASSWORD`, `{"key": "password"`,
// `<key>password</key>`), and the `value` field after it (Kubernetes and Compose env lists, JSON and XML
// settings): `value: …`, `"value": "…"`, `<value>…`. Not `valueFrom:`, which points to a secret.
const ENTRY_NAME_BEFORE = /(?:\b(?:name|key)["']?[ \t]*[:=][ \t]*["']?|<(?:name|key)>)$/i;
const ENTRY_VALUE_AFTER =
  /^["']?(?:<\/(?:name|key)>)?[ \t]*,?\s{0,40}?(?:-[ \t]+)?(?:["']?value["']?[ \t]*[:=][ \t]*|<value>)/iy;

function entryValueStart(text: string, nameStart: number, nameEnd: number): number | undefined {
  if (!ENTRY_NAME_BEFORE.test(text.slice(Math.max(0, nameStart - 12), nameStart))) return undefined;
  ENTRY_VALUE_AFTER.lastIndex = 0;
  const after = ENTRY_VALUE_AFTER.exec(text.slice(nameEnd, nameEnd + 80));
  return after === null ? undefined : nameEnd + after[0].length;
}

const CLOSING_TAG = /^[ \t]{0,20}<\/[ \t]{0,3}([\w.-]{1,60})[ \t]{0,3}>/;

/** Whether the value ending at `end` is followed, after spaces only, by the closing tag of `name`. */
function closesElement(text: string, end: number, name: string): boolean {
  return CLOSING_TAG.exec(text.slice(end, end + 90))?.[1] === name;
}

const CALL_CLOSES = /^[ \t]*\)/;
const DIGITS_PASSWORD = /^\d{6,20}$/;
// A name whose last word is the password's: `password`, `db_pass`, `PGPASSWORD`, `adminPassword`, `pwd`.
const PASSWORD_LAST_WORD = /(?:^|[^a-z]|pg|db|admin|root|user)(?:password|passwd|pwd|pass|passcode)$/;
const CAMEL_PASSWORD_LAST_WORD = /[a-z0-9](?:Password|Passwd|Pwd|Pass|Passcode)$/;

function namesThePassword(name: string, originalName: string): boolean {
  return PASSWORD_LAST_WORD.test(name) || CAMEL_PASSWORD_LAST_WORD.test(originalName);
}

// An environment variable's name, capitals and `_` (`PGPASSWORD`, `MYSQL_PWD`, `DB_PASSWORD`).
const ENVIRONMENT_NAME = /^[A-Z][A-Z0-9_]*$/;
// How a type's name ends (`SecretStr`, `PasswordField`, `EmailString`, `SecretBytes`).
const TYPE_NAME_END = /(?:Str|String|Field|Type|Input|Bytes)$/;
const isPrefixStart = asciiClass(" \t\n\r;&|(");

/**
 * Whether the name at `nameStart` is a shell's environment assignment before a command: an
 * environment variable's name at the line's start or after a space or an operator, `=` and the
 * value right after it, no space between (`PGPASSWORD=tiger psql`, `MYSQL_PWD=tiger mysql -u root`).
 */
function isEnvironmentPrefix(text: string, nameStart: number, name: string, valueIndex: number): boolean {
  return (
    valueIndex === nameStart + name.length + 1 &&
    text[valueIndex - 1] === "=" &&
    (nameStart === 0 || isPrefixStart(text, nameStart - 1)) &&
    ENVIRONMENT_NAME.test(name)
  );
}

// `${name}`, `${name.field}`, `${call(…)}`, `${list[0]}`: an expression (not Go's raw `` `…${e]…` ``).
const TEMPLATE_INTERPOLATION = /\$\{[ \t]*[A-Za-z_$][\w$]*(?:[.([}?\s]|$)/;
const ELIDED = /\.\.|…|\[redacted\]/i;

/** Shown cut short (`ops_eyJz...`, `abc..[Redacted]`, `abc1234…`): what is left is not the credential. */
function isShownCutShort(text: string, value: string, end: number): boolean {
  return ELIDED.test(value) || text.startsWith("...", end) || text.startsWith("…", end);
}
const NEXT_OPTION = /^--[A-Za-z]/;
// The literal before the name's own closed after a setting's `;`, then spaces, a line break or a `+`.
const PIECE_BEFORE = /;["'][ \t]*(?:\+[ \t]*)?(?:\r?\n[ \t]*(?:\+[ \t]*)?)?["']$/;
// A connection string's user setting earlier on the line (`Uid=random;…;pwd=`, `User ID=sa;Password=`).
const USER_SETTING_BEFORE =
  /(?:^|[;"'`\s{(])(?:uid|user(?:[ _]?id|[ _]?name)?|login)[ \t]*=[ \t]*[^;=\s"'`{}<>$%]{1,64}[ \t]*;[^\n]*$/i;

// A URL query's or a form's user parameter (`user=admin`, `username=bob`, `uid=app`), whole.
const USER_PARAMETER = /^(?:uid|user(?:[_-]?id|[_-]?name)?|login)=[^&=\s"'`{}<>$%#]{1,64}$/i;
const endsParameter = asciiClass("&?;\"'` \t\r\n");
const PARAMETERS_BACK = 4;

/**
 * Whether one of the few parameters right before the query parameter at `nameStart` (its `&` right
 * before it) is a user's: `?user=admin&password=…`, `"username=bob&remember=1&pwd=…`.
 */
function userParameterBefore(text: string, nameStart: number): boolean {
  let end = nameStart - 1;
  for (let count = 0; count < PARAMETERS_BACK && text[end] === "&"; count++) {
    let start = end;
    while (start > 0 && end - start <= 80 && !endsParameter(text, start - 1)) start--;
    // `u…` or `l…` first, before the regex.
    const first = text.charCodeAt(start) | 0x20;
    if ((first === 0x75 || first === 0x6c) && USER_PARAMETER.test(text.slice(start, end))) return true;
    end = start - 1;
  }
  return false;
}

// What a connection string is given to, right before its opening quote: `ConnectionString = `,
// `conn_str=`, `dsn: `, `connect(`, `new SqlConnection(`. Tested as "ends with", as METADATA_NAME is.
const CONNECTION_BEFORE =
  /$(?<=(?:conn(?:ection)?(?:_?str(?:ing)?)?|dsn|connect|SqlConnection)[ \t]*(?:[=:(]|\+=)[ \t]*)/i;

/**
 * Whether the quote before the name closes right after the value, the name's operator an `=`, and
 * the literal is given as a connection string (`cn.ConnectionString = "Pwd=…";`): one whole setting.
 */
function isWholeLiteralSetting(text: string, nameStart: number, end: number): boolean {
  const quote = text[nameStart - 1];
  if ((quote !== '"' && quote !== "'") || text[end] !== quote) return false;
  const operator = text.indexOf("=", nameStart);
  if (operator === -1 || operator > end) return false;
  if (!/^[\w.-]+[ \t]*=[ \t]*$/.test(text.slice(nameStart, operator + 1))) return false;
  return CONNECTION_BEFORE.test(lineBefore(text, nameStart - 1, 80));
}

/** Whether `value` spells the last part of its setting's name (`proxyPassword` for `ProxyPassword`). */
function sameAsName(value: string, name: string): boolean {
  const last = name.slice(name.lastIndexOf(".") + 1);
  if (value.length < 4 || value.length > last.length + 2 || value.length < last.length - 4) return false;
  const letters = (word: string) => word.toLowerCase().replace(/[^a-z0-9]/g, "");
  return letters(value) === letters(last);
}

/** Whether an odd number of unescaped `quote`s come before `nameStart` on its line (an open literal). */
function insideLiteral(text: string, nameStart: number, quote: string): boolean {
  const line = lineBefore(text, nameStart, 400);
  let open = false;
  for (let index = line.indexOf(quote); index !== -1; index = line.indexOf(quote, index + 1))
    if (line[index - 1] !== "\\") open = !open;
  return open;
}

/** Whether `{{` opens before `nameStart` on its line and no `}}` closes it (Go, Helm, Jinja templates). */
function insideTemplateAction(text: string, nameStart: number): boolean {
  const before = text.slice(Math.max(0, nameStart - 120), nameStart);
  const open = before.lastIndexOf("{{");
  return open !== -1 && !before.includes("}}", open) && !before.includes("\n", open);
}
const ASSIGNMENT = /^(?::{1,3}=|\?=|\.=|=>|===?|!==?|=|:|<-(?!-))/;
const TYPE_ANNOTATION =
  /^[ \t]*&?(?:'static[ \t]+)?[A-Za-z_][\w.]{0,30}(?:<[^<>\n]{0,30}>)?(?:\[\])?\??[ \t]*=(?!=)[ \t]*(?=[@bBrRuUfF]?["'`])/;
// `#define`, RPM spec files' `%define` and `%global`, Windows' `setx`, Dockerfile's `ENV`, csh's
// `setenv` and fish's `set -x`/`set -gx`.
const SPACED_DEFINITION =
  /(?:^|[\n;])[ \t]*(?:[#%][ \t]*define|%global|setx|ENV|setenv|set[ \t]+-[gUx]{1,3})[ \t]+$/i;
// Tcl's and batch files' bare `set name "value"`: only with a quoted value (`set password reset` is prose).
const QUOTED_SPACED_DEFINITION = /(?:^|[\n;])[ \t]*set[ \t]+$/i;
const ARRAY_BRACKETS = /^\[\d{0,4}\]/;
const STRING_PREFIX = /^[bBrRuUfF@]$/;
// An option name after a space or at the start: `--password`, `-password`, `-Password`.
const OPTION_NAME = /^(?:^|[ \t])-{1,2}[A-Za-z]/;
const COMPARISON = /^(?:===?|!==?)$/;
// A quoted name as a call's first argument or a pair's first half (`setProperty("API_TOKEN", "…")`,
// `{"api_key", "…"}`, `[["password", "…"]]`), not an item of a list (`in ["pass", "continue"]`).
const CALL_OR_PAIR_BEFORE = /(?:\(|\{|\[\[)[ \t]*["']$/;
const DECLARED_TYPE = /^(?:string|String|str|&str|char\*?|const|final|val|var)\s{1,3}/;

function skipSpaces(text: string, from: number, limit: number): number {
  let position = from;
  while (
    position < text.length &&
    position - from < limit &&
    (text[position] === " " || text[position] === "\t")
  )
    position++;
  return position;
}

/** Spaces and line breaks, as between a tag and its value on the next line. */
function skipWhitespace(text: string, from: number, limit: number): number {
  let position = from;
  while (position < text.length && position - from < limit && /\s/.test(text[position] ?? "")) position++;
  return position;
}

// Where an unquoted value ends: whitespace, a quote, or punctuation closing an expression or a tag.
const isUnquotedEndAscii = asciiClass(` \t\n\v\f\r"'\`,;)}]<>`);
const WHITESPACE = /\s/;

/** Whether the value stops before `text[index]`: tested by char code, several times cheaper than a regex per character. */
function endsValue(text: string, index: number, quote: string, inQuery: boolean): boolean {
  const code = text.charCodeAt(index);
  if (quote !== "") return code === 0x0a || code === 0x0d || code === quote.charCodeAt(0);
  if (inQuery && code === 0x26) return true;
  return code < 128 ? isUnquotedEndAscii(text, index) : WHITESPACE.test(text.charAt(index));
}

// One finder per way a value ends (its quote, a query's `&`): hits in a row read with the same one.
const valueEnds = new Map<string, StopFinder>();

function valueEnd(text: string, start: number, quote: string, inQuery: boolean): number {
  const key = inQuery ? `${quote}&` : quote;
  let finder = valueEnds.get(key);
  if (finder === undefined) {
    finder = new StopFinder((text, index) => endsValue(text, index, quote, inQuery));
    valueEnds.set(key, finder);
  }
  return finder.find(text, start, MAX_VALUE + 1);
}

function readValue(text: string, start: number, quote: string, inQuery = false): string | undefined {
  const end = valueEnd(text, start, quote, inQuery);
  if (end - start > MAX_VALUE) return undefined;
  let value = text.slice(start, end);
  // Prose's closing punctuation is not the value's, but a `;`-separated setting's value runs to its
  // `;` (`Password=P@ssw0rd!;`). Trimmed by a loop: `/[.,:!?]+$/` retries from every `:` of `::::a`.
  if (quote === "" && text[end] !== ";") value = value.slice(0, trailingRun(value, isClosingPunctuation, 1));
  // A line-break escape closing a string in code (`"…;PWD=password\n"`) is not part of the value.
  if (value.charCodeAt(value.length - 2) === 0x5c)
    value = value.slice(0, trailingRun(value, isLineEscape, 2));
  // A block scalar's line (read as quoted by its line break) ends before its trailing spaces.
  if (quote === "\n") value = value.trimEnd();
  return value;
}

const isBracket = asciiClass(")]}<>");
// A run of `!` that ends its line (spaces after it at most).
const BANG_LINE_END = /!{1,3}(?=[ \t]*(?:\r?\n|$))/y;

/**
 * The `!`s at `from` when they end the line of a config line's value (the name at `nameStart` first
 * on its line), or "".
 */
function configLineBang(text: string, nameStart: number, from: number): string {
  BANG_LINE_END.lastIndex = from;
  const bang = BANG_LINE_END.exec(text);
  if (bang === null || !atLineStart(text, nameStart, isIndent, 40)) return "";
  return bang[0];
}
const isIndent = asciiClass(" \t");
// What a config directive's quoted value is followed by: the statement's end, a block's, the line's.
const DIRECTIVE_END = /[ \t]*(?:[;}\r\n]|$)/y;

/**
 * Whether the name at `nameStart` starts a statement (first on its line, or after a block's `{` or a
 * statement's `;`) and the quoted literal at `quoteAt` closes on its line and ends that statement.
 */
function isDirective(text: string, nameStart: number, quoteAt: number): boolean {
  const before = skipBackOver(text, nameStart, isIndent, 40);
  const opener = text[before - 1];
  if (!(before === 0 || opener === "\n" || opener === "\r" || opener === "{" || opener === ";")) return false;
  const quote = text.charCodeAt(quoteAt);
  // A value of three characters at least (the fewest any password reading takes): `password "x";` is none.
  if (text.charCodeAt(quoteAt + 1) === quote || text.charCodeAt(quoteAt + 2) === quote) return false;
  if (text.charCodeAt(quoteAt + 3) === quote) return false;
  const limit = Math.min(text.length, quoteAt + 1 + MAX_VALUE);
  for (let close = quoteAt + 1; close < limit; close++) {
    const code = text.charCodeAt(close);
    if (code === 0x0a) return false;
    if (code !== quote) continue;
    DIRECTIVE_END.lastIndex = close + 1;
    return DIRECTIVE_END.test(text);
  }
  return false;
}
// A config line's unquoted value ends at a space, a quote, `,` or `;`, not at a bracket.
const lineValueEnds = new StopFinder(asciiClass(` \t\n\v\f\r"'\`,;`));

/** The unquoted value of a config line at `start` (see readValueOfName), or none when too long. */
function readLineValue(text: string, start: number): string | undefined {
  const end = lineValueEnds.find(text, start, MAX_VALUE + 1);
  if (end - start > MAX_VALUE) return undefined;
  const value = text.slice(start, end);
  return text[end] === ";" ? value : value.slice(0, trailingRun(value, isClosingPunctuation, 1));
}

const isClosingPunctuation = (value: string, index: number) => ".,:!?".includes(value.charAt(index));
const isLineEscape = (value: string, index: number) =>
  value.charCodeAt(index) === 0x5c &&
  "nrt".includes(value.charAt(index + 1)) &&
  value.charAt(index + 1) !== "";

/** Where the run of `step`-long units that `belongs` at the end of `value` starts. */
function trailingRun(
  value: string,
  belongs: (value: string, index: number) => boolean,
  step: number,
): number {
  let start = value.length;
  while (start - step >= 0 && belongs(value, start - step)) start -= step;
  return start;
}

const HEX = /^[0-9a-f]+$|^[0-9A-F]+$/;
const ARTIFACT_VERSION = /^[A-Za-z][A-Za-z-]*[A-Za-z][-:_]v?\d{1,4}(?:\.\d{1,4}){1,3}(?:[-.][A-Za-z]+\d*)?$/;
const PATH_TEMPLATE = /\/.*\{[A-Za-z_][\w.]{0,40}\}|\{[A-Za-z_][\w.]{0,40}\}.*\//;
// A name made of words, three or more joined by one separator, then a number or a version
// (`auth_token_storage_key_v2`, `keyvault-secret-name-01`): a key's or an object's name, the digit a
// count, not a draw (a random token's parts mix letters and digits).
const NUMBERED_NAME = /^[a-z]{2,}([-_.])[a-z]{2,}(?:\1[a-z]{2,})+\1v?\d{1,3}$/;

// A value ending in the operator of a label (`"password = "`, `"PWD="`), not base64's padding (`…w=`).
const LABEL_END = /(?:[ \t][=:]|(?:pass(?:word)?|passwd|pwd|secret|token|key)[ \t]*[=:])[ \t]*$/i;

/** `LABEL_END`, tested only when the value ends in `=` or `:` (spaces after it allowed). */
function endsInLabel(value: string): boolean {
  const last = value.trimEnd().slice(-1);
  return (last === "=" || last === ":") && LABEL_END.test(value);
}

/** The shortest value scored as a password, and as a key. */
const MIN_PASSWORD = 6;
const MIN_KEY = 12;

/**
 * 0 when the value is a placeholder, a reference or too plain to be a secret; otherwise a confidence.
 * Several readings of one keyword hit score the same value (the generic reading, a named user's
 * password): the last answer is kept.
 */
export const scoreSecretValue: (value: string, isPassword: boolean, quoted: boolean) => number =
  rememberLast(scoreSecretValueAnew);

// A token with a dotted prefix (isPrefixedToken) is written as a member read is: scored at most this,
// under every vendor's pattern for the same token (the lowest, Mapbox's public `pk.…`, is 0.7), which
// then names it.
const PREFIXED_TOKEN_SCORE = 0.65;

function scoreSecretValueAnew(value: string, isPassword: boolean, quoted: boolean): number {
  const score = scoreUndottedValue(value, isPassword, quoted);
  return score > PREFIXED_TOKEN_SCORE && isPrefixedToken(value) ? PREFIXED_TOKEN_SCORE : score;
}

function scoreUndottedValue(value: string, isPassword: boolean, quoted: boolean): number {
  // Shorter than either kind can score (every way below ends in 0 for it): one look, not a dozen
  // regexes per keyword hit (a megabyte of `pwd=a;` has 170,000 hits).
  if (value.length < (isPassword ? MIN_PASSWORD : MIN_KEY)) return 0;
  if (isPlaceholderValue(value) || isReferenceValue(value)) return 0;
  if (isSaidAboutASecret(value) || isCodeCall(value)) return 0;
  // A label for the value rather than it (`"password = " + randomPassword`), and a private field
  // (`Password = _password3`): no literal.
  if (endsInLabel(value) || (!quoted && isPrivateField(value))) return 0;
  if (/^\d+$/.test(value) || isSnakeCaseName(value)) return 0;
  // Only punctuation (`",.:-@*?!"`): a separator or a mask, not a credential.
  if (!/[A-Za-z0-9]/.test(value)) return 0;
  const entropy = shannonEntropy(value);
  const classes = characterClasses(value);
  if (isPassword) {
    // A link ("reset your password: https://…"; a password inside a URL is the URL parser's), a
    // path, `<your password>` cut at its space, code (`request.form[`), `"password": "Mot de passe"`.
    if (isNeverAPassword(value)) return 0;
    if (value.includes(" ") && isSentenceAboutIt(value)) return 0;
    if (value.length < MIN_PASSWORD || entropy < 2.4) return 0;
    // A word is a password only when named as one (`plainPasswordScore`): "the password is ungültig" is not.
    if (/^\p{L}+$/u.test(value)) return 0;
    return Math.min(0.95, 0.7 + (quoted ? 0.1 : 0) + (classes >= 3 ? 0.1 : 0));
  }
  // Hex draws from 16 symbols, so a random 16-character hex key's measured entropy is often under 3.
  const minEntropy = value.length >= 16 && HEX.test(value) ? 2.5 : 3;
  if (value.length < MIN_KEY || entropy < minEntropy || classes < 2) return 0;
  if (!/\d/.test(value) && !drawnWithoutDigits(value)) return 0;
  // A package and its version (`io.jsonwebtoken:jjwt-jackson-0.11.2`, a Maven coordinate read as
  // `token:` and a value) or a path template (`s3://{bucket}/events/dt={date}`): not a key.
  if (ARTIFACT_VERSION.test(value) || PATH_TEMPLATE.test(value) || NUMBERED_NAME.test(value)) return 0;
  return Math.min(0.95, 0.7 + (quoted ? 0.1 : 0) + (entropy >= 3.5 ? 0.1 : 0));
}
