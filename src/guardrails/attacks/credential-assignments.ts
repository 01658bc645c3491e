import type { Span } from "../injection.js";

/**
 * A credential word (password, secret, token, API or access key…), then the rest of a name joined by
 * `_`, `.` or `-` (`password_hash`, `secret-key`).
 */
const WORD =
  "(?:pass(?:word|wd|phrase|code)?|pwd|secrets?|tokens?|api[_-]?keys?|access[_-]?keys?|private[_-]?keys?|credentials?)(?:[_.-][\\p{L}\\p{N}]+)*";
/** A whole name holding a credential word as one of its parts (`admin_password`, `spring.datasource.password`). */
const NAME = `(?:[\\p{L}\\p{N}]+[_.-])*${WORD}`;
const VALUE = "(?:\"[^\"\\n]{0,200}\"|'[^'\\n]{0,200}'|`[^`\\n]{0,200}`|[^\\s\"'`&;,]{1,200})";
/**
 * A credential given as a name and its value (`password=secret`, `DB_PASSWORD: "x"`, `"secret": ""`).
 * It starts at the credential word: a name read from its start, tried at every position, cost 20 µs a
 * 900-character window where this costs 3; the rest of the name before it is taken back by hand
 * (nameStart). Apart from ELEMENT: one alternation of both cost 20 µs.
 */
const ASSIGNMENT = new RegExp(`${WORD}["'\`]?[ \\t]{0,3}[:=][ \\t]{0,3}${VALUE}`, "giu");
/** The same as an XML element: `<password>x</password>`, `<key>password</key>`. */
const ELEMENT = new RegExp(
  `<(${NAME})>[^<\\n]{0,200}</\\1>|<([\\p{L}\\p{N}_.-]{1,40})>[ \\t]*${NAME}[ \\t]*</\\2>`,
  "giu",
);
const NAME_UNIT = /[\p{L}\p{N}_.-]/u;
const QUOTE = /["'`]/;

/**
 * Where the name holding a credential word at `at` starts (back over letters, digits, `_`, `.`, `-`
 * and a quote), or -1 when the word is inside another (`bypass`, `webhookApiSecret`): a part of a
 * name starts after `_`, `.` or `-`.
 */
function nameStart(text: string, at: number): number {
  const before = text[at - 1] ?? "";
  if (before !== "" && NAME_UNIT.test(before) && !"_.-".includes(before)) return -1;
  let start = at;
  while (start > 0 && NAME_UNIT.test(text[start - 1] ?? "")) start--;
  if (start > 0 && QUOTE.test(text[start - 1] ?? "")) start--;
  return start;
}

/** Any credential word: most windows have none. */
const CREDENTIAL_WORD = /pass|pwd|secret|token|key|credential/i;

/**
 * The credentials given in `text` (name and value). The learned scorer reads a text without them
 * (learned-detector.ts): it met "password" and "secret" almost only in attacks that ask for one, and
 * read a bare credential (`user=app&password=secret`, a config line) as an injection. A credential
 * given is the secret detectors' finding, not an order; an order around it is still read.
 */
export function credentialAssignments(text: string): Span[] {
  const spans: Span[] = [];
  if (!CREDENTIAL_WORD.test(text)) return spans;
  for (const match of text.matchAll(ASSIGNMENT)) {
    const at = match.index ?? 0;
    const start = nameStart(text, at);
    if (start >= 0) spans.push({ start, end: at + match[0].length });
  }
  if (text.includes("<"))
    for (const match of text.matchAll(ELEMENT)) {
      const start = match.index ?? 0;
      spans.push({ start, end: start + match[0].length });
    }
  return spans;
}
