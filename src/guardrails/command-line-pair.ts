import { argumentAt } from "./command-line-password.js";
import { passwordFinding } from "./password-finding.js";
import { isDescriptionWord } from "./password-value.js";
import type { ParsedSecret, SecretParser } from "./secret-parsers.js";

/**
 * A command line that gives a user and a password by short options, whatever the tool: `-u admin -p
 * s3cret` (PsExec, oc/cf/az login, crackmapexec, evil-winrm, twine), `-U sa -P s3cret`, `-u sensor
 * -P s3cret` (mosquitto), `-pw s3cret` (PuTTY's plink and pscp, after `-l`/`-u` or not: `-pw` is
 * theirs alone), `/u:admin /p:s3cret`, `/user:admin /pass:s3cret` (cmdkey), `/password:` (wmic).
 * `-p` alone is a port, a flag or a prompt in as many tools, so it counts only after a user option on
 * the same line whose value is a name, not another option. Tools whose `-p` is known to mean
 * something else are left out (NOT_A_PASSWORD_TOOL).
 */
// The password options, as written: `-p`/`-P`/`-pw` take the value after a space, the slash forms after their `:`.
const PASSWORD_OPTION = /(?:-(?:p|P|pw)[ \t]+|\/(?:p|pw|pass|password):)/y;
// A user option and its value: `-u admin`, `-U sa`, `--user admin`, `--username=admin`, `-user
// admin`, `/u:admin`, `/user:CORP\admin`. Global: read from where the last reading of the line stopped.
const USER_OPTION =
  /(?:^|[ \t])(?:-[uU][ \t]+|--?user(?:name)?(?:[ \t]+|=)|\/u(?:ser)?:)(["']?)([^\s"'`|&;<>-][^\s"'`|&;<>]{0,63})\1(?=[ \t]|$)/g;
// Tools whose `-p` or `-P` is no password even beside a user: mysql's spaced `-p` prompts and the
// word after it names the database (its attached `-pSecret` is command-line-password.ts's);
// ssh/scp/sftp/rsync/nc/psql/pg_*'s is a port, docker/podman's publishes one, ps/top/lsof/strace's
// is a process, tar/cp/mkdir's keeps permissions or makes parents, grep's is a syntax.
const NOT_A_PASSWORD_TOOL =
  /\b(?:mysql\w*|mariadb\w*|ssh|scp|sftp|rsync|nc|ncat|netcat|socat|psql|pg_\w+|docker|podman|nerdctl|kubectl|ps|top|htop|pgrep|pkill|lsof|strace|ltrace|gdb|tar|cp|mv|mkdir|install|grep|curl|wget|git|npm|pip|java|gcc|clang)\b/g;
// A password given here has a letter: a port (`-p 2222`), a publish (`-p 127.0.0.1:80:80`) has none.
const HAS_LETTER = /[A-Za-z]/;
const MAX_LINE = 200;

/**
 * What the line says before a hit, read incrementally: hits in a row on one line (a command with
 * several options, or a megabyte of `-p -p`) read only the text since the last hit, so a line costs
 * one pass however many hits it has.
 */
interface LineReading {
  text: string;
  lineStart: number;
  readTo: number;
  user: boolean;
  tool: boolean;
}
let reading: LineReading = { text: "", lineStart: 0, readTo: 0, user: false, tool: false };

function readLineBefore(text: string, index: number): LineReading {
  const windowStart = Math.max(0, index - MAX_LINE);
  const continues = reading.text === text && reading.readTo <= index && reading.readTo >= windowStart;
  // A reading stops at a hit, which follows a space: no option or tool name spans where it stopped.
  let from = continues ? reading.readTo : windowStart;
  let segment = text.slice(from, index);
  // Only the text read now is searched for a line break: never back to the text's start.
  const newline = segment.lastIndexOf("\n");
  if (!continues || newline !== -1) {
    if (newline !== -1) {
      from += newline + 1;
      segment = segment.slice(newline + 1);
    }
    reading = { text, lineStart: from, readTo: from, user: false, tool: false };
  }
  if (!reading.user) reading.user = hasUserOption(segment, from === reading.lineStart);
  if (!reading.tool) {
    NOT_A_PASSWORD_TOOL.lastIndex = 0;
    reading.tool = NOT_A_PASSWORD_TOOL.test(segment);
  }
  reading.readTo = index;
  return reading;
}

function hasUserOption(segment: string, atLineStart: boolean): boolean {
  USER_OPTION.lastIndex = 0;
  for (let match = USER_OPTION.exec(segment); match !== null; match = USER_OPTION.exec(segment)) {
    // `^` of a segment cut from the middle of a line is no line start.
    if (match.index === 0 && !atLineStart && !/^[ \t]/.test(match[0])) continue;
    const user = match[2] ?? "";
    if (HAS_LETTER.test(user) && !isDescriptionWord(user)) return true;
  }
  return false;
}

export const commandLinePairParser: SecretParser = {
  id: "command-line-password",
  keywords: ["-p", "/p:", "/pw:", "/pass:", "/password:"],
  source: "modelmux: a user option and a password option on one command line",
  parse(text, index) {
    if (index > 0 && text[index - 1] !== " " && text[index - 1] !== "\t") return undefined;
    PASSWORD_OPTION.lastIndex = index;
    if (PASSWORD_OPTION.exec(text) === null) return undefined;
    const valueStart = PASSWORD_OPTION.lastIndex;
    const line = readLineBefore(text, index);
    if (!line.user || line.tool) return undefined;
    return valueAt(text, valueStart);
  },
};

function valueAt(text: string, from: number): ParsedSecret | undefined {
  const argument = argumentAt(text, from);
  if (argument === undefined) return undefined;
  const { value, start, quoted } = argument;
  if (value.startsWith("-") || value.startsWith("/") || !HAS_LETTER.test(value)) return undefined;
  return passwordFinding(value, start, quoted);
}
