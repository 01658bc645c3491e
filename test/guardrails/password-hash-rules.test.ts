import { describe } from "vitest";
import { fakeChars } from "./fake-values.js";
import { checkPortedRules, type PortedRuleCase } from "./ported-rule-cases.js";

// Password hashes in crypt(3) formats (src/guardrails/password-hash-rules.ts). Values are drawn at
// test time and checked by ported-rule-cases.ts.
const crypt = (length: number, seed: number) =>
  fakeChars(length, "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", seed);

describe("password hashes in crypt(3) formats", () => {
  const cases: PortedRuleCase[] = [
    [
      "crypt.md5",
      `$apr1$${crypt(8, 1)}$${crypt(22, 2)}`,
      (s) => `admin:${s}`,
      "AuthType Basic uses $apr1$ hashes",
    ],
    [
      "crypt.sha",
      `$6$${crypt(16, 3)}$${crypt(86, 4)}`,
      (s) => `root:${s}:19000:0:99999:7:::`,
      `root:$6$${crypt(16, 3)}$${crypt(40, 4)}:19000`,
    ],
    [
      "crypt.bcrypt",
      `$2b$12$${crypt(53, 5)}`,
      (s) => `"password_hash": "${s}"`,
      "the bcrypt format is $2b$12$ followed by the salt",
    ],
  ];

  checkPortedRules(cases);
});
