import { describe, expect, it } from "vitest";
import { createGuardrails } from "../../src/guardrails/index.js";

// Three readings of a value under a password's name (generic-secret.ts): a shell's environment prefix
// before a command, a PIN-like run of digits under the password's own name, and a connection string's
// setting that runs on past its first word.
const guardrails = createGuardrails();
const found = (text: string) =>
  guardrails.check({ text, direction: "input", only: ["secret"] }).findings.map((finding) => ({
    value: text.slice(finding.start, finding.end),
    score: finding.score,
  }));

describe("a shell's environment prefix before a command", () => {
  it.each([
    ["PGPASSWORD=tiger psql -h db -U app", "tiger"],
    ["MYSQL_PWD=tiger mysql -u root", "tiger"],
    ["cd app && DB_PASSWORD=tiger npm start", "tiger"],
  ])("reports the password in %j", (text, value) => {
    expect(found(text)).toEqual([{ value, score: 0.6 }]);
  });

  it.each([
    // Prose goes on after a plain word (no capitals' name, or a space after `=`).
    "the password=tiger is what they use",
    "PASSWORD= tiger psql",
    "PASSWORD=changeme docker compose up",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "DB_PASSWORD=${DB_PASSWORD} npm start",
  ])("reports nothing in %j", (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe("digits under the password's own name", () => {
  it.each([
    ["username: admin\npassword: 123456", "123456"],
    ["user=admin&password=20240101", "20240101"],
    ["adminPassword: 98765432", "98765432"],
    ["PGPASSWORD=123456 psql", "123456"],
  ])("reports the PIN in %j", (text, value) => {
    expect(found(text)).toEqual([{ value, score: 0.6 }]);
  });

  it.each([
    "password_min_length: 123456",
    "passwordExpirySeconds: 7776000",
    "password: 1234",
    "bypass: 123456",
    "compass_heading: 123456",
  ])("reports nothing in %j", (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe("a connection string's password setting that runs on past a stand-in word", () => {
  it("reads `pass word 1` whole, not `pass` as a placeholder-looking word", () => {
    expect(found("Driver={SQL Server};Server=s;Uid=app;Pwd=pass word 1;")).toEqual([
      { value: "pass word 1", score: 0.8 },
    ]);
    expect(found('"DSN=mydsn;UID=ed;PWD=pass word",')).toEqual([{ value: "pass word", score: 0.7 }]);
  });

  it("keeps the stand-in word alone a placeholder-looking password, and a sentence nothing", () => {
    expect(found("Server=db;User ID=app;Password=password;")).toEqual([{ value: "password", score: 0.55 }]);
    expect(found("Server=db;User ID=app;Password=password is in the vault")).toEqual([]);
  });
});

describe("a URL query's or a form's password parameter after its user's", () => {
  it.each([
    ["jdbc:mysql://db/app?user=admin&password=qwe", "qwe"],
    ["mongodb://db/?authSource=admin&user=bob&pwd=abc", "abc"],
    ['curl -d "username=bob&password=changed" https://x/login', "changed"],
    ["jdbc:mysql://db/app?user=admin&userpass=hardened&useSSL=true", "hardened"],
    ["https://x/login?username=bob&remember=1&pwd=qwe", "qwe"],
  ])("reads any word there as the password in %j", (text, value) => {
    expect(found(text)).toEqual([{ value, score: 0.6 }]);
  });

  it.each([
    // No user parameter before it: a word of a description stays one, and a short value is too short.
    "https://x/settings?password=changed",
    "https://x/login?user=bob password=qwe",
    "https://x/api?mode=fast&password=qwe",
    "https://x/api?user=bob&password=&ssl=true",
  ])("reports nothing in %j", (text) => {
    expect(found(text)).toEqual([]);
  });
});
