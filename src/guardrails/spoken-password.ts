import { scoreSecretValue } from "./generic-secret.js";
import { plainPasswordScore, qualifierLength } from "./password-value.js";
import type { SecretParser } from "./secret-parsers.js";

/**
 * A password given in words in the other languages the attack scorer reads: "mein Passwort lautet
 * Sommer2024!", "mot de passe : soleil2024", "пароль — Лето2024", "密码是 summer2024",
 * "パスワードは abc12345 です", "كلمة المرور هي …", "मेरा पासवर्ड abc@1234 है". English ("my password
 * is …", `password: …`) is the generic parser's. The word for password must be followed by a
 * copula or `:`/`=` (or, in Hindi, the value then "है"), so "Passwort vergessen?" is not read;
 * the value is scored as the generic parser scores a password, and a plain word counts as
 * `plainPasswordScore` says ("Passwort: sonnenschein" is one, "Das Passwort ist falsch" is not).
 */
export const PASSWORD_WORDS = [
  "passwort",
  "kennwort",
  "mot de passe",
  "contraseña",
  "contrasena",
  "пароль",
  "密码",
  "口令",
  "パスワード",
  "كلمة المرور",
  "كلمة السر",
  "पासवर्ड",
];
// Between the word and the value: a copula ("ist", "lautet", "est", "es", "это", "是", "は", "هي"…),
// a dash, or `:`/`=`, each optionally followed by `:`. `\s` and the full-width colon cover CJK text.
// Words need a boundary after them; CJK copulas are written against the value ("密码是abc123").
const LINK =
  /^\s{0,3}(?:(?:(?:ist|lautet|lautete|war|est|était|c'est|es|era|это|был|—|–|-|هي|है)(?![\p{L}\p{N}])|是|为|為|は)\s{0,3}[:：=]?|[:：=])\s{0,3}/iu;
const HINDI_WORD = "पासवर्ड";
// Hindi puts the copula last: "पासवर्ड abc@1234 है".
const HINDI_TRAILING = /^\s{1,3}(\S{1,80})\s{1,3}है(?![\p{L}\p{N}])/u;
const OPEN_QUOTE = /^["'«„“「『]/;
// Where a value ends: whitespace, a closing quote or bracket, CJK punctuation, or CJK text
// (a password given in Chinese or Japanese text is written in ASCII next to it).
const VALUE = /^[^\s"'»“”」』。，、；,;)\]\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]{1,80}/u;

export const spokenPasswordParser: SecretParser = {
  id: "generic",
  keywords: PASSWORD_WORDS,
  source:
    'modelmux: the generic parser\'s "my password is …" in German, French, Spanish, Russian, Chinese, Japanese, Arabic and Hindi',
  parse(text, index) {
    const word = PASSWORD_WORDS.find(
      (candidate) => text.slice(index, index + candidate.length).toLowerCase() === candidate,
    );
    if (word === undefined) return undefined;
    // Part of a longer word ("Passwortmanager", "Kennwortrichtlinie"): not a password given.
    const after = index + word.length;
    if (/^[\p{L}\p{N}]/u.test(text.slice(after, after + 1)) && !/^[\u3000-\u9fff]/u.test(word))
      return undefined;
    let start: number;
    let value: string | undefined;
    let quoted = false;
    // "Das Passwort für den Gastzugang ist …": what it is for, then the copula.
    const linkFrom = after + qualifierLength(text, after);
    const link = LINK.exec(text.slice(linkFrom, linkFrom + 24));
    if (link !== null) {
      start = linkFrom + link[0].length;
      // A quote, and the space French puts inside guillemets.
      const quote = OPEN_QUOTE.exec(text.slice(start, start + 1));
      quoted = quote !== null;
      if (quote !== null) start += text[start + 1] === " " || text[start + 1] === "\u00a0" ? 2 : 1;
      value = VALUE.exec(text.slice(start, start + 81))?.[0];
    } else if (word === HINDI_WORD) {
      const trailing = HINDI_TRAILING.exec(text.slice(after, after + 90));
      if (trailing === null) return undefined;
      value = trailing[1];
      start = after + trailing[0].indexOf(value ?? "");
    } else return undefined;
    if (value === undefined) return undefined;
    value = value.replace(/[.:!?]+$/, "");
    const end = start + value.length;
    // Hindi's trailing "है" is the copula, not the sentence going on.
    const next = word === HINDI_WORD && link === null ? "" : text.slice(end, end + 40);
    const score = scoreSecretValue(value, true, false) || plainPasswordScore(value, quoted, next);
    if (score === 0) return undefined;
    return { type: "password", start, end, score };
  },
};

/**
 * The word for password in more languages (Portuguese, Dutch, Polish, Romanian and Turkish (parola),
 * Turkish, Swedish, Finnish, Czech and Slovak, Hungarian, Danish and Norwegian, Korean, Vietnamese,
 * Indonesian and Malay, Thai, Greek, Hebrew, Persian), with `:`/`=` or the copula after it ("a senha
 * é …", "het wachtwoord is …", "la parola è …"). No word list of these languages says which plain
 * words describe a password ("senha: obrigatória"), so only a value the entropy scoring takes counts:
 * `senha: Verão2024!`, not `senha: incorreta`.
 */
export const MORE_PASSWORD_WORDS = [
  "senha",
  "wachtwoord",
  "hasło",
  "haslo",
  "parola",
  "şifre",
  "sifre",
  "lösenord",
  "losenord",
  "salasana",
  "heslo",
  "jelszó",
  "jelszo",
  "adgangskode",
  "passord",
  "비밀번호",
  "암호",
  "mật khẩu",
  "kata sandi",
  "kata laluan",
  "รหัสผ่าน",
  "κωδικός",
  "συνθηματικό",
  "סיסמה",
  "סיסמא",
  "رمز عبور",
  "گذرواژه",
];
const MORE_LINK =
  /^[ \t]{0,3}(?:(?:é|è|is|er|jest|este|är|on|je|az|adalah|คือ|είναι)(?![\p{L}\p{N}])[ \t]{0,3}[:：=]?|[:：=])[ \t]{0,3}/iu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export const morePasswordWordsParser: SecretParser = {
  id: "generic",
  keywords: MORE_PASSWORD_WORDS,
  source: "modelmux: the word for password in sixteen more languages, then `:`/`=` or a copula",
  parse(text, index) {
    if (index > 0 && LETTER_OR_DIGIT.test(text.charAt(index - 1))) return undefined;
    const lower = text.slice(index, index + 12).toLowerCase();
    const word = MORE_PASSWORD_WORDS.find((candidate) => lower.startsWith(candidate));
    if (word === undefined) return undefined;
    const after = index + word.length;
    if (LETTER_OR_DIGIT.test(text.charAt(after))) return undefined;
    const link = MORE_LINK.exec(text.slice(after, after + 16));
    if (link === null) return undefined;
    let start = after + link[0].length;
    const quoted = OPEN_QUOTE.test(text.charAt(start));
    if (quoted) start++;
    const raw = VALUE.exec(text.slice(start, start + 81))?.[0];
    if (raw === undefined) return undefined;
    const value = raw.replace(/[.:!?]+$/, "");
    const score = scoreSecretValue(value, true, quoted);
    if (score === 0) return undefined;
    return { type: "password", start, end: start + value.length, score };
  },
};
