import { wordOrDashBefore } from "./char-class.js";
import { argumentAt } from "./command-line-password.js";
import { passwordFinding } from "./password-finding.js";
import type { ParsedSecret, SecretParser } from "./secret-parsers.js";

/**
 * A password echoed into a command that reads it on standard input, the way scripts keep it off the
 * command's own arguments: chpasswd(8)'s `user_name:password` lines (`echo 'deploy:…' | chpasswd`;
 * `-e` means they are hashes), a registry login's `--password-stdin` (docker, podman, helm, oras…:
 * `echo '…' | docker login -u me --password-stdin`), `sudo -S` (sudo(8): "read the password from
 * the standard input"), `passwd --stdin` (Red Hat's passwd(1)) and `smbpasswd -s` (smbpasswd(8));
 * the same fed by a here-string (`docker login -u me --password-stdin <<< '…'`). Only the password
 * is the finding; a variable (`echo "$PASS" | …`) is a reference, not one.
 */
// The command on the pipe's other side reads a password: the options as their manuals name them.
const READS_PASSWORD =
  /--password-stdin\b|\bsudo(?:[ \t]+-[A-Za-z]+)*[ \t]+-[A-RT-Za-z]*S|\bsudo[ \t]+--stdin\b|\bpasswd\b[^|;&\n]{0,80}[ \t]--stdin\b|\bsmbpasswd\b[^|;&\n]{0,80}[ \t]-[a-z]*s\b/;
const CHPASSWD = /^(?:sudo[ \t]+)?chpasswd\b(?![ \t]+(?:-e|--encrypted)\b)/;
// `echo`, its options (`-n`, `-e`), the argument, then `|`.
const ECHO_OPTIONS = /[ \t]+(?:-[neE]{1,3}[ \t]+)*/y;
const PIPE = /^[ \t]*\|[ \t]*/;
const CHPASSWD_LINE = /^([a-z_][\w.-]{0,31}):([^\s:]{1,100})$/;
const MAX_LINE = 240;
// How far back a here-string's command is read.
const MAX_COMMAND = 160;

export const stdinPasswordParser: SecretParser = {
  id: "command-line-password",
  keywords: ["echo ", "<<<"],
  source:
    "chpasswd(8) user_name:password lines; docker login --password-stdin; sudo(8) -S; passwd(1) --stdin (Red Hat); smbpasswd(8) -s",
  parse(text, index) {
    return text.startsWith("<<<", index)
      ? hereString(text, index)
      : echoed(text, index, lineFrom(text, index));
  },
};

/** `echo '…' | reader`: the echoed argument, or its password half for chpasswd. */
function echoed(text: string, index: number, line: string): ParsedSecret | undefined {
  if (wordOrDashBefore(text, index)) return undefined;
  // Most `echo`s pipe into nothing that reads a password: one look at the line first.
  if (!line.includes("|")) return undefined;
  ECHO_OPTIONS.lastIndex = 4;
  if (ECHO_OPTIONS.exec(line) === null) return undefined;
  const argument = argumentAt(text, index + ECHO_OPTIONS.lastIndex);
  if (argument === undefined) return undefined;
  const afterArgument = argument.start - index + argument.value.length + (argument.quoted ? 1 : 0);
  const pipe = PIPE.exec(line.slice(afterArgument));
  if (pipe === null) return undefined;
  const reader = line.slice(afterArgument + pipe[0].length);
  if (CHPASSWD.test(reader)) {
    const pair = CHPASSWD_LINE.exec(argument.value);
    const password = pair?.[2];
    if (pair === null || password === undefined) return undefined;
    return passwordFinding(password, argument.start + argument.value.length - password.length, false);
  }
  if (!READS_PASSWORD.test(reader)) return undefined;
  // `echo -e "…\n…" | smbpasswd -s`: typed twice, new and confirmed; the first line is the password.
  const firstLine = argument.value.split("\\n", 1)[0] ?? "";
  return passwordFinding(firstLine, argument.start, argument.quoted);
}

/** `reader <<< '…'`: the here-string, when the command before it on the line reads a password. */
function hereString(text: string, index: number): ParsedSecret | undefined {
  // `<<<` alone: not `<<<<` (a run of them, or a merge conflict's marker).
  if (text[index - 1] === "<" || text[index + 3] === "<") return undefined;
  const before = text.slice(Math.max(0, index - MAX_COMMAND), index);
  const command = before.slice(before.lastIndexOf("\n") + 1);
  if (!(command.includes("stdin") || command.includes("sudo") || command.includes("smbpasswd")))
    return undefined;
  if (!READS_PASSWORD.test(command)) return undefined;
  let start = index + 3;
  while (text[start] === " " || text[start] === "\t") start++;
  const argument = argumentAt(text, start);
  if (argument === undefined) return undefined;
  return passwordFinding(argument.value, argument.start, argument.quoted);
}

/** The text from `index` to its line's end, at most MAX_LINE characters. */
function lineFrom(text: string, index: number): string {
  const window = text.slice(index, index + MAX_LINE);
  const end = window.indexOf("\n");
  return end === -1 ? window : window.slice(0, end);
}
