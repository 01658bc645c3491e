import { authoredRows } from "./authored-pii-lines.js";
import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";

/**
 * Lines of a source's own files, labelled by hand in a committed file (scripts/guardrails/labelled/):
 * `P|value|path:line` (the line holds a password, `value`, labelled at its first occurrence that is not a
 * setting's name: `user=user;password=password;` labels the second `password`) or
 * `N|-|path:line` (no secret). The text is the whole line of the file at the pinned commit, trimmed:
 * the words are the source's, only the labels are this project's (each label file states its rule).
 * `read` gives a file of the source at its commit.
 */
export function labelledSourceLines(
  labels: string,
  file: string,
  read: (path: string) => string,
  context: LineContext,
): PiiSecretLine[] {
  const files = new Map<string, string[]>();
  return authoredRows(labels, 2).map(({ fields, row, lineNumber }) => {
    const [kind = "", value = "", where = ""] = fields;
    const at = /^(.+):(\d+)$/.exec(where);
    if ((kind !== "P" && kind !== "N") || at === null || (kind === "N" && value !== "-"))
      throw new Error(`${file}:${lineNumber}: expected P|value|path:line or N|-|path:line, got ${row}`);
    const [, path = "", number = ""] = at;
    const lines = files.get(path) ?? read(path).split("\n");
    files.set(path, lines);
    const text = (lines[Number(number) - 1] ?? "").trim();
    if (text === "") throw new Error(`${file}:${lineNumber}: ${where} is empty or past the end`);
    const line: PiiSecretLine = {
      text,
      evaluates: "secret",
      positive: kind === "P",
      types: kind === "P" ? ["password"] : [],
      unclaimed: [],
      ...context,
      origin: where,
    };
    if (kind === "N") return line;
    const start = valueStart(text, value);
    if (value === "" || start === -1) throw new Error(`${file}:${lineNumber}: ${value} is not in ${where}`);
    return { ...line, spans: [["password", start, start + value.length]] };
  });
}

/** The first occurrence of `value` in `text` that is not a setting's name (followed by `=`), else -1. */
function valueStart(text: string, value: string): number {
  let start = text.indexOf(value);
  while (start !== -1 && text[start + value.length] === "=") start = text.indexOf(value, start + 1);
  return start;
}
