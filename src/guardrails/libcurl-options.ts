import { scoreSecretValue } from "./generic-secret.js";
import { passwordFinding } from "./password-finding.js";
import type { ParsedSecret, SecretParser } from "./secret-parsers.js";

/**
 * A credential given to libcurl as a literal option value (curl_easy_setopt(3) and its options'
 * pages): `CURLOPT_PASSWORD`, `CURLOPT_PROXYPASSWORD`, the private key's `CURLOPT_KEYPASSWD` and
 * `CURLOPT_PROXY_KEYPASSWD` (`CURLOPT_SSLKEYPASSWD`/`CURLOPT_SSLCERTPASSWD`, their old names), TLS-SRP's
 * `CURLOPT_TLSAUTH_PASSWORD`/`CURLOPT_PROXY_TLSAUTH_PASSWORD` take a password; `CURLOPT_USERPWD` and
 * `CURLOPT_PROXYUSERPWD` take `[user name]:[password]`, split at the first colon; and
 * `CURLOPT_XOAUTH2_BEARER` an OAuth 2.0 access token. C and PHP name the option `CURLOPT_…`
 * (`curl_easy_setopt(curl, CURLOPT_PASSWORD, "…")`, `curl_setopt($ch, CURLOPT_USERPWD, '…')`);
 * pycurl drops the prefix (`c.setopt(pycurl.USERPWD, "…")`, `c.setopt(c.PASSWORD, "…")`). Only a
 * quoted literal is a value: a variable passed is not one.
 */
const OPTIONS =
  "PROXY_TLSAUTH_PASSWORD|TLSAUTH_PASSWORD|PROXY_KEYPASSWD|KEYPASSWD|SSLKEYPASSWD|SSLCERTPASSWD|PROXYPASSWORD|PASSWORD|PROXYUSERPWD|USERPWD|XOAUTH2_BEARER";
// The option, then `,` and a string literal (C's `L"…"`/`u8"…"` prefixes, Python's `b'…'`), escapes kept.
const OPTION_VALUE = new RegExp(
  `(?:CURLOPT_|setopt\\(\\s*[\\w$]{1,20}\\.)(${OPTIONS})\\s*,\\s*(?:L|u8|b)?(["'])((?:(?!\\2)[^\\\\\\n]|\\\\.){1,300})\\2`,
  "diy",
);

export const libcurlOptionParser: SecretParser = {
  id: "libcurl-option",
  keywords: ["curlopt_", "setopt("],
  source:
    "libcurl curl_easy_setopt(3): CURLOPT_PASSWORD, CURLOPT_PROXYPASSWORD, CURLOPT_KEYPASSWD, CURLOPT_TLSAUTH_PASSWORD, CURLOPT_USERPWD/CURLOPT_PROXYUSERPWD ([user]:[password]), CURLOPT_XOAUTH2_BEARER; PHP curl_setopt, pycurl setopt",
  parse(text, index) {
    // `CURLOPT_…` as a whole name; `setopt(` a method's (`curl_easy_setopt(`, `c.setopt(`).
    if (text[index] !== "s" && text[index] !== "S" && index > 0 && /\w/.test(text[index - 1] ?? ""))
      return undefined;
    OPTION_VALUE.lastIndex = index;
    const match = OPTION_VALUE.exec(text);
    const span = match?.indices?.[3];
    const option = match?.[1]?.toUpperCase();
    if (match === null || span === undefined || option === undefined) return undefined;
    let start = span[0];
    let value = text.slice(start, span[1]);
    if (option.endsWith("USERPWD")) {
      const colon = value.indexOf(":");
      if (colon === -1) return undefined;
      // A format string's or a template's user (`"%s:%s"`, `"${user}:${pass}"`) fills in both halves.
      if (value.includes("${")) return undefined;
      start += colon + 1;
      value = value.slice(colon + 1);
    }
    if (option === "XOAUTH2_BEARER") return bearerFinding(value, start);
    return passwordFinding(value, start, true);
  },
};

function bearerFinding(value: string, start: number): ParsedSecret | undefined {
  const score = scoreSecretValue(value, false, true);
  if (score === 0) return undefined;
  return { type: "bearer_token", start, end: start + value.length, score };
}
