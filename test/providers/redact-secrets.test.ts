import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../src/providers/parse-retry-after.js";
import { redactSecrets } from "../../src/providers/redact-secrets.js";

describe("redactSecrets", () => {
  it("removes every occurrence of a known secret", () => {
    const key = "custom-secret-value-123";
    expect(redactSecrets(`a ${key} b ${key}`, [key])).toBe("a [REDACTED] b [REDACTED]");
  });

  it("removes vendor-shaped keys and bearer tokens, including masked echoes", () => {
    const text =
      "keys sk-proj-AbC123xyz789, gsk_abcdefgh12345678, sk-abc***************wxyz, AIzaSyA1234567890abcdefghijkl; Authorization: Bearer abc.def.ghi";
    const redacted = redactSecrets(text);
    expect(redacted).not.toMatch(/sk-proj|gsk_abc|sk-abc|AIzaSy|abc\.def/);
    expect(redacted).toContain("Bearer [REDACTED]");
  });

  it("leaves ordinary text and short dummy keys alone", () => {
    expect(redactSecrets("risk-assessment of a task-runner, key x", ["x"])).toBe(
      "risk-assessment of a task-runner, key x",
    );
  });
});

describe("parseRetryAfter", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("reads seconds, milliseconds and HTTP dates", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter(headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(parseRetryAfter(headers({ "retry-after": "0.5" }), now)).toBe(500);
    expect(parseRetryAfter(headers({ "retry-after-ms": "250", "retry-after": "3" }), now)).toBe(250);
    expect(parseRetryAfter(headers({ "retry-after": "Wed, 01 Jan 2025 00:00:10 GMT" }), now)).toBe(10_000);
  });

  it("ignores absent, negative and unparsable values; past dates mean now", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter(headers({}))).toBeUndefined();
    expect(parseRetryAfter(headers({ "retry-after": "-1" }))).toBeUndefined();
    expect(parseRetryAfter(headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(parseRetryAfter(headers({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }), now)).toBe(0);
  });
});
