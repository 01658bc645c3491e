import { describe, expect, it } from "vitest";
import { alnum, hex } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// A value under a name that says it is made up (test code's `fakeToken`, `dummy_password`,
// `nonMatchingToken`) is a stand-in, whatever it looks like; the same value under the plain name is
// still a secret. Values are drawn at test time.
const token = (seed: number) => `${hex(12, seed)}${alnum(12, seed + 100)}1`;

describe("names that say the value is a stand-in", () => {
  const standIns = [
    (value: string) => `nonMatchingToken := "${value}"`,
    (value: string) => `const fakeToken = "${value}";`,
    (value: string) => `FAKE_API_KEY=${value}`,
    (value: string) => `dummy_password: "${value}"`,
    (value: string) => `myMockSecret = '${value}'`,
    (value: string) => `const invalidSecret = "${value}";`,
    (value: string) => `bogus_password: "${value}"`,
  ];
  it.each(standIns.map((line, seed) => [line(token(seed)), token(seed)]))("%s: nothing", (line) => {
    expect(reportedSecretValues(line)).toEqual([]);
  });

  const secrets = [
    (value: string) => `matchingToken := "${value}"`,
    (value: string) => `const hammockToken = "${value}";`,
    (value: string) => `invalidateToken = "${value}"`,
    (value: string) => `mockingbird_api_key: "${value}"`,
    (value: string) => `API_KEY=${value}`,
  ];
  it.each(secrets.map((line, seed) => [line(token(seed + 20)), token(seed + 20)]))(
    "%s: the value",
    (line, value) => {
      expect(reportedSecretValues(line)).toEqual([value]);
    },
  );
});
