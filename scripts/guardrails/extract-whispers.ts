import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";

/**
 * Skyscanner/whispers' test fixtures (tests/fixtures/): config files, scripts and code whose authors
 * mark what is a secret. A file is divided by markers into compliant and noncompliant parts
 * (`# Compliant`, `compliant:`, `"noncompliant": {`, `<noncompliant>`, `[compliant]`,
 * `<!-- Noncompliant -->`, a key or user named `compliant1`/`noncompliantApiToken`); every secret
 * whispers must report holds the word `hardcoded` (its test asserts so: `assert "hardcoded" in
 * value.lower() or b"hardcoded" in b64decode(value)`), or is one of its fake AWS, Jenkins or private
 * keys. So:
 * - a line of a noncompliant part holding `hardcoded` (or base64 of it), `fake` or a private-key
 *   header is positive, its span the value that holds the mark;
 * - a line of a compliant part is negative, `hardcoded` or not (`username: hardcoded`, a placeholder,
 *   an empty password);
 * - outside any part (a file without markers: `.npmrc`, `settings.conf`) a line holding the mark is
 *   positive and any other line negative;
 * - a noncompliant line without the mark (`Default: admin` under `NoncompliantDBPassword:`, whose key
 *   is lines away) is left out, and so are lines of no value (`{`, `</entry>`, `inlist:`).
 * A line with its value alone (`<value>hardcoded3</value>` under `<key>password</key>`, `- "Hardcoded1"`
 * in a list, `value: hardcoded1` under `- key: pro_password`) is read with the lines before it up to
 * one naming its key (at most two); a line ending in
 * `\` is joined with the next, as a shell reads it.
 */
export function whispersLines(content: string, file: string, context: LineContext): PiiSecretLine[] {
  const rows = logicalLines(content);
  const lines: PiiSecretLine[] = [];
  let part: Part = "none";
  rows.forEach((row, index) => {
    const marked = partMarker(row);
    if (marked !== undefined) part = marked;
    if (marked !== undefined && MARKER_ONLY.test(row.trim())) return;
    if (!HAS_VALUE.test(row)) return;
    const span = markedSpan(row);
    const positive = part === "noncompliant" || part === "none" ? span !== undefined : false;
    if (part === "noncompliant" && span === undefined) return;
    if (part === "excluded") return;
    const before = keylessContext(rows, index);
    const text = [...before, row].join("\n");
    const offset = text.length - row.length;
    lines.push({
      text,
      evaluates: "secret",
      positive,
      types: positive ? ["whispers"] : [],
      unclaimed: [],
      ...(positive && span !== undefined
        ? { spans: [["whispers", offset + span[0], offset + span[1]]] }
        : {}),
      ...context,
      origin: `${file}:${index + 1}`,
    });
  });
  return lines;
}

type Part = "none" | "compliant" | "noncompliant" | "excluded";

/** Lines, with a line ending in `\` joined to the next by a line break. */
function logicalLines(content: string): string[] {
  const rows: string[] = [];
  let pending: string[] = [];
  for (const raw of content.replace(/\r/g, "").split("\n")) {
    pending.push(raw);
    if (/\\\s*$/.test(raw)) continue;
    rows.push(pending.join("\n"));
    pending = [];
  }
  if (pending.length > 0) rows.push(pending.join("\n"));
  return rows;
}

/** The part a line opens: `noncompliant`/`incompliant`/`non-compliant` before `compliant`. */
function partMarker(row: string): Part | undefined {
  if (/(?:non|in)-?compliant/i.test(row)) return "noncompliant";
  if (/compliant/i.test(row)) return "compliant";
  if (/^\s*#\s*excluded\b/i.test(row)) return "excluded";
  return undefined;
}

// A marker with nothing else: `# Compliant`, `compliant:`, `"noncompliant": {`, `<compliant>`,
// `</noncompliant>`, `[noncompliant]`, `<!-- Compliant -->`, `--- COMPLIANT`, `// Non-compliant`.
const MARKER_ONLY =
  /^(?:(?:#|\/\/|<!--|-{3,})\s*)?(?:<\/?)?[["]?(?:(?:non|in)-?)?compliant["\]]?(?:\s*[:>{]\s*\{?)?(?:\s*-->)?$/i;
// A line holding a value: a letter or digit other than in a bare closing or opening tag or brace.
const HAS_VALUE = /[A-Za-z0-9]/;
const MARK = /[^\s"'`<>=:,;&@/(){}[\]]*(?:hardcoded|fake)[^\s"'`<>=:,;&@/(){}[\]]*/gi;
// A mark in a name, not a value: a tag (`<o1_hardcoded_password>`) or a key (`01_hardcoded_password:`).
const IN_NAME_AFTER = /^["']?[ \t]*(?::|=(?!=)|>)/;
// `QVdTOmhhcmRjb2RlZAo=` (base64 of `AWS:hardcoded`): a run that decodes to the mark.
const BASE64_RUN = /[A-Za-z0-9+/]{12,}={0,2}/g;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*(?:PRIVATE|RSA|DSA|EC|OPENSSH) [A-Z ]*KEY-----/;

/** The span of the marked value in a row, if it holds one. */
function markedSpan(row: string): [number, number] | undefined {
  for (const match of row.matchAll(MARK)) {
    const end = match.index + match[0].length;
    const inName =
      row[match.index - 1] === "<" || row[match.index - 1] === "/" || IN_NAME_AFTER.test(row.slice(end));
    if (!inName) return [match.index, end];
  }
  const key = PRIVATE_KEY.exec(row);
  if (key !== null) return [key.index, row.length];
  for (const run of row.matchAll(BASE64_RUN)) {
    if (/hardcoded/i.test(Buffer.from(run[0], "base64").toString("latin1")))
      return [run.index, run.index + run[0].length];
  }
  return undefined;
}

// A value alone on its line: `<value>hardcoded3</value>`, `- "Hardcoded1"`, `"hardCoded2",`, or under
// a key named `value` (`value: hardcoded1` after `- key: pro_password`).
const KEYLESS =
  /^\s*(?:<value>[^<]*<\/value>|-?\s*["']?[^\s"'=:<>]+["']?,?|-?\s*["']?value["']?\s*[:=].*)\s*$/;

/** For a row whose value stands alone, the rows before it up to one naming its key (at most two). */
function keylessContext(rows: string[], index: number): string[] {
  if (!KEYLESS.test(rows[index] ?? "")) return [];
  const before: string[] = [];
  for (let at = index - 1; at >= 0 && before.length < 2; at--) {
    const row = rows[at] ?? "";
    if (row.trim() === "") break;
    before.unshift(row);
    if (!KEYLESS.test(row)) break;
  }
  return before;
}
