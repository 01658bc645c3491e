import { describe, expect, it } from "vitest";
import { alnum } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// SQL statements that set a login's password (db-credentials.ts's sqlPasswordParser): SAP HANA's
// unquoted `PASSWORD <password>`, MySQL's quoted plugin name before `BY`; and the options that follow
// PASSWORD in MySQL, PostgreSQL and Redshift, which are no password (credential-pair.ts leaves them).
const password = (seed: number) => `${alnum(5, seed)}${alnum(4, seed + 60)}7`;

describe("a password set by a SQL statement", () => {
  const forms: [string, (secret: string) => string][] = [
    ["SAP HANA CREATE USER … PASSWORD, unquoted", (secret) => `CREATE USER app_reader PASSWORD ${secret};`],
    [
      "SAP HANA … NO FORCE_FIRST_PASSWORD_CHANGE",
      (secret) => `CREATE USER svc PASSWORD ${secret} NO FORCE_FIRST_PASSWORD_CHANGE;`,
    ],
    [
      "SAP HANA … PASSWORD before VALID UNTIL",
      (secret) => `CREATE USER svc PASSWORD ${secret} VALID UNTIL '2030-01-01';`,
    ],
    ["PASSWORD = unquoted", (secret) => `CREATE USER janesmith PASSWORD = ${secret} DEFAULT_ROLE = analyst;`],
    ["ALTER USER … PASSWORD, unquoted, the line's end", (secret) => `ALTER USER svc PASSWORD ${secret}`],
    [
      "CREATE ROLE … WITH LOGIN PASSWORD, unquoted",
      (secret) => `CREATE ROLE app WITH LOGIN PASSWORD ${secret};`,
    ],
    [
      "MySQL IDENTIFIED WITH a quoted plugin BY",
      (secret) => `CREATE USER 'app'@'%' IDENTIFIED WITH 'caching_sha2_password' BY '${secret}';`,
    ],
  ];
  it.each(forms.map(([name, form], index) => [name, form, password(index + 1)] as const))(
    "is reported, and only it: %s",
    (_name, form, secret) => {
      expect(reportedSecretValues(form(secret))).toEqual([secret]);
    },
  );
  it.each([
    "ALTER USER jeff PASSWORD EXPIRE;",
    "ALTER USER jeff PASSWORD HISTORY 5;",
    "ALTER USER 'jeff'@'localhost' PASSWORD REUSE INTERVAL 365 DAY;",
    "ALTER ROLE jeff PASSWORD NULL;",
    "ALTER USER analyst PASSWORD DISABLE;",
    "CREATE USER 'app'@'%' IDENTIFIED BY RANDOM PASSWORD;",
    "create user accounts with password protection",
  ])("is not: %j", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});
