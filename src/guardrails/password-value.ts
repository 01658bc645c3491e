import { isPlaceholderValue, isReferenceValue } from "./secret-parsers.js";

/**
 * A value explicitly named as a password (`password: "letmein"`, "the wifi password is
 * correcthorsebatterystaple", "Passwort: sonnenschein") is reported even when it is a plain word or
 * short, which the entropy scoring of `scoreSecretValue` leaves out: a user who names a password
 * means one. What a value in that place also often is, and is not reported:
 * - placeholders, masks and references (`<your password>`, `********`, `${DB_PASSWORD}`,
 *   `os.environ[…]`) and type names (`string`, `text`): `isPlaceholderValue`, `isReferenceValue`;
 * - descriptions: a word of the sentence rather than a value ("the password is incorrect",
 *   "Passwort: erforderlich", "la contraseña es obligatoria", "must", "reset", "yes"), by a list of
 *   such words in English, German, French and Spanish and the endings of participles, adverbs and
 *   adjectives ("changed", "missing", "securely", "available"); in Russian, Chinese, Japanese,
 *   Arabic and Hindi a password given in words is written in Latin letters, so a value in the
 *   sentence's own script is a word of the sentence;
 * - prose: an unquoted word followed by more words ("the password is stored in the vault",
 *   "Password: enter the one you chose") is the sentence going on, not a value;
 * - code identifiers: `password = passwordInput`, `password = new_password`, all-digit values
 *   (lengths, counts, ports).
 * Only the shapes the entropy scoring refuses reach here: a word of Latin letters (4 to 64), or a
 * value of 4 to 64 printable ASCII characters with a letter that is short or plain (`ab12`, `Kaffee99`).
 */
const PLAIN = /^(?:[A-Za-z\u00c0-\u024f]{4,64}|(?=[^A-Za-z]*[A-Za-z])[\x21-\x7e]{4,64})$/;
const LETTERS = /^\p{L}+$/u;
// In a connection string after its user's setting: three characters will do (`pwd=asd`).
const PAIRED_PLAIN = /^(?=[^A-Za-z]*[A-Za-z])[\x21-\x7e]{3,64}$/;
const PASSWORD_WORD = /^(?:pass(?:word|wd|code|phrase)?s?|pwd|secret|kennwort|passwort|contrasena)$/i;
const DIGITS_PASSWORD = /^\d{6,20}$/;
// Stand-ins: `(optional)`, `[hidden]`, `n/a`, `$(cat`.
const PLAIN_NOT_A_VALUE = /^[[({$]|[[(]|^(?:n\/a|tbd|todo|unknown|unset)$/i;
// Snake-case words: an identifier in code (`password = new_password`), but a literal when quoted or
// in a connection string (`csb.Password = "npgsql_tests_scram"`, `Password=npgsql_tests;`), unless a
// part names a credential, which makes it a stand-in's name (`"new_password"`, `PWD=db_pwd;`, `"real_key"`).
const SNAKE_CASE = /^[A-Za-z]+(?:_[A-Za-z]+)+$/;

/**
 * Whether a value is shaped as a snake-case name: letters in parts joined by `_`, each part written
 * as a name's words are (`new_password`, `DB_PASSWORD`, `userName_v`, `HTTPServer_key`). Not a
 * value whose case changes every letter or two inside a part (`YXNkZmZmZmZm_HARDcoded`, base64 of
 * text): words in camel case run three letters or more between capitals, but for the last
 * (`getId`); a random draw of cases does not.
 */
export function isSnakeCaseName(value: string): boolean {
  return SNAKE_CASE.test(value) && value.split("_").every(isNamePart);
}

function isNamePart(part: string): boolean {
  // The lengths of the humps that start at a capital after a lower-case letter, but the last.
  let humpStart = -1;
  for (let index = 1; index < part.length; index++) {
    const upper = part.charCodeAt(index) <= 0x5a;
    if (!upper || part.charCodeAt(index - 1) <= 0x5a) continue;
    if (humpStart !== -1 && index - humpStart < 3) return false;
    humpStart = index;
  }
  return true;
}
// Only lower case reads as a literal: `Trusted_Connection`, `NONCOMPLIANT_APITOKEN` are names.
const LOWER_SNAKE = /^[a-z]+(?:_[a-z]+)+$/;
const UPPER_SNAKE = /^[A-Z]+(?:_[A-Z]+)+$/;
const PASSWORD_PART =
  /(?:^|_)(?:pass|passwd|password|passphrase|pwd|pw|secret|key|token|credentials?|value)(?:_|$)/i;
// What is never a password, plain or not: a link (`https://…/reset-password`), a path (`~/.pgpass`),
// an angle placeholder cut at its first space (`<your`, `<votre`), a YAML tag (`!vault`), code that
// calls or indexes a dotted or lower-case name (`request.form[`, `pwd_context.hash(`, `list[str`;
// not `Pa(ss)w0rd!x`), the word for password in a
// translation file (`"password": "Mot de passe"`).
const NEVER_A_PASSWORD =
  /^[a-z][a-z0-9+.-]{1,15}:\/\/|^[~.]?\/|^<|^![a-z]|^(?:mot de passe|contrase[ñn]a|passwort|kennwort|пароль|密码|パスワード|كلمة المرور|كلمة السر|पासवर्ड)$/i;

// A file the secret is kept in (`--key="mongodb-0.key"`, `kafka.keystore.jks`, `credentials.json`) and a
// date or time (`adminPasswordMtime: "2006-01-02T15:04:05Z"`): what is said about a secret, not it.
const FILE_NAME =
  /^[\w.~/-]{0,200}\.(?:key|pem|crt|cer|csr|der|p8|p12|pfx|jks|keystore|truststore|pub|asc|gpg|json|ya?ml|txt|env|ini|conf|cfg|properties|xml)$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

// A regular expression's character class (`[0-9a-zA-Z\-_=]{32}` in a scanner's rule): a pattern, not a value.
const REGEX_CLASS = /\[\^?[^\]]{0,40}(?:a-z|A-Z|0-9|\\[dws])/;
// A digest named by its algorithm (`sha256:e3b0…`, an image's or a file's; `md5=…`): a hash, not the secret.
const NAMED_DIGEST = /^(?:sha(?:1|224|256|384|512)|md5)[:=][0-9a-f]{32,128}$/i;

/**
 * Whether a value is a file name, a date, a regex's character class or a named digest: said about a
 * secret (where it is kept, when it changed, what it looks like, what it hashes to), not the secret.
 */
export function isSaidAboutASecret(value: string): boolean {
  return (
    FILE_NAME.test(value) || DATE_TIME.test(value) || REGEX_CLASS.test(value) || NAMED_DIGEST.test(value)
  );
}

// A verb or negation that makes words a sentence: "must be at least 8 characters", "is required",
// "do not match". Not `has` or `my`, which passphrases hold ("my dog has fleas").
const SENTENCE_VERB =
  /^(?:is|are|was|were|be|must|should|shall|will|cannot|can't|do|does|don't|doesn't|not)$/i;

/**
 * Whether a value of three words or more is a sentence about the password rather than one: a
 * validation or i18n message (`password: "must be at least 8 characters"`, `"password": "Passwords
 * do not match"`). Two of its words describe a password (isDescriptionWord) and one is a verb or a
 * negation; "correct horse battery staple" and "my dog has fleas" stay passphrases.
 */
export function isSentenceAboutIt(value: string): boolean {
  const words = value.split(" ");
  if (words.length < 3) return false;
  let described = 0;
  let verb = false;
  for (const word of words) {
    if (isDescriptionWord(word)) described++;
    if (SENTENCE_VERB.test(word)) verb = true;
  }
  return verb && described >= 2;
}

const PRIVATE_FIELD = /^_[a-z]\w*$/;

/** Whether a value is a private field's name (`_password3`): code's, not a literal. */
export function isPrivateField(value: string): boolean {
  return value.charCodeAt(0) === 0x5f && PRIVATE_FIELD.test(value);
}

/** Whether a value is code calling or indexing a name (`GPT2TokenizerFast.from_pretrained(`, `result_key[1`). */
export function isCodeCall(value: string): boolean {
  return CODE_CALL.test(value) || (value.includes("-") && CMDLET.test(value));
}

// A PowerShell cmdlet that reads or makes the value (`$pw = Read-Host "Password"`).
const CMDLET = /^(?:Get|Read|ConvertTo|ConvertFrom|Import|Invoke|New)-[A-Z][A-Za-z]{1,40}$/;

// Code that calls or indexes a dotted or lower-case name (`request.form[`, optionally
// `this.options.isEqual?.(`), or a generic type (`Optional[str`, `List[`).
// Also a parenthesised expression (`(existing_prop.columns[0]`), R's and C++'s `pkg::fn(` (`rstudioapi::askForPassword(`), a camel-cased name indexed
// (`loginCredentials[`), a call of a name of five or more characters (`ReadEnvVariableIfSet(`;
// not `Pa(ss)w0rd!x`); a PowerShell cmdlet (CMDLET) is tested apart, only on a value with a `-`.
const CODE_CALL =
  /^\([A-Za-z_$][\w$]*(?:\.|::|\[|\()|^[A-Za-z_$][\w$]*(?:\.|::)[\w$.:?]*[[(]|^[a-z_]+[[(]|^[A-Z][A-Za-z]*\[|^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+\[|^[A-Za-z_$][\w$]{4,}\(/;
// Hyphenated descriptions: "case-sensitive", "read-only", "auto-generated".
const HYPHENATED = /^[A-Za-z]+(?:-[A-Za-z]+)+$/;

/** Whether a value given for a password is a link, a path, a placeholder, code or a translation. */
export function isNeverAPassword(value: string): boolean {
  if (NEVER_A_PASSWORD.test(value) || isCodeCall(value)) return true;
  return HYPHENATED.test(value) && value.split("-").some(isDescriptionWord);
}

// `passwordInput`, and type names such as `SecretStr` or `PasswordField` (unquoted).
const CAMEL_IDENTIFIER = /^[a-z]+[A-Z][A-Za-z]*$|^[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+$/;
const PASCAL_CASE = /^[A-Z]/;
// Words that describe a password or stand in a sentence about it (lower case, ASCII: accented words
// fail `PLAIN` already), and the words for password themselves (translation files: `"password": "Passwort"`).
const DESCRIPTION_WORDS = new Set(
  [
    // English
    "a an the this that these those it its my your our his her their me you we he she they them one mine yours",
    "is are was were be been being has have had do does did can could will would should must may might shall",
    "not no none nothing anything something everything also too very so still just only even same different",
    "new old current previous default temporary initial random unique strong weak secure insecure safe unsafe",
    "correct incorrect invalid valid wrong right good bad fine ok okay required optional mandatory missing",
    "empty blank null unknown unset set reset change changes expired locked hidden secret private public",
    "confidential sensitive long short simple easy hard complex case here there below above following same",
    "what which who whom whose why how where when whatever please thanks thank sorry yes on off true false",
    "input value values data text field fields form string number integer char varchar object any type label",
    "hint user username login email account name key hash salt length format policy rules rule requirements",
    "token tokens present absent",
    "characters chars digits letters symbols words word strength recovery manager protection expiry",
    "needed necessary important enough common obvious stored saved sent given known shown lost forgot",
    "forgotten stolen leaked typed entered displayed generated provided attached enclosed identical for",
    "and or und oder et ou y o but with without from into onto than then now later soon again never always sometimes",
    "plain plaintext cleartext bcrypt scrypt argon pbkdf sha md hashed encrypted encoded both either",
    // German
    "der die das dem den des ein eine einen einer dein deine ihr ihre mein meine sein seine unser kein",
    "keine nicht auch noch schon nur sehr zu falsch richtig korrekt ungultig gultig erforderlich",
    "notwendig notig pflicht leer abgelaufen neu alt sicher unsicher schwach stark geheim vergessen",
    "gesperrt gespeichert verschlusselt gleich identisch hier unten oben folgendes folgende was welches",
    "wie wo warum bitte kurz lang abgelehnt passwort kennwort",
    // French
    "le la les un une des du de ce cet cette votre vos ton ta mon ma son sa notre leur pas ne plus aussi",
    "encore deja tres trop invalide valide requis requise obligatoire facultatif vide nouveau nouvelle",
    "ancien ancienne faible fort forte securise oublie perdu identique ici dessous suivant quoi quel",
    "quelle comment pourquoi merci oui non",
    // Spanish
    "el los las unos unas tu tus su sus mi mis nuestro tambien muy demasiado ya solo incorrecta incorrecto",
    "correcta correcto invalida valida obligatoria obligatorio requerida requerido necesaria necesario",
    "vacia vacio nueva nuevo antigua antiguo debil fuerte segura seguro insegura caducada olvidada distinta",
    "igual aqui abajo siguiente que cual como donde favor gracias si contrasena",
    // The words for password, in any language
    "password passwords passwd pass passcode passphrase pwd parol mima",
    // Where a password is kept or how one signs in instead: "password: vault", "Passwort: SSO"
    "vault keychain keyring keepass lastpass bitwarden environment env sso ldap oauth saml kerberos only",
  ]
    .join(" ")
    .split(" "),
);
// Participles, adverbs and adjectives ("changed", "missing", "securely", "available", "notwendig",
// "obligatoire", "requerida"); a password rarely ends so, a description often does.
const DESCRIPTION_ENDING_ACCENTED = /\p{L}{3}(?:ée?s?|é)$/u;
// A participle has no plural: `-eds` ends a noun (`mynewcreds`, `seeds`), not a description.
const DESCRIPTION_ENDING =
  /\p{L}{3}(?:ed|(?:ing|ly|able|ible|tion|ment|ness|ful|less|ive|ous|lich|ig|ung|oire|ique|ado|ada|ido|ida)s?)$/u;
// How a sentence writes a word: lower case, capitalised or all capitals. `hardcodEd` is typed as a value.
const WORD_CASE = /^(?:\p{Lu}?\p{Ll}+|\p{Lu}+)$/u;
// An unquoted value followed by another word (not a `key=`/`key:` of a pair) is the sentence going on.
const PROSE_CONTINUES = /^[ \t]+[A-Za-z\u00c0-\u024f\u0370-\u06ff\u0900-\u097f]+(?![\w\u00c0-\u024f]*[:=])/;

const ASCII = /^\p{ASCII}*$/u;

/** Whether `word` is one of the words that describe a password or stand in a sentence about it. */
export function isDescriptionWord(word: string): boolean {
  // Without accents, so "débil" and "inválida" meet "debil" and "invalida" (ASCII has none to drop,
  // and normalizing costs a microsecond on every password hit).
  const folded = word.toLowerCase();
  const lower = ASCII.test(folded) ? folded : folded.normalize("NFD").replace(/\p{M}/gu, "");
  return (
    DESCRIPTION_WORDS.has(lower) ||
    DESCRIPTION_ENDING.test(lower) ||
    DESCRIPTION_ENDING_ACCENTED.test(word.toLowerCase())
  );
}

/**
 * A score for a value named as a password that `scoreSecretValue` found too plain, or 0 when it is
 * not a password (see above). `next` is the text right after an unquoted value; `delimited`, that the
 * value is one of a connection string's `;`-separated settings (its name follows a `;`); `paired`, that a
 * user setting comes before it in the same string (a function when finding out reads back along the
 * line: then asked only when the answer matters).
 */
export function plainPasswordScore(
  value: string,
  quoted: boolean,
  next: string,
  delimited = false,
  paired: boolean | (() => boolean) = false,
  configLine = false,
): number {
  // Digits given as a password, quoted or as a connection string's setting (`Pwd=12345678;`).
  if ((quoted || delimited) && DIGITS_PASSWORD.test(value)) return quoted ? 0.7 : 0.6;
  const plain = PLAIN.test(value);
  if (!plain && !PAIRED_PLAIN.test(value)) return 0;
  let pairedKnown: boolean | undefined;
  const isPaired = () => (pairedKnown ??= typeof paired === "function" ? paired() : paired);
  if (
    !(isPaired() ? PAIRED_PLAIN.test(value) : plain) ||
    PLAIN_NOT_A_VALUE.test(value) ||
    isNeverAPassword(value)
  )
    return 0;
  if (isSaidAboutASecret(value)) return 0;
  // A snake-case name reads as code's variable (`db_password`, `Db_Pass`), but not as a connection
  // string's setting after its user's (`UID=postgres_user;PWD=postgres_pwd;`, `user=bob;password=Tiger_paws;`):
  // a connection string holds literals, no variables; only an environment variable's name in capitals
  // (`PWD=DB_PASSWORD;`) stands in for one there.
  if (
    isSnakeCaseName(value) &&
    (!(quoted || delimited) ||
      (isPaired() ? UPPER_SNAKE.test(value) : !LOWER_SNAKE.test(value) || PASSWORD_PART.test(value)))
  )
    return 0;
  if (isPlaceholderValue(value) || isReferenceValue(value)) return 0;
  // A sentence's words describe a password; a connection string's setting after its user's holds one
  // (`uid=random;pwd=asd`, `User ID=app;Password=scrambled`), whatever word it is.
  if (
    LETTERS.test(value) &&
    (isPaired() ? PASSWORD_WORD.test(value) : WORD_CASE.test(value) && isDescriptionWord(value))
  )
    return 0;
  // A camel-cased word is code's identifier, but a literal in a connection string (`PWD=ThisIsMyPassword;`).
  // A private field (`Password = _password3`) is code's too.
  // A capitalised camel-cased word ending an env file's line (`ADMIN_PASS=RedisPass`, `configLine`) is
  // the literal: code's identifier there would be a lower-case variable's, not a class's name.
  if (
    !quoted &&
    ((!delimited &&
      ((CAMEL_IDENTIFIER.test(value) && !(configLine && PASCAL_CASE.test(value))) ||
        isPrivateField(value))) ||
      PROSE_CONTINUES.test(next))
  )
    return 0;
  return quoted ? 0.7 : 0.6;
}

// "The password for the staging box is …", "Das Passwort für den Gastzugang ist …", "Le mot de passe
// du wifi est …", "Пароль от роутера — …", "كلمة المرور لشبكة wifi هي …": what the password is for,
// between the word and its copula (a preposition, then up to 40 characters of one clause).
const QUALIFIER =
  /^[ \t]{1,3}(?:(?:for|of|on|to|für|von|vom|zum|zur|du|de|des|pour|del|para|от|для)[ \t]|ل)[^\n.,;:!?"'()«»]{1,40}?(?=[ \t](?:is|was|ist|lautet|war|est|était|es|era|—|–|это|هي)[ \t])/iu;

/** The length of what the password is for, after the word for password at `from`, or 0. */
export function qualifierLength(text: string, from: number): number {
  return QUALIFIER.exec(text.slice(from, from + 48))?.[0].length ?? 0;
}
