import { describe, expect, it } from "vitest";
import { alnum, fakeChars } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// Session 28: a name ending in the word `auth` holds a credential or says how to authenticate. A
// value drawn at random (three kinds of character, drawn at test time) counts; a mechanism's name,
// a flag, a code expression, a `user:password` pair (the pair readers span its password) do not.
const drawn = (seed: number) => `${alnum(12, seed)}7Qx${fakeChars(3, "0123456789", seed)}`;

describe("a name ending in the word auth, a drawn value", () => {
  it.each([
    ["REDIS_AUTH=value", (value: string) => `REDIS_AUTH=${value}`],
    ['proxy_auth: "value"', (value: string) => `proxy_auth: "${value}"`],
    ["smtpAuth = 'value'", (value: string) => `smtpAuth = '${value}'`],
    ["X-Auth: value", (value: string) => `X-Auth: ${value}`],
  ])("finds it: %s", (_name, line) => {
    const value = drawn(5);
    expect(reportedSecretValues(line(value))).toEqual([value]);
  });

  it.each([
    "MONGO_AUTH=SCRAM-SHA-256",
    "smtp_auth: true",
    "ldap_auth = kerberos",
    "exports2.SOCKS5_NO_ACCEPTABLE_AUTH = exports2.SOCKS5_CUSTOM_AUTH_END",
    `author = "${drawn(6)}"`,
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });

  it("spans a basic_auth pair's password alone, as before", () => {
    const value = drawn(7);
    expect(reportedSecretValues(`basic_auth = "alice:${value}"`)).toEqual([value]);
  });
});
