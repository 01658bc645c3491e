import { describe, expect, it } from "vitest";
import { alnum, hex } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// A secret's name, a space and its value, no operator (`todoist SECRET 5179f7…`, `podioToken abcd…`):
// read only when the value is shaped as a token. Values are drawn at test time (fake, random-looking).

describe("a secret's value after its name and a space", () => {
  it.each([
    ["a vendor's name, then SECRET", (value: string) => `todoist SECRET ${value}`],
    ["a camel-cased token name", (value: string) => `podioToken ${value}`],
    ["TOKEN in capitals after a vendor", (value: string) => `eagleeyenetworks TOKEN ${value}`],
    ["in a sentence", (value: string) => `use the access token ${value} for the staging API`],
  ])("finds the token: %s", (_name, write) => {
    for (const seed of [1, 2, 3]) {
      const value = `${hex(10, seed)}${alnum(14, seed + 20)}7`;
      expect(reportedSecretValues(write(value))).toContain(value);
    }
  });

  it.each([
    "the token expired yesterday, ask for a new one",
    "secret santa gifts for 2024 are in the cupboard",
    "token 12345678901234567890 was counted twice",
    "the secret ingredient is cardamom-and-saffron",
    "signing key rotation happens every 90 days",
    "key 3f2a9c0e4b1d5f7a8c9e0b1d2f3a4c5e is a public fingerprint",
    "token abcdefghijklmnopqrstuvwx (no digit)",
    "password reset link sent to the user",
  ])("leaves prose and shapes that are no token alone: %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });

  it.each([
    ["three dots", "..."],
    ["an ellipsis", "…"],
    ["a redaction mark", "..[Redacted]"],
  ])("leaves a token shown cut short alone: %s", (_name, mark) => {
    const value = `${hex(10, 4)}${alnum(14, 24)}7`;
    expect(reportedSecretValues(`use the access token ${value} for the staging API`)).toContain(value);
    expect(reportedSecretValues(`use the access token ${value}${mark} for the staging API`)).toEqual([]);
  });
});

describe("a quoted value after a code's name and a space", () => {
  it.each([
    ["Apache's SetEnv", (value: string) => `SetEnv API_KEY "${value}"`],
    ["a name in capitals, single quotes", (value: string) => `S1_API_TOKEN '${value}'`],
    ["a camel-cased name", (value: string) => `loomApiKey "${value}"`],
    ["a quote that does not close on the line", (value: string) => `DO_SPACES_SECRET "${value}`],
  ])("finds the token: %s", (_name, write) => {
    for (const seed of [1, 2, 3]) {
      const value = `${hex(10, seed)}${alnum(14, seed + 20)}7`;
      expect(reportedSecretValues(write(value))).toContain(value);
    }
  });

  it.each([
    // After prose's word a quote is the sentence's (dialogues quote made-up tokens this way).
    `use the access token '${hex(10, 5)}${alnum(14, 25)}7' for the staging API`,
    'SetEnv API_KEY "replace me with your key"',
    'API_TOKEN "abcdefghijklmnopqrstuvwx"',
    `API_TOKEN "${hex(6, 6)}"`,
  ])("leaves prose's quotes and shapes that are no token alone: %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

describe("an upper-case name that runs KEY into the word before it", () => {
  it.each(["BING_MAPSKEY", "DDAPPKEY", "MISPKEY"])("%s=… is a key's name", (name) => {
    const value = `${alnum(20, 9)}4${hex(11, 9)}`;
    expect(reportedSecretValues(`${name}=${value}`)).toContain(value);
  });

  it.each(["PRIMARYKEY", "SORTKEY", "PARTITIONKEY", "monkey", "turkey"])("%s=… is not", (name) => {
    expect(reportedSecretValues(`${name}=${alnum(20, 9)}4${hex(11, 9)}`)).toEqual([]);
  });
});

describe("a vendor's name, a space and a capitalised KEY before the value", () => {
  it.each([
    (value: string) => `nimble KEY ${value}`,
    (value: string) => `incident.io API KEY "${value}"`,
    (value: string) => `paloalto KEY:${value}`,
    (value: string) => `Acme Key ${value}`,
  ])("finds the value in %s", (write) => {
    for (const seed of [4, 5, 6]) {
      const value = `${alnum(12, seed)}Q7${alnum(14, seed + 30)}`;
      expect(reportedSecretValues(write(value))).toEqual([value]);
    }
  });

  it.each([
    // A bare `key`, lower case, is any dictionary's; a value not drawn at random is no key.
    `nimble key ${alnum(28, 7)}`,
    "nimble KEY abcdefghijklmnopqrstuvwx",
    "the primary Key is user_id",
    "Press the Key ABCdef to continue",
    `mapping KEY ${hex(32, 8)}`,
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

// A secret's name and its value with quotes, `=` and `:` run together between them, no operator of
// their own (`access_token"akab-…`, `CENSUS_TOKEN'"91ai…`, `PRIVATE_KEY=:e96e…`, `API_KEY==QOGc…`):
// read as a spaced value is, only a token's shape counting.
describe("a secret's value after a loose run of separators", () => {
  it.each([
    ["a quote right after the name", (value: string) => `access_token"${value}`],
    ["two quotes", (value: string) => `CENSUS_TOKEN'"${value}`],
    ["a quote and a tab", (value: string) => `VENDOR_API_KEY'\t${value}`],
    ["`=:`", (value: string) => `drip_API_KEY=:${value}`],
    ["`::`", (value: string) => `PAYMENTS_CLIENT_SECRET::${value}`],
    ["`==` before an unquoted token", (value: string) => `CONTENTFUL_ACCESS_TOKEN==${value}`],
  ])("finds the token: %s", (_name, write) => {
    for (const seed of [1, 2, 3]) {
      const value = `${hex(10, seed)}${alnum(14, seed + 20)}7`;
      expect(reportedSecretValues(write(value))).toContain(value);
    }
  });

  it.each([
    `access_token"abcdefghijklmnopqrstuvwx`,
    `access_token"${hex(6, 7)}`,
    `if (api_key == expectedApiKeyFromConfig) return`,
    `password=:${alnum(5, 8)}`,
    `token'"'"' is quoted in a shell`,
  ])("leaves shapes that are no token alone: %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

describe('a lower-case "api key" before the value', () => {
  it.each([
    ["after a vendor's name", (value: string) => `bluejeans api key ${value}`],
    ["in capitals after a vendor's name", (value: string) => `bluejeans API key ${value}`],
  ])("finds the key: %s", (_name, write) => {
    for (const seed of [4, 5, 6]) {
      const value = `${hex(10, seed)}${alnum(14, seed + 20)}7`;
      expect(reportedSecretValues(write(value))).toContain(value);
    }
  });

  it("leaves a bare lower-case key alone", () => {
    expect(reportedSecretValues(`the lookup key ${alnum(12, 30)}Q7x is in the map`)).toEqual([]);
  });
});

// A config directive's password: the password's name first on its line, a space, one value ending the
// line (redis.conf's `requirepass`, slapd's and kickstart's `rootpw`, nslcd's `bindpw`, `password …`).
describe("a password directive: name, space, value, end of line", () => {
  const value = () => `${alnum(7, 61)}${hex(3, 62)}7`;
  it.each([
    ["redis.conf's requirepass", (pw: string) => `requirepass ${pw}`],
    ["slapd.conf's rootpw, indented", (pw: string) => `  rootpw ${pw}\n`],
    [
      "nslcd.conf's bindpw among other lines",
      (pw: string) => `binddn cn=proxy,dc=example\nbindpw ${pw}\nbase dc=example`,
    ],
    ["a bare password line", (pw: string) => `password ${pw}`],
  ])("finds %s", (_name, write) => {
    const pw = value();
    expect(reportedSecretValues(write(pw))).toContain(pw);
  });
  it.each([
    "requirepass foobared",
    "password required",
    "password changeme",
    `the password ${alnum(9, 63)}7 was rotated`,
    `password ${alnum(9, 64)}7 is weak`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template reference, on purpose
    "password ${DB_PASSWORD}",
    "password <your-password>",
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});

// A token after its name and a copula ("my access token is …"), a lower-case key after "secret",
// "access" or "private", and a password after "was" (session 24): token shapes only for the first two.
describe("a token after its name's copula, and qualified lower-case keys", () => {
  // A vendor's key is read only when drawn at random (three classes, entropy 3.8): 30 characters.
  const token = (seed: number) => `Q${alnum(27, seed + 20)}7q`;
  it.each([
    ["a token after is", (value: string) => `the deploy token is ${value}`],
    ["an access token after was", (value: string) => `my access token was ${value}, now revoked`],
    ["an API key after is, sentence's end", (value: string) => `The API key is ${value}.`],
    ["a secret key after a vendor", (value: string) => `stripe secret key ${value}`],
    ["an access key", (value: string) => `aws access key ${value}`],
  ])("finds %s", (_name, write) => {
    for (const seed of [7, 8, 9]) expect(reportedSecretValues(write(token(seed)))).toContain(token(seed));
  });
  it("finds a password after was", () => {
    const value = `${alnum(8, 71)}4${hex(2, 72)}`;
    expect(reportedSecretValues(`the wifi password was ${value}`)).toContain(value);
  });
  it.each([
    "the token is expired",
    "the token is 12345678901234567890",
    "the api key is in the vault",
    "the password was changed yesterday",
    `public key ${"q8Zt3LmVx7Rk2Np9Wd4Hy6Bc"}`,
    `primary key ${"q8Zt3LmVx7Rk2Np9Wd4Hy6Bc"}`,
    `token iss ${"q8Zt3LmVx7Rk2Np9Wd4Hy6Bc"}`,
  ])("reports nothing for %s", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});
