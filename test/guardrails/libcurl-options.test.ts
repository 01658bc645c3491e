import { describe, expect, it } from "vitest";
import { alnum, urlSafe } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// A credential given to libcurl as a literal option value (libcurl-options.ts).
const password = (seed: number) => `${alnum(7, seed)}!${alnum(4, seed + 40)}3`;

describe("a credential given to libcurl as an option's literal", () => {
  const forms: [string, (secret: string) => string][] = [
    ["C CURLOPT_PASSWORD", (secret) => `curl_easy_setopt(curl, CURLOPT_PASSWORD, "${secret}");`],
    ["C CURLOPT_PROXYPASSWORD", (secret) => `curl_easy_setopt(h, CURLOPT_PROXYPASSWORD, "${secret}");`],
    ["C CURLOPT_KEYPASSWD", (secret) => `curl_easy_setopt(curl, CURLOPT_KEYPASSWD, "${secret}");`],
    [
      "C CURLOPT_SSLKEYPASSWD (old name)",
      (secret) => `curl_easy_setopt(curl, CURLOPT_SSLKEYPASSWD, "${secret}");`,
    ],
    [
      "C CURLOPT_TLSAUTH_PASSWORD",
      (secret) => `curl_easy_setopt(curl, CURLOPT_TLSAUTH_PASSWORD, "${secret}");`,
    ],
    ["C CURLOPT_USERPWD", (secret) => `curl_easy_setopt(curl, CURLOPT_USERPWD, "deploy:${secret}");`],
    ["C CURLOPT_PROXYUSERPWD", (secret) => `curl_easy_setopt(curl, CURLOPT_PROXYUSERPWD, "user:${secret}");`],
    ["PHP CURLOPT_USERPWD", (secret) => `curl_setopt($ch, CURLOPT_USERPWD, "api:${secret}");`],
    ["PHP single-quoted", (secret) => `curl_setopt($ch, CURLOPT_PASSWORD, '${secret}');`],
    ["pycurl USERPWD", (secret) => `c.setopt(pycurl.USERPWD, "svc:${secret}")`],
    ["pycurl PASSWORD on the handle", (secret) => `c.setopt(c.PASSWORD, '${secret}')`],
  ];
  it.each(forms.map(([name, form], index) => [name, form, password(index + 1)] as const))(
    "is reported, and only it: %s",
    (_name, form, secret) => {
      expect(reportedSecretValues(form(secret))).toEqual([secret]);
    },
  );
  it("reports CURLOPT_XOAUTH2_BEARER's access token", () => {
    const token = urlSafe(48, 7);
    expect(reportedSecretValues(`curl_easy_setopt(curl, CURLOPT_XOAUTH2_BEARER, "${token}");`)).toEqual([
      token,
    ]);
  });
  it.each([
    'curl_setopt($ch, CURLOPT_USERPWD, $user . ":" . $pass);',
    "curl_easy_setopt(curl, CURLOPT_PASSWORD, password);",
    'curl_easy_setopt(curl, CURLOPT_USERPWD, "%s:%s");',
    'curl_easy_setopt(curl, CURLOPT_PASSWORD, "");',
    'curl_easy_setopt(curl, CURLOPT_USERNAME, "deploy");',
    'curl_easy_setopt(curl, CURLOPT_PASSWORD, "your_password");',
    'curl_easy_setopt(curl, CURLOPT_XOAUTH2_BEARER, "token");',
  ])("is not: %j", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});
