import { wordOrDashBefore } from "./char-class.js";
import { passwordFinding } from "./password-finding.js";
import { lineBefore, type ParsedSecret, type SecretParser } from "./secret-parsers.js";

/**
 * Passwords given on a command line, where the option says "password" only to those who know the
 * tool: `mysql -pSecret` (attached; `-p` alone or `-p db` prompts), `sqlcmd -P secret`, `sshpass -p
 * secret`, `redis-cli -a secret`, `docker login -p secret`, `smbclient -U user%secret`, `mongo -p
 * secret`, `ldapsearch -w secret`, `xfreerdp /p:secret`, `rdesktop -p secret`, `psexec -p secret`,
 * `openssl … -passin pass:secret`. Each option counts only after its own command earlier on the same
 * line, so `ls -a`, `cp -p` or `grep -P` are nothing. Sources: the tools' manuals (mysql
 * `--password[=password], -p[password]`; sqlcmd `-P password`; sshpass `-p password`; redis-cli `-a
 * <password>`; docker login `--password, -p`; smbclient `-U username[%password]`; mongo `-p
 * <password>`; ldapsearch `-w passwd`; FreeRDP `/p:<password>`; rdesktop `-p <password>`; PsExec `-p
 * password`; openssl-passphrase-options `pass:password`; keytool `-storepass`/`-keypass`; mysqladmin
 * `password new-password`; rabbitmqctl `add_user`/`change_password <user> <password>`; htpasswd `-b
 * passwdfile username password`; zip and unzip `-P password`; 7-Zip `-p{Password}`; rar/unrar `-p<pwd>`;
 * schtasks `/rp password`; lftp `-u user[,pass]`; Windows `net user <name> <password>`). Passwords
 * echoed into a command's standard input: stdin-password.ts.
 */
interface OptionRule {
  /** The option as written, case-sensitive (`-P` is sqlcmd's password, `-p` its port elsewhere). */
  option: string;
  /** The commands this option is a password of, as the command word on the line before it. */
  command: RegExp;
  /** `attached`: the value follows the option with no space (`-pSecret`); `spaced`: after a space. */
  form: "attached" | "spaced" | "user%password" | "user,password";
  /** Arguments before the password (`rabbitmqctl add_user <user> <password>`: 1). */
  skip?: number;
}

const RULES: OptionRule[] = [
  {
    option: "-p",
    command: /\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mariadb(?:-dump)?)\b/,
    form: "attached",
  },
  { option: "-P", command: /\b(?:sqlcmd|bcp|osql|isql)\b/, form: "spaced" },
  { option: "-p", command: /\bsshpass\b/, form: "spaced" },
  { option: "-a", command: /\bredis-cli\b/, form: "spaced" },
  { option: "-p", command: /\b(?:docker|podman|nerdctl|buildah) login\b/, form: "spaced" },
  { option: "-U", command: /\b(?:smbclient|rpcclient|smbmap|smbget)\b/, form: "user%password" },
  {
    option: "-p",
    command:
      /\b(?:mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|rdesktop|psexec(?:\.exe|\.py)?|evil-winrm)\b/i,
    form: "spaced",
  },
  { option: "-w", command: /\bldap(?:search|modify|add|delete|passwd|whoami|compare)\b/, form: "spaced" },
  { option: "/p:", command: /\b[xw]free-?rdp\b|\bfreerdp\b/i, form: "attached" },
  {
    option: "pass:",
    command: /\bopenssl\b.*\s-(?:passin|passout|pass|password|kfile)\s+$/,
    form: "attached",
  },
  ...["-storepass", "-keypass", "-srcstorepass", "-deststorepass", "-srckeypass", "-destkeypass"].map(
    (option): OptionRule => ({ option, command: /\bkeytool\b/, form: "spaced" }),
  ),
  { option: "password", command: /\bmysqladmin\b/, form: "spaced" },
  { option: "add_user", command: /\brabbitmqctl\b/, form: "spaced", skip: 1 },
  { option: "change_password", command: /\brabbitmqctl\b/, form: "spaced", skip: 1 },
  { option: "-b", command: /\bhtpasswd\b/, form: "spaced", skip: 2 },
  // Archives: zip's and unzip's `-P password`, 7-Zip's and RAR's `-p{password}` (attached).
  { option: "-P", command: /\b(?:zip|unzip|zipcloak)\b/, form: "spaced" },
  { option: "-p", command: /\b(?:7z[ar]?|7za|7zz|rar|unrar)(?:\.exe)?\b/, form: "attached" },
  // schtasks' `/rp password` (the run-as user's, after `/ru user`); lftp's `-u user,password`.
  ...["/rp", "/RP"].map((option): OptionRule => ({ option, command: /\bschtasks\b/i, form: "spaced" })),
  { option: "-u", command: /\blftp\b/, form: "user,password" },
];

const QUOTED = /^(["'])([^"'\n]{1,100})\1/;
const BARE = /^[^\s"'`;|&<>]{1,100}/;
const MAX_LINE_BACK = 200;

export const commandLinePasswordParser: SecretParser = {
  id: "command-line-password",
  // The options themselves, in lower case as the keyword prefilter matches them (`-P`, `-U` too).
  keywords: [...new Set(RULES.map((rule) => rule.option.toLowerCase()))],
  source:
    "the tools' manuals: mysql -p, sqlcmd -P, sshpass -p, redis-cli -a, docker login -p, smbclient -U user%password, mongo -p, ldapsearch -w, xfreerdp /p:, rdesktop/psexec -p, openssl pass:",
  parse(text, index) {
    if (index > 0 && !/[ \t]/.test(text[index - 1] ?? "")) return undefined;
    // The line is read only under an option: most hits are a word the options begin (`pass` of `password`).
    let line: string | undefined;
    for (const rule of RULES) {
      if (!text.startsWith(rule.option, index)) continue;
      line ??= lineBefore(text, index, MAX_LINE_BACK);
      if (!rule.command.test(line)) continue;
      const found = valueAfter(
        text,
        skipArguments(text, index + rule.option.length, rule.skip ?? 0),
        rule.form,
      );
      if (found !== undefined) return found;
    }
    return undefined;
  },
};

const ARGUMENT = /[ \t]+(?:"[^"\n]*"|'[^'\n]*'|[^\s"'`;|&<>]+)/y;

/** The position after `count` spaced arguments (`add_user alice …`: after `alice`), or -1. */
function skipArguments(text: string, from: number, count: number): number {
  ARGUMENT.lastIndex = from;
  for (let skipped = 0; skipped < count; skipped++) if (ARGUMENT.exec(text) === null) return -1;
  return ARGUMENT.lastIndex;
}

function valueAfter(text: string, from: number, form: OptionRule["form"]): ParsedSecret | undefined {
  if (from < 0) return undefined;
  let start = from;
  if (form === "attached") {
    if (/^[\s=]/.test(text[start] ?? " ")) return undefined;
  } else {
    if (!/^[ \t]/.test(text[start] ?? "")) return undefined;
    while (text[start] === " " || text[start] === "\t") start++;
  }
  const argument = argumentAt(text, start);
  if (argument === undefined) return undefined;
  let { value, start: valueStart } = argument;
  if (form === "user%password" || form === "user,password") {
    const percent = value.indexOf(form === "user%password" ? "%" : ",");
    if (percent < 1) return undefined;
    valueStart += percent + 1;
    value = value.slice(percent + 1);
  }
  if (value.startsWith("-") || value === "*") return undefined;
  return passwordFinding(value, valueStart, argument.quoted);
}

/** The command-line argument at `start`: a quoted one's inside (and where it starts), or a bare word. */
export function argumentAt(
  text: string,
  start: number,
): { value: string; start: number; quoted: boolean } | undefined {
  const rest = text.slice(start, start + 104);
  const quoted = QUOTED.exec(rest);
  const value = quoted?.[2] ?? BARE.exec(rest)?.[0];
  if (value === undefined) return undefined;
  return { value, start: quoted === null ? start : start + 1, quoted: quoted !== null };
}

// `net use [drive:] \\server\share [password | *] [/user:[domain\]name] [/options]`: the password is
// the argument after the share that is not an option, before or after `/user:` (Windows `net use`).
const NET_USE_ARGUMENTS = /[ \t]+(?:"([^"\n]*)"|([^\s"]+))/y;

export const netUsePasswordParser: SecretParser = {
  id: "command-line-password",
  keywords: ["net use "],
  source: "Windows `net use` syntax: net use [devicename] \\\\computer\\share [password | *] [/user:…]",
  parse(text, index) {
    if (wordOrDashBefore(text, index)) return undefined;
    NET_USE_ARGUMENTS.lastIndex = index + "net use".length;
    let sawShare = false;
    for (let argument = 0; argument < 8; argument++) {
      const start = NET_USE_ARGUMENTS.lastIndex;
      const match = NET_USE_ARGUMENTS.exec(text);
      if (match === null) return undefined;
      const value = match[1] ?? match[2] ?? "";
      if (value.startsWith("\\\\")) {
        sawShare = true;
        continue;
      }
      if (!sawShare || value.startsWith("/") || /^[A-Za-z]:$/.test(value)) continue;
      if (value === "*") return undefined;
      const valueStart = start + match[0].length - value.length - (match[1] === undefined ? 0 : 1);
      return passwordFinding(value, valueStart, match[1] !== undefined);
    }
    return undefined;
  },
};

// `net user [username [password | *] [options]]`: the argument after the name, when not an option.
const NET_USER =
  /net[ \t]+user[ \t]+(?:"[^"\n]{1,64}"|[^\s"/*]{1,64})[ \t]+(?:"([^"\n]{1,100})"|([^\s"/*][^\s"]{0,99}))/diy;

export const netUserPasswordParser: SecretParser = {
  id: "command-line-password",
  keywords: ["net user "],
  source: "Windows `net user` syntax: net user [username [password | *] [options]] [/domain]",
  parse(text, index) {
    if (wordOrDashBefore(text, index)) return undefined;
    NET_USER.lastIndex = index;
    const indices = NET_USER.exec(text)?.indices;
    const span = indices?.[1] ?? indices?.[2];
    if (span === undefined) return undefined;
    return passwordFinding(text.slice(span[0], span[1]), span[0], indices?.[1] !== undefined);
  },
};
