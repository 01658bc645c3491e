import { describe, expect, it } from "vitest";
import {
  isInterpolatedField,
  isPlaceholderUser,
  isPlaceholderValue,
} from "../../src/guardrails/secret-parsers.js";
import { createSecretDetector } from "../../src/guardrails/secrets.js";

const detector = createSecretDetector();
const found = (text: string) =>
  detector
    .scan(text)
    .map((finding) => ({ type: finding.type, value: text.slice(finding.start, finding.end) }));

// Session 12 (h29cred): the shapes placeholders and references take in Helm charts' READMEs and
// values files, Db2 driver code and GitHub's custom-pattern test files (dev sources
// bitnami-charts-credentials, python-ibmdb-connection-strings, secret-scanning-custom-patterns-credentials).
describe("placeholders and references in config docs", () => {
  const benign = [
    "helm upgrade my-release oci://registry/charts/db --set auth.rootPassword=[ROOT_PASSWORD]",
    "--set controlplane.externalDatabase.password=[DB_PASSWORD] \\",
    "password: [REDACTED]",
    '--set secretsBackend.vault.address="https://[vault address]:8200" \\',
    "--set galera.backup.password=YYYY \\",
    "kubectl create secret generic app --from-literal=client-passwords=CLIENT_PASSWORD1,CLIENT_PASSWORD2",
    "quarkus.mongodb.connection-string: mongodb://DB_USER:DB_PASSWORD@mongodb:27017",
    'kubectl create secret tls web-cert --cert=web-0.crt --key="web-0.key"',
    "--from-file=broker-0.key=./broker-0.key",
    "keystorePassword: kafka.keystore.jks",
    '## serverAdminPasswordMtime: "2006-01-02T15:04:05Z"',
    "pg_dumpall --clean --no-password --file=/backups/all.sql",
    "if password != '' and dsn.find('PWD=') == -1:",
    "if token and url.find('token=') < 0:",
    // SQL's named parameter, a parenthesised expression, prose (SQLAlchemy's docs and code).
    "WHERE user_keyword.special_key = :special_key_1",
    "equated_pair_key = (existing_prop.columns[0], other)",
    "the dialect passes no credentials when no username or password is present.",
    // Go templates: an unquoted value inside `{{ … }}` is an expression, `.Values.x` a field.
    '{{- $rootPassword := include "common.secrets.passwords.manage" (dict "key" "root-password") }}',
    "{{- $password := .Values.auth.password }}",
    "db.password: .Values.externalDatabase.password",
    // Code that is no value: a tokenizer, an index, a call, a list of keywords, a hashing method.
    "tokenizer = GPT2TokenizerFast.from_pretrained(model_id_2)",
    "api_key = api_key_candidates[12]",
    'elif kind in ["pass", "continue"]:',
    'PASSWORD_HASH_METHOD = "pbkdf2:sha256"',
    // A scanner's rule: a regex's class, not a key.
    "regex: (?i)(?P<key>(secret))(=|:).{0,5}['\"](?P<secret>[0-9a-zA-Z\\-_=]{8,64})",
    // Stand-ins: a name between underscores, a numbered capital word, a shell expansion.
    "db2cli validate -database sample:db.local:50000 -user db2inst1 -passwd _password_",
    "export REGISTRY_PASSWORD=PASSWORD1",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, on purpose
    'escaped_password="${ADMIN_PASSWORD//\\"/\\\\\\"}"',
  ];
  it.each(benign)("reports nothing in %j", (text) => {
    expect(found(text)).toEqual([]);
  });

  // The same places holding a literal: still found.
  const cases: [string, string][] = [
    ["--set auth.rootPassword=Tr0ub4dor3 \\", "Tr0ub4dor3"],
    ['--set auth.password="[hunter2]x9"', "[hunter2]x9"],
    ["mongodb://app:Qm4vN8rT2x@mongodb:27017", "Qm4vN8rT2x"],
    ["ftp://test:hN6nQYPpsja3@files.internal:21", "hN6nQYPpsja3"],
    ["client_secret: 7c1e9a40-5f2b-4d0e-9b1a-2e6f8c3d4a5b", "7c1e9a40-5f2b-4d0e-9b1a-2e6f8c3d4a5b"],
    ["--password Xk9-vR2q", "Xk9-vR2q"],
    ["dsn = 'DATABASE=sample;UID=db2inst1;PWD=Db2pass99;'", "Db2pass99"],
    ['{{- $password := "Kx7pQ2vN9w" }}', "Kx7pQ2vN9w"],
    ['config.put("api_token", "d8f2a9c4e1b7f3a6c5e9d2b8");', "d8f2a9c4e1b7f3a6c5e9d2b8"],
    [
      'String tokenWithNoneAlg = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyLTQyIn0.";',
      "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyLTQyIn0.",
    ],
  ];
  it.each(cases)("finds the secret in %j", (text, value) => {
    expect(found(text).map((finding) => finding.value)).toContain(value);
  });
});

// Session 12 (h29cred): connection strings in code (dev sources r-odbc-connection-strings and
// snowflake-connector-net-connection-strings): empty values closing a literal, interpolations, calls.
describe("connection strings in code", () => {
  const benign = [
    'echo "ODBC_CS=Driver={PostgreSQL};Server=localhost;UID=postgres;PWD=" >> $GITHUB_ENV',
    '[InlineData("account=acme;user=jdoe;password=", null, "missing password")]',
    'var cs = $"account={account};user={user};password={dbPassword};";',
    'var cs = $"account=acme;user=jdoe;password=pre{suffix};";',
    'var withPassword = $"{Base}password={SecureStringHelper.Decode(_secret)}";',
    'private const string ConnectionStringWithoutPassword = "db=D3;warehouse=W3;account=A3;user=U3;";',
    "var context = new SessionContext { Password = _password3 };",
    'ProxyPassword = "proxyPassword"',
    'string labelled = "password = " + randomPassword;',
    'config.password = ReadEnvVariableIfSet(config.password, "TEST_PASSWORD");',
    "Password = loginCredentials[SessionProperty.PASSWORD];",
    'pwd = rstudioapi::askForPassword("Database password")',
    "pwd = token",
  ];
  it.each(benign)("reports nothing in %j", (text) => {
    expect(found(text)).toEqual([]);
  });

  const cases: [string, string][] = [
    ['var cs = "account=acme;user=jdoe;password=Qx7rT2vW9;";', "Qx7rT2vW9"],
    ['echo "ODBC_CS=dsn=Prod;UID=SA;PWD=Password12" >> $GITHUB_ENV', "Password12"],
    ['con <- dbConnect(odbc::odbc(), dsn = "Prod", uid = "SA", pwd = "BoopBop123!")', "BoopBop123!"],
    [
      'airflow-fernet-key: "YVRZeVJVWnlXbU4wY1dOalVrdE1SV3cxWWtKeFIzWkVRVTVrVjNaTFR6WT0="',
      "YVRZeVJVWnlXbU4wY1dOalVrdE1SV3cxWWtKeFIzWkVRVTVrVjNaTFR6WT0=",
    ],
    ['var cs = "account=acme;user=jdoe;password=Kp{9}x2Lm;";', "Kp{9}x2Lm"],
  ];
  it.each(cases)("finds the secret in %j", (text, value) => {
    expect(found(text).map((finding) => finding.value)).toContain(value);
  });
});

// Session 12 (h29cred): SQL that sets a login's password (seen in npgsql's and node-postgres' CI and
// Bitnami's READMEs), and a connection string's password after its user's setting.
describe("SQL logins and paired connection-string settings", () => {
  const cases: [string, string][] = [
    ["CREATE USER app_tests SUPERUSER PASSWORD 'app_tests';", "app_tests"],
    ["psql -c \"CREATE ROLE scram_test LOGIN PASSWORD 't3st4scram'\"", "t3st4scram"],
    ["ALTER USER postgres WITH ENCRYPTED PASSWORD 'Vq8mZ2kp';", "Vq8mZ2kp"],
    ["CREATE USER 'jeffrey'@'localhost' IDENTIFIED BY 'Xk2pQ9wz';", "Xk2pQ9wz"],
    ["CREATE USER app IDENTIFIED WITH mysql_native_password BY 'Zq7vB2nm';", "Zq7vB2nm"],
    ["CREATE USER scott IDENTIFIED BY tiger;", "tiger"],
    ["CREATE LOGIN reporter WITH PASSWORD = 'R3port!ng';", "R3port!ng"],
    ['cs = $"Data Source={host};uid=random;pwd=asd;Connect Timeout=2";', "asd"],
    ["Server=db;User ID=app;Password=scrambled;", "scrambled"],
  ];
  it.each(cases)("finds the password in %j", (text, value) => {
    expect(found(text).map((finding) => finding.value)).toContain(value);
  });

  const benign = [
    "ALTER USER postgres WITH PASSWORD '$POSTGRESQL_NEW_POSTGRES_PASSWORD';",
    "ALTER USER postgres WITH PASSWORD 'password';",
    "ALTER ROLE app PASSWORD NULL;",
    "Create user accounts first, then set a password for each of them.",
    "Server=db;Uid=app;Pwd=x;",
    'private_key_file={1};user={0};private_key_pwd=Invalid",',
    "Password=scrambled",
  ];
  it.each(benign)("reports nothing in %j", (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe("a `;`-separated setting's value runs to its `;`", () => {
  it("keeps the value's closing punctuation, which prose's value drops", () => {
    expect(found('"Server=tcp:srv;Database=db;User ID=app;Password=P@ssw0rd!;"')).toEqual([
      { type: "password", value: "P@ssw0rd!" },
    ]);
    expect(found("The password is hunter2!")).toEqual([{ type: "password", value: "hunter2" }]);
  });
});

describe("isInterpolatedField", () => {
  it("reads an interpolated string's opener on the value's line, within 300 characters", () => {
    const line = 'var cs = $"user=jdoe;password={dbPassword};";';
    const at = line.indexOf("{dbPassword}") + 1;
    expect(isInterpolatedField(line, at, "dbPassword}", false)).toBe(false);
    expect(isInterpolatedField(line, at - 1, "{dbPassword}")).toBe(true);
    expect(isInterpolatedField(`$"\n${line.slice(10)}`, at - 9, "{dbPassword}")).toBe(false);
    // The look back stops 300 characters before the value.
    const far = `$"${"x".repeat(400)} password={dbPassword}`;
    expect(isInterpolatedField(far, far.indexOf("{"), "{dbPassword}")).toBe(false);
  });
});

describe("isPlaceholderValue and isPlaceholderUser", () => {
  it.each([
    "[PASSWORD",
    "[REDACTED]",
    "[vault address]",
    "YYYY",
    "xxxxxx",
    "DB_PASSWORD",
    "CLIENT_PASSWORD1",
    "INTER_BROKER_PASSWORD",
    "SECRET_KEY_BASE",
    "PASSWORD1",
    "_password_",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, on purpose
    "${TOKEN%%:*}",
  ])("%j is a placeholder", (value) => {
    expect(isPlaceholderValue(value)).toBe(true);
  });

  it.each(["Tr0ub4dor3", "[hunter2]x9", "YYYz", "Db_Password1", "PROD_SERVER", "ABCD_1234_EFGH"])(
    "%j is not",
    (value) => {
      expect(isPlaceholderValue(value)).toBe(false);
    },
  );

  it("reads a stand-in word as a real user name, a template's name as a template", () => {
    expect(isPlaceholderUser("test")).toBe(false);
    expect(isPlaceholderUser("admin")).toBe(false);
    expect(isPlaceholderUser("DB_USER")).toBe(true);
    expect(isPlaceholderUser("<user>")).toBe(true);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    expect(isPlaceholderUser("${PGUSER}")).toBe(true);
  });
});
