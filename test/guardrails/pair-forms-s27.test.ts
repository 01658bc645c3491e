import { describe, expect, it } from "vitest";
import { alnum, base64, fakeChars } from "./fake-values.js";
import { itFindsEachPassword } from "./finds-each-password.js";
import { reportedSecrets } from "./reported-secrets.js";

// Session 27: credentials that are no vendor's token, in forms the readings missed: a host's login in
// parentheses, the account a password is for before its `:`, an environment name ending in `PASS` run
// together with the word before it, a connection string written a literal per setting, and an
// environment variable's YAML line. Values are drawn at test time (three kinds of character).
const password = (seed: number) => `${alnum(6, seed)}Q!${fakeChars(2, "0123456789", seed)}v`;

describe("a password given with its host or its account", () => {
  const cases: [string, (secret: string) => string][] = [
    ["IPv4 (user/password)", (secret) => `10.0.0.5 (admin/${secret})`],
    ["IPv4(user/password), no space", (secret) => `98.76.54.32(master/${secret})`],
    ["IPv4:port (user:password)", (secret) => `192.168.1.20:2222 (pi:${secret})`],
    ["host name (user/password)", (secret) => `db01.example.com (root/${secret})`],
    ["two logins in the parentheses", (secret) => `10.0.0.7 (ops/${secret}, ops/${secret}x)`],
    ["password for user:", (secret) => `password for master:${secret}`],
    ["the password for user admin:", (secret) => `The password for user admin: ${secret}`],
    ["password for account =, quoted", (secret) => `password for root = "${secret}"`],
  ];
  it.each(cases)("finds it: %s", (_name, line) => {
    const secret = password(3);
    const text = line(secret);
    const start = text.indexOf(secret);
    expect(reportedSecrets(text).map((finding) => [finding.start, finding.end])[0]).toEqual([
      start,
      start + secret.length,
    ]);
  });
});

describe("an environment name ending in PASS run together, a drawn value", () => {
  const drawn = (seed: number) => `${alnum(14, seed)}7Qx${fakeChars(3, "0123456789", seed)}`;
  itFindsEachPassword(
    [
      ["MYSQLPASS: value", (secret) => `MYSQLPASS: ${secret}`],
      ["SMTPPASS=value", (secret) => `SMTPPASS=${secret}`],
    ],
    drawn,
  );
});

describe("a connection string written a literal per setting", () => {
  itFindsEachPassword(
    [
      [
        "adjacent literals on one line",
        () =>
          `conn_str = ("DRIVER={PostgreSQL Unicode};" "DATABASE=postgres;" "UID=postgres;" "PWD=whatever;")`,
      ],
      [
        "adjacent literals on lines of their own",
        () => `conn_str = (\n    "DRIVER={PostgreSQL Unicode};"\n    "UID=postgres;"\n    "PWD=whatever;"\n)`,
      ],
    ],
    () => "whatever",
  );
});

describe("an environment variable's YAML line with a capitalised camel-cased value", () => {
  itFindsEachPassword([["DB_PASSWORD: Value", () => "  DB_PASSWORD: SuperSecret"]], () => "SuperSecret");
});

describe("near-misses: hosts, accounts and names with no password", () => {
  const benign = [
    "10.0.0.0 (255.255.255.0/24)",
    "192.168.0.1 (router/modem)",
    "10.0.0.5 (read/write)",
    "10.0.0.1 (TCP/UDP)",
    "node1.example.com (master/worker)",
    "10.0.0.5 (Ubuntu 22.04/x86_64)",
    "x = math.floor(total/Count2)",
    "see config.yaml (src/Config1)",
    "Reset password for user: john",
    "Changed password for user: john.doe",
    "password for user_1: reset",
    "[sudo] password for jdoe:",
    "Enter password for https://example.com: ",
    "Failed password for invalid user admin from 10.0.0.1 port 22 ssh2",
    "BYPASS=north1",
    "COMPASS: Heading270x",
    "DB_PASSWORD: SecretStr",
    'cs = "Server=srv;Database=db;" "Trusted_Connection=yes;"',
    'msg = "Error;" "password=required"',
  ];
  it.each(benign)("reports nothing: %s", (text) => {
    expect(reportedSecrets(text)).toEqual([]);
  });
});

describe("an API's page token and a numbered name are no secret", () => {
  const cursor = `${base64(40, 7)}8Qz`;
  const paged = [
    `next_page_token: ${cursor}`,
    `pageToken: "${cursor}"`,
    `"NextToken": "${cursor}"`,
    `"NextContinuationToken": "${cursor}",`,
    `"nextPageToken": "${cursor}"`,
    `syncToken: ${cursor}`,
    `"secret": "keyvault-secret-name-01"`,
    `client_secret: "billing-webhook-signing-02"`,
  ];
  it.each(paged)("reports nothing: %s", (text) => {
    expect(reportedSecrets(text)).toEqual([]);
  });
  it("still reports the same value under a credential's name", () => {
    const text = `api_token: ${cursor}`;
    expect(reportedSecrets(text).map((finding) => text.slice(finding.start, finding.end))).toEqual([cursor]);
  });
});
