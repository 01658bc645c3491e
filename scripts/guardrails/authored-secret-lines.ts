import { authoredRows } from "./authored-pii-lines.js";
import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";

/** One row of an authored secret file: `P|value|text` (a secret, labelled by its value) or `N|-|text`. */
export interface AuthoredSecretRow {
  positive: boolean;
  /** The secret's labelled span in `text` (its value's first occurrence), for a positive row. */
  span?: [number, number];
  text: string;
  lineNumber: number;
}

/**
 * The rows of an authored secret file (scripts/guardrails/authored/secret-*.txt); `#` lines are
 * comments and `\n` in a text is a line break (config files span lines). A positive's value must
 * occur in its text.
 */
export function parseAuthoredSecretRows(content: string, file: string): AuthoredSecretRow[] {
  const rows: AuthoredSecretRow[] = [];
  authoredRows(content, 2).forEach(({ fields, lineNumber }) => {
    const [kind = "", value = "", written = ""] = fields;
    const text = written.replaceAll("\\n", "\n");
    const where = `${file}:${lineNumber}`;
    if ((kind !== "P" && kind !== "N") || text === "" || (kind === "N" && value !== "-"))
      throw new Error(`${where}: expected P|value|text or N|-|text`);
    if (kind === "N") {
      rows.push({ positive: false, text, lineNumber });
      return;
    }
    const start = text.indexOf(value);
    if (value === "" || start === -1) throw new Error(`${where}: the value does not occur in the text`);
    rows.push({ positive: true, span: [start, start + value.length], text, lineNumber });
  });
  return rows;
}

/** Authored rows as corpus lines: a positive is a password with its labelled span; a negative holds no secret. */
export function authoredSecretLines(content: string, file: string, context: LineContext): PiiSecretLine[] {
  return parseAuthoredSecretRows(content, file).map((row) => ({
    text: row.text,
    evaluates: "secret",
    positive: row.positive,
    types: row.positive ? ["password"] : [],
    unclaimed: [],
    ...(row.span === undefined ? {} : { spans: [["password", ...row.span]] }),
    ...context,
    origin: `${file}:${row.lineNumber}`,
  }));
}
