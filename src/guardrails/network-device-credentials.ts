import { passwordFinding } from "./password-finding.js";
import type { SecretParser } from "./secret-parsers.js";

/**
 * Passwords in a network device's configuration (Cisco IOS and NX-OS, Arista EOS, and the many
 * that copy their syntax): a local user, `username admin privilege 15 password 0 …` or `… secret …`
 * (a type between the word and the value: 0 is the password as typed, 7 a reversible encoding, as
 * good as the password; 5, 8 and 9 are one-way hashes, not read here), and the enable password,
 * `enable secret …`, `enable password level 15 7 …`. Each at its line's start, as a configuration
 * writes it, so prose ("enable password protection") is not read as one. Source: Cisco IOS Security
 * Command Reference (`username`, `enable password`, `enable secret`).
 */
const USERNAME =
  /username[ \t]+[^\s]{1,64}(?:[ \t]+(?:privilege[ \t]+\d{1,2}|view[ \t]+[^\s]{1,64}|role[ \t]+[^\s]{1,64}|algorithm-type[ \t]+[a-z\d-]{1,16}))*[ \t]+(?:password|secret)(?:[ \t]+([07]))?[ \t]+([^\s]{1,100})/y;
const ENABLE =
  /enable[ \t]+(?:password|secret)(?:[ \t]+level[ \t]+\d{1,2})?(?:[ \t]+([07]))?[ \t]+([^\s]{1,100})/y;
// Type 7: two decimal digits (the key's offset), then hex pairs.
const TYPE_7 = /^\d{2}(?:[0-9A-Fa-f]{2}){2,}$/;

export const networkDeviceCredentialsParser: SecretParser = {
  id: "network-device-credentials",
  keywords: ["username ", "enable "],
  source: "Cisco IOS Security Command Reference: username … password|secret [0|7], enable password|secret",
  parse(text, index) {
    if (!atLineStart(text, index)) return undefined;
    const form = text[index] === "u" ? USERNAME : ENABLE;
    form.lastIndex = index;
    const match = form.exec(text);
    const value = match?.[2];
    if (match === null || value === undefined) return undefined;
    const start = form.lastIndex - value.length;
    if (match[1] === "7")
      return TYPE_7.test(value) ? { type: "password", start, end: form.lastIndex, score: 0.9 } : undefined;
    return passwordFinding(value, start, false);
  },
};

/** Whether only spaces come between the line's start and `index`. */
function atLineStart(text: string, index: number): boolean {
  let position = index;
  while (position > 0 && index - position < 8 && (text[position - 1] === " " || text[position - 1] === "\t"))
    position--;
  return position === 0 || text[position - 1] === "\n" || text[position - 1] === "\r";
}
