import { passwordFinding } from "./password-finding.js";
import type { SecretParser } from "./secret-parsers.js";

/**
 * A `user:password` literal that code turns into HTTP Basic credentials (RFC 7617: the two joined
 * by a colon, then base64): given to a base64 encoder, `btoa("api:…")` (JavaScript),
 * `base64.b64encode(b"api:…")` (Python), `Convert.ToBase64String(Encoding.ASCII.GetBytes("api:…"))`
 * (.NET), `Base64.getEncoder().encodeToString("api:…".getBytes())` (Java), `Buffer.from("api:…")
 * .toString("base64")` (Node); libcurl's `CURLOPT_USERPWD`, which takes it as it is, is read in
 * libcurl-options.ts. Only the password is the finding; a template (`btoa(\`${user}:${pass}\`)`) is a
 * reference, not one.
 */
/** The pair as a quoted literal: its quote is group `quote`, the user and the password the next two. */
const pair = (quote: number) => `(["'\`])([^\\s:"'\`]{1,64}):([^\\s"'\`]{1,100})\\${quote}`;
const FORMS: ((literal: string) => string)[] = [
  (literal) => `btoa\\(\\s*${literal}\\s*\\)`,
  (literal) => `b64encode\\(\\s*b?${literal}`,
  (literal) => `ToBase64String\\(\\s*Encoding\\.\\w{2,8}\\.GetBytes\\(\\s*${literal}\\s*\\)`,
  (literal) => `encodeToString\\(\\s*${literal}\\s*\\.getBytes\\(`,
  (literal) => `Buffer\\.from\\(\\s*${literal}\\s*\\)\\s*\\.toString\\(\\s*["']base64["']`,
];
// Each form's pair has three groups: the forms' quotes are groups 1, 4, 7, ….
const ENCODED = new RegExp(FORMS.map((form, index) => `(?:${form(pair(1 + 3 * index))})`).join("|"), "iyd");

export const basicCredentialLiteralParser: SecretParser = {
  id: "http-auth",
  keywords: ["btoa(", "b64encode(", "tobase64string(", "encodetostring(", "buffer.from("],
  source:
    "RFC 7617 user-pass (user:password, base64): btoa, base64.b64encode, Convert.ToBase64String(Encoding….GetBytes), Base64 encodeToString, Buffer.from(…).toString('base64')",
  parse(text, index) {
    if (index > 0 && /\w/.test(text[index - 1] ?? "")) return undefined;
    ENCODED.lastIndex = index;
    const indices = ENCODED.exec(text)?.indices;
    if (indices === undefined) return undefined;
    for (let group = 3; group < indices.length; group += 3) {
      const span = indices[group];
      const user = indices[group - 1];
      if (span === undefined || user === undefined) continue;
      // A template literal's fields (`${decodeURIComponent(username)}:${…}`): filled in by code.
      if (text.slice(user[0], span[1]).includes("${")) return undefined;
      return passwordFinding(text.slice(span[0], span[1]), span[0], true);
    }
    return undefined;
  },
};
