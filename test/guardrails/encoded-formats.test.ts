import { describe, expect, it } from "vitest";
import { unescapeSeparators } from "../../src/guardrails/escaped-text.js";
import { alnum, urlSafe } from "./fake-values.js";
import { reportedSecrets, reportedSecretValues } from "./reported-secrets.js";

// Secrets in three written forms (jwk-private-key.ts, encoded-json-token.ts, escaped-text.ts), with
// made-up values.
const types = (text: string) => reportedSecrets(text).map((finding) => finding.type);

describe("a JSON Web Key's private members", () => {
  const d = urlSafe(43, 3);
  const k = urlSafe(22, 4);
  const x = urlSafe(43, 5);

  it("reports an EC key's d, and an oct key's k", () => {
    expect(reportedSecretValues(JSON.stringify({ kty: "EC", crv: "P-256", x, y: x, d }))).toEqual([d]);
    expect(reportedSecretValues(`{\n  "kty": "oct",\n  "alg": "HS256",\n  "k": "${k}"\n}`)).toEqual([k]);
  });

  it("reads a key kept as a JSON string (quotes escaped)", () => {
    const text = JSON.stringify({ jwk: JSON.stringify({ kty: "OKP", crv: "Ed25519", x, d }) });
    expect(reportedSecretValues(text)).toEqual([d]);
  });

  it("reports a key again when the same text is scanned again", () => {
    // A retried request or an answer quoting its prompt: the object memo must not outlive its scan.
    const text = JSON.stringify({ kty: "EC", crv: "P-256", x, y: x, d });
    expect(reportedSecretValues(text)).toEqual([d]);
    expect(reportedSecretValues(text)).toEqual([d]);
    expect(reportedSecretValues(` ${text}`.slice(1))).toEqual([d]);
  });

  it("does not report a public key", () => {
    expect(reportedSecrets(JSON.stringify({ kty: "EC", crv: "P-256", x, y: x, use: "sig" }))).toEqual([]);
  });
});

describe("a prefix and base64 JSON", () => {
  const payload = (object: object) => Buffer.from(JSON.stringify(object)).toString("base64");
  const token = `zzsa_${payload({ email: "svc@example.invalid", secretKey: alnum(26, 6), k: urlSafe(43, 7) })}`;

  it("reports the token, prefix included", () => {
    expect(reportedSecretValues(`ZZ_SERVICE_ACCOUNT_TOKEN: ${token}`)).toEqual([token]);
  });

  it("reads a prefix with a date part and a JWT after it", () => {
    const jwt = `${payload({ alg: "RS256", typ: "JWT" })}.${payload({ iat: 1790000000, iss: "42" })}.${urlSafe(43, 8)}`;
    expect(types(`zzs_20260523_${jwt.replaceAll("=", "")}`)).toContain("prefixed_token");
  });

  it("does not report base64 that is not JSON, or a masked one", () => {
    const notJson = `zzsa_eyJ${Buffer.from(alnum(60, 9)).toString("base64")}`;
    expect(reportedSecrets(notJson).map((finding) => finding.detector)).not.toContain(
      "secrets/encoded-json-token",
    );
    expect(reportedSecrets(`zzsa_eyJhbGciOiJIUzI1NiJ9${"x".repeat(30)}`)).toEqual([]);
  });
});

describe("separators written escaped", () => {
  const value = alnum(22, 11);

  it("reads a percent-encoded query inside a URL", () => {
    const text = `url = "https://example.invalid/cb?next%3D%2Fhome%26token%3D${value}%26v%3D3"`;
    expect(reportedSecretValues(text)).toEqual([value]);
  });

  it("reads HTML character references around a value", () => {
    const text = `<pre>api_key = &quot;${value}&quot;</pre>`;
    expect(reportedSecretValues(text)).toEqual([value]);
  });

  it("maps every decoded character back to where it is written", () => {
    const decoded = unescapeSeparators("a%3Db&amp;c");
    expect(decoded?.text).toBe("a=b&c");
    expect([...(decoded?.origin ?? [])]).toEqual([0, 1, 4, 5, 10, 11]);
    expect(unescapeSeparators("100% sure, a & b")).toBeUndefined();
  });

  it("reads a text a second time only where an escape separates a name from its value", () => {
    // Escapes in prose, as any HTML page has them, are no separator: such a page is read once.
    expect(unescapeSeparators("<p>Tom &amp; Jerry said &quot;hi&quot; to 100% of them</p>")).toBeUndefined();
    expect(unescapeSeparators('<a href="/search?q=cats&amp;page=2">next</a>')?.text).toContain(
      "q=cats&page=2",
    );
    expect(unescapeSeparators("{&quot;token&quot;: 1}")?.text).toBe('{"token": 1}');
    expect(unescapeSeparators("user%3Apw%40host")?.text).toBe("user:pw@host");
    const page = `<p>Tom &amp; Jerry</p><pre>api_key = &quot;${value}&quot;</pre>`;
    expect(reportedSecretValues(page)).toEqual([value]);
  });

  it("does not take a stand-in word read through an escape", () => {
    expect(reportedSecrets('"%3BUID%3Dzz%3BPWD%3Dpassword"').filter((f) => f.type !== "password")).toEqual(
      [],
    );
    expect(reportedSecrets("next%3D%2Fhome%26page%3D2")).toEqual([]);
  });
});
