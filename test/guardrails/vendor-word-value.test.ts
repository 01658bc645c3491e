import { describe, expect, it } from "vitest";
import { vendorWordValue } from "../../src/guardrails/vendor-word-value.js";
import { alnum, hex } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// Made-up vendors' names (no modelmux rule knows them), a credential's word, a random value.
describe("a vendor's name and a credential's word before a random value", () => {
  const key = alnum(36, 1);
  const hexKey = hex(32, 2);
  const uuid = `${hex(8, 3)}-${hex(4, 4)}-4${hex(3, 5)}-a${hex(3, 6)}-${hex(12, 7)}`;
  it.each([
    `qorvex PRIVATE ${key}`,
    `zentrafyACCESS ${hexKey}`,
    `plumbix-SECRET-${uuid}`,
    `brontal_SECRET=${key}`,
    `Vantro Token: ${key}`,
    `kelpcast SECRET key ${key}`,
    `drovio-secret-${uuid}`,
    `MURLO ACCESS KEY "${key}"`,
  ])("finds the value in %s", (text) => {
    const value = text.includes(uuid) ? uuid : text.includes(hexKey) ? hexKey : key;
    expect(reportedSecretValues(text)).toEqual([value]);
    const at = text.search(/access|private|secret|token/i);
    expect(vendorWordValue(text, at)?.type).toBe("vendor_credential");
  });

  it.each([
    // Prose and code: a word in small letters after a space, camel case joined to a name.
    `the secret ${key}`,
    `getAccessToken(${key})`,
    // Tokens that are not credentials.
    `csrf-token=${key}`,
    `public-token: ${key}`,
    // No digit, too short, a stand-in.
    `qorvex PRIVATE ${"abcdefghijklmnopqrstu"}`,
    `qorvex PRIVATE ${alnum(10, 8)}`,
    `qorvex PRIVATE your_${key}`,
    // A word that says what kind of credential, not whose; a code expression; a digest.
    `api_token = ${alnum(30, 9)}`,
    `qorvex_token = window.${alnum(24, 10)}`,
    `qorvex_token: md5=${hex(32, 11)}`,
    // No name before the word.
    `ACCESS ${key}`,
  ])("leaves %s to the other readings", (text) => {
    const at = text.search(/access|private|secret|token/i);
    expect(vendorWordValue(text, at)).toBeUndefined();
  });
});
