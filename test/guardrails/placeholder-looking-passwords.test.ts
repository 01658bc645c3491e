import { describe, expect, it } from "vitest";
import { createGuardrails } from "../../src/guardrails/index.js";
import { credentialUrlParser } from "../../src/guardrails/secret-parsers.js";

// A word docs write where a password goes (`password`, `secret`, `myPassword`), or a login repeating its
// user, in the password's slot of a URL or a connection string is the value in use all the same: a weak
// real password looks no different. Reported at 0.55, under every other secret's score, its detector
// saying why; `thresholds.secret: 0.6` skips them again. Moved here from the benign lists of
// config-doc-placeholders, credential-forms and secrets tests, which skipped them (h39creds, session 20).
// Beside a user slot holding its own name too (`user:password@host`, `UID=user;PWD=password`,
// `User Id=myUsername;Password=myPassword;`) it is reported the same: h40creds (session 21) skipped those
// as templates of names, but the scanners' own fixtures label them secrets (Kingfisher's ftp, rabbitmq,
// uri and odbc examples, detect-secrets' basic-auth test, Microsoft security-utilities' URL examples:
// 12 of the 14 such labels in their repositories), and so do evaluations that follow them (h41creds, session 22).
const guardrails = createGuardrails();
const secrets = (text: string) =>
  guardrails.check({ text, direction: "input", only: ["secret"] }).findings.map((finding) => ({
    value: text.slice(finding.start, finding.end),
    score: finding.score,
    detector: finding.detector,
  }));

describe("placeholder-looking passwords in a URL or a connection string", () => {
  const reported: [string, string, string][] = [
    [
      "postgres://app:password@localhost:5432/mydb",
      "password",
      "secrets/connection-string/placeholder-looking",
    ],
    ["ftp://deploy:secret@ftp.example.net", "secret", "secrets/connection-string/placeholder-looking"],
    ["amqp://guest:guest@localhost:5672/", "guest", "secrets/connection-string/placeholder-looking"],
    ["mysql://root:changeme@db/app", "changeme", "secrets/connection-string/placeholder-looking"],
    [
      "git+https://deploy:pass@git.example.net/app.git",
      "pass",
      "secrets/connection-string/placeholder-looking",
    ],
    ["Server=db;User ID=app;Password=password;", "password", "secrets/generic/placeholder-looking"],
    [
      "Server=myServerAddress;Database=myDataBase;User Id=billing;Password=myPassword;",
      "myPassword",
      "secrets/generic/placeholder-looking",
    ],
    [
      '"  DRIVER={SQL Server};SERVER=localhost;DATABASE=testdb;UID=etl;PWD=password\\n"',
      "password",
      "secrets/generic/placeholder-looking",
    ],
    // The user setting after the password, and a query's.
    ["account=acme;password=password;user=loader;db=dw", "password", "secrets/generic/placeholder-looking"],
    ["Data Source=ORCL;User Id=scott;Password=password;", "password", "secrets/generic/placeholder-looking"],
    [
      "jdbc:postgresql://db:5432/app?user=app&password=secret",
      "secret",
      "secrets/generic/placeholder-looking",
    ],
    [
      "jdbc:oracle:thin:scott/password@//db:1521/ORCL",
      "password",
      "secrets/connection-string/placeholder-looking",
    ],
    ["app:passwd@tcp(db:3306)/shop", "passwd", "secrets/connection-string/placeholder-looking"],
  ];
  it.each(reported)("reports %j at 0.55, saying it looks like a placeholder", (text, value, detector) => {
    expect(secrets(text)).toEqual([{ value, score: 0.55, detector }]);
  });

  // A template of names: the user slot holds its own name too, before or after the password.
  const standInUser: [string, string, string][] = [
    [
      "postgres://user:password@localhost:5432/mydb",
      "password",
      "secrets/connection-string/placeholder-looking",
    ],
    ["ftp://user:secret@ftp.example.net", "secret", "secrets/connection-string/placeholder-looking"],
    ["https://username:password@host:8443/api", "password", "secrets/connection-string/placeholder-looking"],
    [
      "Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;",
      "myPassword",
      "secrets/generic/placeholder-looking",
    ],
    [
      '"  DRIVER={SQL Server};SERVER=localhost;DATABASE=testdb;UID=user;PWD=password\\n"',
      "password",
      "secrets/generic/placeholder-looking",
    ],
    ["user=user;password=password;account=account;", "password", "secrets/generic/placeholder-looking"],
    [
      "account=myAccount;password=myPassword;user=myUser;db=myDB",
      "myPassword",
      "secrets/generic/placeholder-looking",
    ],
    [
      "jdbc:postgresql://db:5432/app?user=user&password=secret",
      "secret",
      "secrets/generic/placeholder-looking",
    ],
    [
      "jdbc:oracle:thin:user/password@//db:1521/ORCL",
      "password",
      "secrets/connection-string/placeholder-looking",
    ],
    ["user:passwd@tcp(db:3306)/shop", "passwd", "secrets/connection-string/placeholder-looking"],
    ["postgres://user:user@db/app", "user", "secrets/connection-string/placeholder-looking"],
  ];
  it.each(standInUser)(
    "reports %j beside a stand-in user too, as scanners label it",
    (text, value, detector) => {
      expect(secrets(text)).toEqual([{ value, score: 0.55, detector }]);
    },
  );

  it("reports a real password beside a stand-in user at its own score", () => {
    expect(secrets("postgres://user:Xk92jLmq@db/prod")).toEqual([
      { value: "Xk92jLmq", score: 0.92, detector: "secrets/connection-string" },
    ]);
    expect(secrets("DSN=x;UID=user;PWD=Xk92jLmq")).toHaveLength(1);
  });

  it("skips them again under a secret threshold of 0.6, keeping a plain word's 0.6", () => {
    const strict = createGuardrails({ thresholds: { secret: 0.6 } });
    const flagged = (text: string) =>
      strict.check({ text, direction: "input", only: ["secret"] }).findings.length > 0;
    expect(flagged("postgres://app:password@localhost:5432/mydb")).toBe(false);
    expect(flagged("postgres://user:password@localhost:5432/mydb")).toBe(false);
    expect(flagged("Server=db;User ID=app;Password=password;")).toBe(false);
    expect(flagged("Server=db;User ID=app;Password=admin;")).toBe(true);
  });

  const skipped = [
    // True placeholders: templates, masks, format fields, references, empty values.
    "Server=db;User ID=app;Password=<password>;",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "Server=db;User ID=app;Password=${DB_PASSWORD};",
    "Server=db;User ID=app;Password=****;",
    'conn_str = "Server=db;UID=%s;PWD=%s;" % (user, pw)',
    "Server=db;User ID=app;Password={password};",
    "Server=db;User ID=app;Password=;",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "postgres://${DB_USER}:${DB_PASSWORD}@db/app",
    "postgres://user:****@db/app",
    "postgres://user:$PASSWORD@db/app",
    "postgres://xxx:xxx@db/app",
    // Words saying the login is not for real use, and anonymous FTP.
    "account=test;user=test;password=test;",
    "Server=db;User ID=app;Password=dummy;",
    "ftp://anonymous:anonymous@ftp.example.net/pub",
    // The words around it say it is an example (not the host's `example.com` inside the URL).
    "postgres://user:password@localhost:5432/mydb is the default connection string in the tutorial.",
    "For example: Server=db;User ID=app;Password=password;",
    "e.g. mysql://root:secret@db/app",
    // Only named, not in a connection string's or a URL's slot.
    "password: secret",
    "--set auth.password=password",
    "Password=myPassword",
  ];
  it.each(skipped)("reports nothing in %j", (text) => {
    expect(secrets(text)).toEqual([]);
  });
});

describe("the example words' reach (200 characters on the URL's line), read around each URL", () => {
  const url = "postgres://app:password@db/app";
  /** `words`, a long word, then the URL: its password `distance` characters after the words' start. */
  const urlAfter = (words: string, distance: number) =>
    `${words} ${"x".repeat(distance - words.length - 2 - "postgres://app:".length)} ${url}`;
  const reported = (text: string) => secrets(text).map((finding) => finding.value);

  it("counts a word 200 characters before the password, not 201", () => {
    expect(reported(urlAfter("e.g.", 200))).toEqual([]);
    expect(reported(urlAfter("e.g.", 201))).toEqual(["password"]);
  });

  it("reads `for example` from its `for`: out of reach with it, though `example` is within", () => {
    expect(reported(urlAfter("for example", 204))).toEqual(["password"]);
    expect(reported(urlAfter("for example", 200))).toEqual([]);
  });

  it("answers each URL of a long text as it would alone", () => {
    const far = `${url} ${"y".repeat(400)} e.g. ${url}`;
    const lines = [far, `${url} is the tutorial's`, far, far];
    // Each line's first URL is reported; its second (after `e.g.`) and the tutorial's are not.
    const firstUrls = [0, 2, 3].map((line) =>
      lines.slice(0, line).reduce((start, before) => start + before.length + 1, 0),
    );
    const found = guardrails.check({ text: lines.join("\n"), direction: "input", only: ["secret"] }).findings;
    expect(found.map((finding) => finding.start)).toEqual(
      firstUrls.map((start) => start + "postgres://app:".length),
    );
  });

  it("answers a URL asked about after a later one as first", () => {
    const text = `e.g. ${url} ${"z ".repeat(300)} ${url}`;
    const later = text.lastIndexOf("postgres://");
    const laterPassword = { start: later + "postgres://app:".length };
    expect(credentialUrlParser.parse(text, later)).toMatchObject(laterPassword);
    expect(credentialUrlParser.parse(text, "e.g. ".length)).toBeUndefined();
    expect(credentialUrlParser.parse(text, later)).toMatchObject(laterPassword);
  });
});
