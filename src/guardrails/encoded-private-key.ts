import type { SecretParser } from "./secret-parsers.js";

/**
 * Private keys in the two forms the PEM parser cannot see:
 * - base64 of a whole PEM block, as Kubernetes keeps one (kubeconfig's `client-key-data:`, a Secret's
 *   `tls.key:`), and CI variables and Helm values carry one: `LS0tLS1CRUdJTi` is `-----BEGIN ` encoded.
 *   The run is decoded far enough to read its label; only a `… PRIVATE KEY` one counts (not a
 *   certificate's or a public key's).
 * - PuTTY's key files (PuTTY docs, appendix C "PPK file format"): `PuTTY-User-Key-File-2:`/`-3:`,
 *   then `Private-Lines: N` and N lines of base64, the private half. Its span is those lines.
 */
const ENCODED_PEM = /LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,12000}={0,2}(?![A-Za-z0-9+/=])/y;
const PRIVATE_LABEL = /^-----BEGIN [A-Z0-9 ]{0,24}PRIVATE KEY(?: BLOCK)?-----/;
const MIN_ENCODED_KEY = 200;

export const encodedPrivateKeyParser: SecretParser = {
  id: "private-key",
  keywords: ["ls0tls1crudjti"],
  source: "RFC 7468 PEM labels, base64-encoded (Kubernetes client-key-data, tls.key)",
  parse(text, index) {
    if (index > 0 && /[A-Za-z0-9+/]/.test(text[index - 1] ?? "")) return undefined;
    ENCODED_PEM.lastIndex = index;
    const match = ENCODED_PEM.exec(text);
    if (match === null || match[0].length < MIN_ENCODED_KEY) return undefined;
    // 64 base64 characters decode to 48 bytes: enough for the longest label read.
    const head = Buffer.from(match[0].slice(0, 64), "base64").toString("latin1");
    if (!PRIVATE_LABEL.test(head)) return undefined;
    return { type: "private_key", start: index, end: index + match[0].length, score: 0.95 };
  },
};

const PPK_PRIVATE =
  /PuTTY-User-Key-File-[23]:[^\n]{1,80}\n(?:[^\n]{0,200}\n){1,40}?Private-Lines:[ \t]*(\d{1,3})\r?\n/y;
const PPK_LINE = /[A-Za-z0-9+/=]{1,64}\r?(?:\n|$)/y;

export const puttyKeyParser: SecretParser = {
  id: "private-key",
  keywords: ["putty-user-key-file-"],
  source: "PuTTY documentation, appendix C: PPK file format (Private-Lines)",
  parse(text, index) {
    PPK_PRIVATE.lastIndex = index;
    const match = PPK_PRIVATE.exec(text);
    if (match === null) return undefined;
    const start = PPK_PRIVATE.lastIndex;
    let end = start;
    PPK_LINE.lastIndex = start;
    for (let line = 0; line < Number(match[1]) && PPK_LINE.test(text); line++) end = PPK_LINE.lastIndex;
    while (end > start && (text[end - 1] === "\n" || text[end - 1] === "\r")) end--;
    if (end - start < 40) return undefined;
    return { type: "private_key", start, end, score: 0.95 };
  },
};
