import { describe, expect, it } from "vitest";
import { alnum } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// A label of two words whose second is `key` (generic-secret.ts, twoWordKeyValue): read as the name
// written with `_` when the two make a secret's name on their own.
const token = (seed: number) => `${alnum(6, seed)}${alnum(8, seed + 20)}4`;

describe("a two-word label ending in key", () => {
  it.each([
    ["SECRET KEY:", (secret: string) => `SECRET KEY:${secret}`],
    ["Secret Key: ", (secret: string) => `Secret Key: ${secret}`],
    ["Authentication key:", (secret: string) => `Authentication key:${secret}`],
    ["API Key = ", (secret: string) => `API Key = ${secret}`],
    [
      "Encryption key: in a sentence",
      (secret: string) => `The encryption key: ${secret} (rotate it monthly)`,
    ],
  ])("reports the value: %s", (_name, form) => {
    const secret = token(3);
    expect(reportedSecretValues(form(secret))).toEqual([secret]);
  });
  it.each([
    `the key: ${token(5)}`,
    `Sort key: ${token(6)}`,
    `Primary Key = ${token(7)}`,
    `Public key: ${token(8)}`,
    "Private key: /home/me/.ssh/id_rsa",
    "The secret key is required",
  ])("is not: %j", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});
