import { describe, expect, it } from "vitest";
import { alnum } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// A user:password literal that code turns into HTTP Basic credentials (basic-credential-literal.ts).
const password = (seed: number) => `${alnum(6, seed)}!${alnum(3, seed + 30)}5`;

describe("a user:password literal encoded for Basic authentication", () => {
  const forms: [string, (secret: string) => string][] = [
    ["JavaScript btoa", (secret) => `headers.Authorization = "Basic " + btoa("api:${secret}");`],
    ["Python b64encode of bytes", (secret) => `token = base64.b64encode(b"api:${secret}").decode()`],
    ["Python b64encode of an encoded str", (secret) => `base64.b64encode('api:${secret}'.encode())`],
    [
      ".NET ToBase64String(Encoding.GetBytes)",
      (secret) => `Convert.ToBase64String(Encoding.UTF8.GetBytes("api:${secret}"))`,
    ],
    ["Java encodeToString", (secret) => `Base64.getEncoder().encodeToString("api:${secret}".getBytes())`],
    ["Node Buffer.from … base64", (secret) => `Buffer.from('api:${secret}').toString('base64')`],
  ];
  it.each(forms.map(([name, form], index) => [name, form, password(index + 1)] as const))(
    "is reported, and only it: %s",
    (_name, form, secret) => {
      expect(reportedSecretValues(form(secret))).toEqual([secret]);
    },
  );
  it.each([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal, on purpose
    "btoa(`${user}:${pass}`)",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal, on purpose
    "Buffer.from(`${decodeURIComponent(username)}:${decodeURIComponent(password)}`).toString('base64')",
    'btoa("id:123")',
    "base64.b64encode(b'key:value')",
    "base64.b64encode(b'user:password')",
    'Buffer.from("api:Kx7!mQ2vR9")',
    'Encoding.UTF8.GetBytes("urn:widget")',
    'btoa("https://example.org/a")',
  ])("is not: %j", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});
