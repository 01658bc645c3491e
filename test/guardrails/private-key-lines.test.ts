import { describe, expect, it } from "vitest";
import { base64 } from "./fake-values.js";
import { reportedSecrets } from "./reported-secrets.js";

// A PEM private key whose every line carries more than its base64 (secret-parsers.ts, keyInMarkedLines):
// string literals joined line by line, a comment's gutter, a log's prefix per line.
const lines = (count: number, seed: number) =>
  Array.from({ length: count }, (_, at) => base64(64, seed + at));
const types = (text: string) => reportedSecrets(text).map((finding) => finding.type);

describe("a private key whose lines carry marks around the base64", () => {
  it("reads Java string literals joined by +", () => {
    const body = lines(4, 1)
      .map((line) => `    + "${line}\\n"`)
      .join("\n");
    const text = `String pem = "-----BEGIN RSA PRIVATE KEY-----\\n"\n${body}\n    + "-----END RSA PRIVATE KEY-----";`;
    const [finding] = reportedSecrets(text);
    expect(finding?.type).toBe("private_key");
    expect(text.slice(finding?.start, finding?.end)).toMatch(
      /^-----BEGIN RSA PRIVATE KEY-----[\s\S]*-----END RSA PRIVATE KEY-----$/,
    );
  });
  it("reads a key in a comment's gutter, after an armor header and a blank line", () => {
    const body = lines(3, 10)
      .map((line) => `  *  ${line}`)
      .join("\n");
    const text = `  *  -----BEGIN PGP PRIVATE KEY BLOCK-----\n  *  Version: GnuPG v2\n  *\n${body}\n`;
    expect(types(text)).toEqual(["private_key"]);
  });
  it("reads a truncated key behind a log's timestamp on each line", () => {
    const body = lines(3, 20)
      .map((line) => `2026-01-02 10:00:01 ${line}`)
      .join("\n");
    expect(types(`2026-01-02 10:00:01 -----BEGIN PRIVATE KEY-----\n${body}`)).toEqual(["private_key"]);
  });
  it.each([
    "-----BEGIN PRIVATE KEY-----\nsome words here, then more words on the next line\nand still more",
    `// -----BEGIN PRIVATE KEY-----\n// paste the key here\n// ${base64(20, 5)} then a sentence that goes on for a long while`,
    `log: -----BEGIN PRIVATE KEY-----\nlog: ${base64(20, 6)}`,
  ])("is not: %j", (text) => {
    expect(types(text)).toEqual([]);
  });
});
