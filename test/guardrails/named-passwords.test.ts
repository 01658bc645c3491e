import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createSecretDetector } from "../../src/guardrails/secrets.js";

const detector = createSecretDetector();
const found = (text: string) =>
  detector
    .scan(text)
    .map((finding) => ({ type: finding.type, value: text.slice(finding.start, finding.end) }));

describe("secret detector: a value named as a password counts even when plain", () => {
  const given: [string, string][] = [
    ["The wifi password is correcthorsebatterystaple", "correcthorsebatterystaple"],
    ['password: "letmein"', "letmein"],
    ["password: qwerty", "qwerty"],
    ["user: root password: toor", "toor"],
    ["pwd=ab12", "ab12"],
    ["passwort=Kaffee99", "Kaffee99"],
    ["mein Passwort lautet sonnenschein", "sonnenschein"],
    ["le mot de passe est soleil", "soleil"],
    ["mi contraseña es montaña", "montaña"],
    ["пароль: qwerty", "qwerty"],
    ["密码是abcdef", "abcdef"],
    ["パスワードは letmein です", "letmein"],
    ["كلمة المرور هي letmein", "letmein"],
    ["मेरा पासवर्ड sunshine है", "sunshine"],
    // What the password is for, between the word and the copula.
    ["The password for the staging box is shadow", "shadow"],
    ["Das Passwort für den Gastzugang ist Fussball", "Fussball"],
    ["Le mot de passe du wifi est chocolat.", "chocolat"],
    ["Пароль от роутера — solnce", "solnce"],
    ['password: "HelloWorld"', "HelloWorld"],
    ["password: blue-sky", "blue-sky"],
  ];
  it.each(given)("finds the password in %s", (text, value) => {
    expect(found(text)).toEqual([{ type: "password", value }]);
  });

  const benign = [
    "password: ********",
    "password: <your password>",
    "Mot de passe : <votre mot de passe>",
    "Password: required",
    "password is incorrect",
    "the password must be at least 8 characters",
    "password: string",
    'password=os.environ["PW"]',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "password: ${DB_PASSWORD}",
    "forgot your password?",
    "The password is stored in the vault and rotated monthly.",
    "Password: enter the one you chose at sign-up",
    "password = passwordInput",
    "password = new_password",
    "password = request.form['password']",
    "password=$(cat /run/secrets/db)",
    "password: !vault |",
    "pwd: /home/alice",
    '"password": "Mot de passe"',
    '"password": "Kennwort"',
    "Click on this link to reset your password: https://example.com/reset-password",
    "The password for the database is rotated weekly.",
    "The password of every user is hashed.",
    "Das Kennwort ist ungültig.",
    "Le mot de passe est expiré.",
    "La contraseña es débil.",
    "Пароль — неверный",
    "contraseña: 12345678",
    "my_passage = Smith",
    "except: pass",
    "boarding pass: attached",
    // Hyphenated descriptions, type hints and names, where a password is kept.
    "The password is case-sensitive.",
    "password: read-only",
    "password: Optional[str] = None",
    "password: SecretStr",
    "password: vault",
  ];
  it.each(benign)("reports nothing for %s", (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe("secret detector: a username and a password given together", () => {
  const pairs: [string, string][] = [
    ["user jsmith, password Tr0ub4dor&3", "Tr0ub4dor&3"],
    ["login=jsmith pass=Winter2024!", "Winter2024"],
    ["smtp credentials: mailer@example.com / Qw3rty!234", "Qw3rty!234"],
    ["login: admin/admin", "admin"],
    ["user bob pass hunter", "hunter"],
    ["My username is JohnDoe and the password is letmein.", "letmein"],
    ["create a user with the username 'johndoe' and the password 'W3@kP@ssword!'", "W3@kP@ssword!"],
    ["Benutzer jsmith, Passwort Tannenbaum", "Tannenbaum"],
    ["Usuario: jperez, contraseña verano", "verano"],
    ["用户名 admin 密码 letmein", "letmein"],
    ["ユーザー名 tanaka パスワード sakura123", "sakura123"],
    ["यूज़रनेम admin, पासवर्ड kamal", "kamal"],
  ];
  it.each(pairs)("finds only the password in %s", (text, value) => {
    expect(found(text)).toEqual([{ type: "password", value }]);
  });

  const benign = [
    "Enter your username and password to continue.",
    "Check that the username/password pair is valid.",
    "user-facing password prompts",
    "the user account password reset flow",
    "Credentials: read/write access to the bucket",
    "login: 9:30",
    "Login: admin/password",
    "Benutzername und Passwort eingeben",
    "user jsmith password letmein please",
    "pass: 3, fail: 2",
    "passport number 1234",
  ];
  it.each(benign)("reports nothing for %s", (text) => {
    expect(found(text)).toEqual([]);
  });
});

// test/fixtures/password-sentences.txt: ~15 named passwords and ~15 hard benign sentences in each of
// the nine languages (dev: the rules above were tuned against it).
describe("secret detector: the authored password sentences", () => {
  const lines = readFileSync(new URL("../fixtures/password-sentences.txt", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => line.split("|"));
  const positives = lines
    .filter(([kind]) => kind === "P")
    .map(([, lang, value, ...text]) => [lang, text.join("|"), value]);
  const benign = lines.filter(([kind]) => kind === "B").map(([, lang, ...text]) => [lang, text.join("|")]);

  it("holds about 15 of each side per language", () => {
    expect(positives.length).toBeGreaterThanOrEqual(125);
    expect(benign.length).toBeGreaterThanOrEqual(135);
  });
  it.each(positives)("%s: finds the password in %s", (_lang, text, value) => {
    expect(found(text ?? "")).toContainEqual({ type: "password", value });
  });
  it.each(benign)("%s: reports nothing for %s", (_lang, text) => {
    expect(found(text ?? "")).toEqual([]);
  });
});
