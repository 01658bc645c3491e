import { describe, expect, it } from "vitest";
import { alnum, fakeChars } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// Password forms of CredSweeper's test samples (its half a, session 25): other spellings of the
// password's name, a label naming user and password before the pair, and RPM's and Tcl's definitions.
// Values are drawn at test time.
const password = (seed: number) => `${alnum(8, seed)}${fakeChars(2, "0123456789", seed)}`;

describe("password names with a letter or two dropped", () => {
  for (const name of ["PSWRD", "PSWORD", "PSSWRD", "PSSWORD", "PASWD", "PASWRD", "PASWORD", "db_paswd"]) {
    it(`reads ${name}:= and ${name}= as a password's name`, () => {
      const secret = password(name.length);
      expect(reportedSecretValues(`${name}:=${secret}`)).toEqual([secret]);
      expect(reportedSecretValues(`${name} = "${secret}"`)).toEqual([secret]);
    });
  }

  it("still leaves words that only start like one", () => {
    expect(reportedSecretValues("pasword_hint = the usual one")).toEqual([]);
    expect(reportedSecretValues("pswrd_length=12")).toEqual([]);
  });
});

describe("a label naming user and password before the pair", () => {
  const cases: [string, (secret: string) => string][] = [
    ["id/pw, space", (secret) => `id/pw master/${secret}`],
    ["ID PW, spaces", (secret) => `ID PW master ${secret}`],
    ["id pw, double slash", (secret) => `id pw master // ${secret}`],
    ["User/Password", (secret) => `User/Password master/${secret}`],
    ["ID/PW arrow", (secret) => `ID/PW->master/${secret}`],
    ["username/passwd colon", (secret) => `router username/passwd: admin ${secret}`],
  ];
  for (const [label, line] of cases)
    it(label, () => {
      const secret = `${password(label.length)}@Q`;
      expect(reportedSecretValues(line(secret))).toEqual([secret]);
    });

  it("leaves prose that names the two without giving them", () => {
    for (const text of [
      "user password reset flow",
      "the username/password combination for admin",
      "Enter your user id and password below",
      "user/pass authentication fails with 401",
      "ID/PW are printed on the label of the router",
    ])
      expect(reportedSecretValues(text)).toEqual([]);
  });
});

describe("definitions without an operator", () => {
  it("reads RPM spec files' %define and %global", () => {
    const secret = password(3);
    expect(reportedSecretValues(`%define PASSWORD "${secret}"`)).toEqual([secret]);
    expect(reportedSecretValues(`%global db_password ${secret}`)).toEqual([secret]);
  });

  it('reads a bare `set name "value"` only when the value is quoted', () => {
    const secret = password(4);
    expect(reportedSecretValues(`SET password "${secret}"`)).toEqual([secret]);
    expect(reportedSecretValues("set password reset now")).toEqual([]);
    expect(reportedSecretValues('set password "$PASS"')).toEqual([]);
  });
});
