import { describe, expect, it } from "vitest";
import { shannonEntropy } from "../../src/guardrails/entropy.js";
import { alnum, fakeChars, hex } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// Generic credential shapes read in session 14 (issue 19, part 5): `pw` names, a literal compared
// with a credential's name written first, setter and builder calls, C arrays, Ruby's symbol index,
// csh's and fish's variables, an environment lookup's literal fallback, curl's proxy user, any
// Authorization scheme, base64 user:password under any `…auth` name, MySQL's SET PASSWORD and
// GRANT … IDENTIFIED BY. Values are drawn at test time (fake, random-looking) and compared as found.
const password = (seed: number) => `${alnum(4, seed)}!${alnum(4, seed + 50)}7`;
const token = (seed: number) => `${hex(12, seed)}${alnum(12, seed + 100)}1`;

describe("generic credential shapes", () => {
  const cases: [string, (secret: string) => string, (seed: number) => string][] = [
    ["a name ending in _pw", (secret) => `smtp_pw = "${secret}"`, password],
    ["a password that starts with @", (secret) => `password: "${secret}"`, (seed) => `@${password(seed)}`],
    ["a password that starts with __", (secret) => `password = "${secret}"`, (seed) => `__${password(seed)}`],
    ["a name ending in _PW, unquoted", (secret) => `ADMIN_PW=${secret}`, password],
    ["a camel-cased name ending in Pw", (secret) => `const userPw = '${secret}';`, password],
    ["a camel-cased name ending in Pw, in an object", (secret) => `{ adminPw: "${secret}" }`, password],
    ["pw alone, YAML", (secret) => `pw: ${secret}`, password],
    [
      "a literal compared with a password, literal first",
      (secret) => `if ("${secret}" == password) {`,
      password,
    ],
    ["a literal compared with db_pass by !==", (secret) => `if ('${secret}' !== db_pass) return;`, password],
    ["a literal compared with an API key by ===", (secret) => `if ("${secret}" === apiKey) {`, token],
    [
      "an environment lookup's fallback, ||",
      (secret) => `const dbPassword = process.env.DB_PASSWORD || "${secret}";`,
      password,
    ],
    ["Ruby's ENV[…] || fallback", (secret) => `password = ENV['DB_PASSWORD'] || '${secret}'`, password],
    ["Python's getenv(…) or fallback", (secret) => `token = os.getenv("API_TOKEN") or "${secret}"`, token],
    ["PHP's $_ENV[…] ?? fallback", (secret) => `$secret = $_ENV['APP_SECRET'] ?? '${secret}';`, token],
    ["a setter's argument", (secret) => `dataSource.setPassword("${secret}");`, password],
    ["a snake-case setter's argument", (secret) => `user.set_password('${secret}')`, password],
    ["a builder's with-method", (secret) => `Client.builder().withApiKey("${secret}").build()`, token],
    ["a builder's method named for the credential", (secret) => `.password("${secret}")`, password],
    ["a C array", (secret) => `static char password[] = "${secret}";`, password],
    ["a C array with a size", (secret) => `char api_secret[32] = "${secret}";`, token],
    ["Ruby's symbol index", (secret) => `params[:password] = "${secret}"`, password],
    ["csh's setenv", (secret) => `setenv DB_PASSWORD ${secret}`, password],
    ["fish's set -gx", (secret) => `set -gx API_TOKEN ${secret}`, token],
    [
      "curl's -U proxy user",
      (secret) => `curl -U proxyuser:${secret} -x proxy:3128 https://example.org`,
      password,
    ],
    [
      "curl's --proxy-user, quoted",
      (secret) => `curl --proxy-user "proxyuser:${secret}" -x proxy:3128 https://example.org`,
      password,
    ],
    [
      "base64 user:password under a name ending in _auth",
      (secret) => `"user_auth": "${secret}"`,
      (seed) => Buffer.from(`deploy:${password(seed)}`).toString("base64"),
    ],
    [
      "base64 user:password under basic_auth, unquoted",
      (secret) => `basic_auth: ${secret}`,
      (seed) => Buffer.from(`svc.sync:${password(seed)}`).toString("base64"),
    ],
    [
      "base64 user:password under a camel-cased proxyAuth",
      (secret) => `proxyAuth = '${secret}'`,
      (seed) => Buffer.from(`proxy:${password(seed)}`).toString("base64"),
    ],
    ["Authorization with an ApiKey scheme", (secret) => `-H "Authorization: ApiKey ${secret}"`, token],
    ["Authorization with a vendor's scheme", (secret) => `Authorization: SSWS ${secret}`, token],
    [
      "MySQL's SET PASSWORD FOR an account",
      (secret) => `SET PASSWORD FOR 'app'@'%' = '${secret}';`,
      password,
    ],
    [
      "MySQL's SET PASSWORD = PASSWORD(…)",
      (secret) => `SET PASSWORD FOR root@localhost = PASSWORD("${secret}");`,
      password,
    ],
    [
      "MySQL's GRANT … IDENTIFIED BY",
      (secret) => `GRANT ALL ON shop.* TO 'shop'@'localhost' IDENTIFIED BY '${secret}';`,
      password,
    ],
    // A token with its issuer's dotted prefix (Vault's `s.`/`hvs.`, Dropbox's `sl.`): not a member read.
    ["a token with a dotted prefix", (secret) => `token: ${secret}`, (seed) => `s.${alnum(23, seed)}9`],
    [
      "a config directive: password, space, quoted value, `;`",
      (secret) => `  password "${secret}";`,
      password,
    ],
    [
      "a directive in a block after `;` (BIND's key)",
      (secret) => `key "rndc-key" { algorithm hmac-sha256; secret "${secret}"; };`,
      (seed) => `${alnum(30, seed)}==`,
    ],
    ["a config line's camel-cased value ending in !", (secret) => `password: ${secret}`, () => "TopSecret!"],
    [
      "an env line's value ending in !!",
      (secret) => `  DB_PASSWORD=${secret}\nDB_HOST=db`,
      () => "Summer2024!!",
    ],
    [
      "a directive's plain word password, ending the line",
      (secret) => `password "${secret}"`,
      () => "sunshine",
    ],
    [
      "a token with a longer dotted prefix",
      (secret) => `VAULT_TOKEN=${secret}`,
      (seed) => `hvs.Q${alnum(23, seed)}7`,
    ],
    // Its last part in one case and digits: no case turns, the digits strewn through it say draw.
    [
      "a token with a dotted prefix, small letters and digits",
      (secret) => `var vendorToken string = "${secret}"`,
      (seed) => `qz.pt.${fakeChars(40, "abcdefghijklmnopqrstuvwxyz0123456789", seed)}7a1b2c`,
    ],
  ];
  it.each(cases.map(([name, line, value], index) => [name, line, value(index + 1)] as const))(
    "finds the credential, and only it: %s",
    (_name, line, secret) => {
      expect(reportedSecretValues(line(secret))).toEqual([secret]);
    },
  );
});

it("reads a 16-digit hex token whose measured entropy is under 3 (hex has 16 symbols)", () => {
  const seeds = Array.from({ length: 400 }, (_, seed) => hex(16, seed + 1));
  const secret = seeds.find((value) => {
    const entropy = shannonEntropy(value);
    return entropy >= 2.5 && entropy < 3 && /\d/.test(value) && /[a-f]/.test(value);
  });
  expect(secret).toBeDefined();
  expect(reportedSecretValues(`-H "Token: ${secret}"`)).toEqual([secret]);
});

describe("near-misses of the same shapes", () => {
  const benign = [
    "the upward trend continued",
    // A quoted word after the name that does not end the statement, or a name not first in it: prose.
    'Password "hunter2" was rejected',
    'Enter the password "sunshine";',
    'password "must be at least 8 characters";',
    'password "changeme";',
    'secret "db-creds";',
    // An exclamation after a word of a description, or a `!` that does not end the line.
    "password: required!",
    "password: TopSecret! is what they chose",
    "propertiesPass = this.options.isEqual?.(received, properties) ?? false;",
    'const firstPass = "a1b2c3d4e5";',
    "userPw = this.form?.get(field);",
    "pwm_output = 0x1f",
    "pw reset link sent",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "pw: ${SMTP_PW}",
    'if ("" == password) {',
    'if ("password" == field.name) {',
    "if (token == expected) {",
    'it\'s a "test" == password',
    'if ("changeme" == password) {',
    'dataSource.setPassword(System.getenv("DB_PASSWORD"));',
    'user.setPassword("");',
    'String hashed = hash_password("correct-horse");',
    'String p = getPassword("report");',
    'secrets.get_secret("prod/db/password")',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    'ds.setPassword("${db.password}");',
    "x = items[password]",
    "setenv DB_PASSWORD $PGPASSWORD",
    "curl -U proxyuser -x proxy:3128 https://example.org",
    "grep -U pattern:x file",
    'Authorization: Digest username="app", realm="api", nonce="7f3a"',
    "Authorization: NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==",
    "Authorization: required for admins",
    "GRANT SELECT ON shop.* TO reader;",
    "We grant access to users identified by their email.",
    "GRANT ALL ON shop.* TO 'shop'@'localhost' IDENTIFIED BY PASSWORD '*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29';",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "SET PASSWORD FOR 'app'@'%' = '${DB_PASSWORD}';",
    '$pw = Read-Host "Password" -AsSecureString',
    'password = process.env.DB_PASSWORD || "";',
    'password = process.env.DB_PASSWORD || "changeme";',
    "password = process.env.DB_PASSWORD || defaultPassword;",
    "password = stored or 'default'",
    // Member reads whose last part is a name, digits and all.
    "password = config.getDb2ConnectionString2",
    "token = config.oauth2.v1beta3accesstoken",
    "secret = settings.sha256.hmac512secretkey",
    "api_token = window.webkitRTCPeerConnection2",
    'password = settings.get("Xk92jLmqZ7pQ3rT7")',
    // A digest of a secret, and Jasypt's ciphertext: not the secret.
    `secret_sha256: "${hex(64, 3)}"`,
    `token_md5 = "${hex(32, 4)}"`,
    `api_key_fingerprint: "${hex(40, 5)}"`,
    `password: ENC(${alnum(24, 6)}==)`,
    `token = "sha256:${hex(64, 7)}"`,
    "image_token: md5=5c94767cedb5d6987c902ac850ded2c6",
    // Hex too regular to be drawn at random, under the hex threshold.
    'token: "deadbeefdeadbeef"',
    'api_key = "1111aaaa2222bbbb"',
    // base64 under an auth name that is not user:password, or under a name that only holds `auth`.
    `auth: "${Buffer.from("no colon here").toString("base64")}"`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    `"auth": "${Buffer.from("deploy:${DEPLOY_PASSWORD}").toString("base64")}"`,
    `oauth: "${Buffer.from("deploy:Qw3rty!234").toString("base64")}"`,
    `author: "${Buffer.from("deploy:Qw3rty!234").toString("base64")}"`,
    `auth_type: "${Buffer.from("deploy:Qw3rty!234").toString("base64")}"`,
    // Tokens that build and deploy tools replace.
    "password=@db.password@",
    'password: "@DB_PASSWORD@"',
    "token = @@API_TOKEN@@",
    "password = __DbPassword__",
    'password: "[[DB_PASSWORD]]"',
    'password: "{$db_password}"',
    "password: ((db_password))",
    'client_secret: "((oauth-client-secret))"',
  ];
  it.each(benign)("reports nothing in %j", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});
