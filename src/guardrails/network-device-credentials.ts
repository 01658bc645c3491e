import { asciiClass, atLineStart } from "./char-class.js";
import { passwordFinding } from "./password-finding.js";
import type { SecretParser } from "./secret-parsers.js";

/**
 * Passwords and pre-shared keys in a network device's or a VPN's configuration. Cisco IOS and NX-OS
 * (and Arista EOS, which copies the syntax): a local user, `username admin privilege 15 password 0 …`
 * or `… secret …`, the enable password, `enable secret …`, `enable password level 15 7 …`, an IKE
 * key, `crypto isakmp key … address …`, and a RADIUS or TACACS+ server's shared key, `radius-server
 * key …`, `tacacs-server host 10.0.0.9 key 7 …`; Junos' `pre-shared-key ascii-text "…"`; strongSwan's
 * ipsec.secrets, `10.0.0.1 10.0.0.2 : PSK "…"` (also `: EAP "…"`, `: XAUTH "…"`). A type may come
 * before the value: 0 is the password as typed, 7 a reversible encoding, as good as the password;
 * 5, 8 and 9 are one-way hashes, not read here. The Cisco forms count at a line's start only, as a
 * configuration writes them, so prose ("enable password protection") is not read as one. Sources:
 * Cisco IOS Security Command Reference; Junos `pre-shared-key`; strongSwan ipsec.secrets(5).
 */
interface Form {
  regex: RegExp;
  /** Only at a line's start (after spaces). */
  lineStart: boolean;
}

// What may indent a configuration line.
const isIndent = asciiClass(" \t");

const TYPE = `(?:[ \\t]+(?<type>[07]))?`;
const VALUE = `[ \\t]+(?<value>[^\\s]{1,100})`;
const FORMS: Record<string, Form> = {
  username: {
    regex: new RegExp(
      `username[ \\t]+[^\\s]{1,64}(?:[ \\t]+(?:privilege[ \\t]+\\d{1,2}|view[ \\t]+[^\\s]{1,64}|role[ \\t]+[^\\s]{1,64}|algorithm-type[ \\t]+[a-z\\d-]{1,16}))*[ \\t]+(?:password|secret)${TYPE}${VALUE}`,
      "y",
    ),
    lineStart: true,
  },
  enable: {
    regex: new RegExp(`enable[ \\t]+(?:password|secret)(?:[ \\t]+level[ \\t]+\\d{1,2})?${TYPE}${VALUE}`, "y"),
    lineStart: true,
  },
  crypto: {
    regex: new RegExp(`crypto[ \\t]+isakmp[ \\t]+key${TYPE}${VALUE}(?=[ \\t]+(?:address|hostname)\\b)`, "y"),
    lineStart: true,
  },
  server: {
    regex: new RegExp(
      `(?:radius|tacacs)-server(?:[ \\t]+host[ \\t]+[^\\s]{1,64}(?:[ \\t]+(?:auth-port|acct-port|port|timeout)[ \\t]+\\d{1,5}){0,4})?[ \\t]+key${TYPE}${VALUE}`,
      "y",
    ),
    lineStart: true,
  },
  junos: {
    regex: /pre-shared-key[ \t]+ascii-text[ \t]+(?:"(?<quoted>[^"\n]{1,100})"|(?<value>[^\s";]{1,100}))/dy,
    lineStart: false,
  },
  secrets: { regex: /:[ \t]+(?:PSK|EAP|XAUTH)[ \t]+"(?<quoted>[^"\n]{1,100})"/dy, lineStart: false },
};
const FORM_OF: Record<string, Form | undefined> = {
  u: FORMS.username,
  e: FORMS.enable,
  c: FORMS.crypto,
  r: FORMS.server,
  t: FORMS.server,
  p: FORMS.junos,
  ":": FORMS.secrets,
};
// Type 7: two decimal digits (the key's offset), then hex pairs.
const TYPE_7 = /^\d{2}(?:[0-9A-Fa-f]{2}){2,}$/;

export const networkDeviceCredentialsParser: SecretParser = {
  id: "network-device-credentials",
  keywords: [
    "username ",
    "enable ",
    "crypto isakmp key",
    "radius-server ",
    "tacacs-server ",
    "pre-shared-key ascii-text",
    ": psk ",
    ": eap ",
    ": xauth ",
  ],
  source:
    "Cisco IOS Security Command Reference (username, enable password|secret, crypto isakmp key, radius-server/tacacs-server key); Junos pre-shared-key; strongSwan ipsec.secrets(5)",
  parse(text, index) {
    const form = FORM_OF[text[index] ?? ""];
    if (form === undefined || (form.lineStart && !atLineStart(text, index, isIndent, 8))) return undefined;
    form.regex.lastIndex = index;
    const match = form.regex.exec(text);
    const groups = match?.groups;
    const value = groups?.value ?? groups?.quoted;
    if (groups === undefined || value === undefined) return undefined;
    // Every form ends with its value, or with the quote closing it (read without the `d` flag's
    // indices, which cost several times the match).
    const end = form.regex.lastIndex - (groups.quoted === undefined ? 0 : 1);
    const start = end - value.length;
    // strongSwan's `%prompt`: asked for when the connection starts, not written down.
    if (value.startsWith("%")) return undefined;
    if (groups.type === "7")
      return TYPE_7.test(value) ? { type: "password", start, end, score: 0.9 } : undefined;
    return passwordFinding(value, start, groups.quoted !== undefined);
  },
};
