import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";

/** Language names as the other PII sources give them, so the bench's per-language rows read alike. */
const LANGUAGES: Record<string, string> = {
  en: "English",
  zh: "Chinese",
  ja: "Japanese",
  ko: "Korean",
  ru: "Russian",
  ar: "Arabic",
  hi: "Hindi",
  pt: "Portuguese",
  es: "Spanish",
  fr: "French",
  de: "German",
  tr: "Turkish",
};

/** One row of an authored phone file: `P|lang|region|text` (a valid number of region) or `N|lang|-|text`. */
export interface AuthoredPhoneRow {
  positive: boolean;
  lang: string;
  region: string;
  text: string;
  lineNumber: number;
}

/**
 * The `|`-separated rows of an authored file, blank and `#` lines skipped: the first `columns` fields
 * and the rest of the row (which may hold `|`) as the last field, with the row's line number.
 */
export function authoredRows(
  content: string,
  columns: number,
): { fields: string[]; row: string; lineNumber: number }[] {
  return content.split("\n").flatMap((row, index) => {
    if (row.trim() === "" || row.startsWith("#")) return [];
    const parts = row.split("|");
    return [
      { fields: [...parts.slice(0, columns), parts.slice(columns).join("|")], row, lineNumber: index + 1 },
    ];
  });
}

/** The rows of an authored phone file (scripts/guardrails/authored/pii-phone-*.txt); `#` lines are comments. */
export function parseAuthoredPhoneRows(content: string, file: string): AuthoredPhoneRow[] {
  const rows: AuthoredPhoneRow[] = [];
  authoredRows(content, 3).forEach(({ fields, row, lineNumber }) => {
    const [kind = "", lang = "", region = "", text = ""] = fields;
    const positive = kind === "P";
    const regionOk = positive ? /^[A-Z]{2}$/.test(region) : region === "-";
    if ((kind !== "P" && kind !== "N") || LANGUAGES[lang] === undefined || !regionOk || text === "")
      throw new Error(`${file}:${lineNumber}: expected P|lang|REGION|text or N|lang|-|text, got ${row}`);
    rows.push({ positive, lang, region, text, lineNumber });
  });
  return rows;
}

/**
 * Authored lines as corpus lines: a positive is scored on phone findings only (the line was written
 * for its phone number); a negative holds no PII at all, so any PII finding on it is a false positive.
 */
export function authoredPhoneLines(content: string, file: string, context: LineContext): PiiSecretLine[] {
  return parseAuthoredPhoneRows(content, file).map((row) => ({
    text: row.text,
    evaluates: "pii",
    positive: row.positive,
    types: row.positive ? ["PHONE_NUMBER"] : [],
    unclaimed: [],
    ...(row.positive ? { scoredTypes: ["phone"] } : {}),
    language: LANGUAGES[row.lang],
    ...context,
    origin: `${file}:${row.lineNumber}${row.positive ? ` ${row.region}` : ""}`,
  }));
}

/** `[[value]]`: a labelled span in an authored spans file; the marks are not part of the text. */
const SPAN_MARK = /\[\[([^[\]]+)\]\]/g;

/**
 * Authored lines with marked spans (scripts/guardrails/authored/pii-ip-dev.txt): `P|lang|TYPE|text`,
 * every value of TYPE (a name `claimed` maps to modelmux types, e.g. IP_ADDRESS) marked `[[…]]`, or
 * `N|lang|-|text` holding no PII. A positive is scored on findings of TYPE's modelmux types only and
 * carries its spans; a negative on any PII finding.
 */
export function authoredSpanLines(
  content: string,
  file: string,
  context: LineContext,
  claimed: Record<string, string>,
): PiiSecretLine[] {
  const lines: PiiSecretLine[] = [];
  content.split("\n").forEach((row, index) => {
    if (row.trim() === "" || row.startsWith("#")) return;
    const [kind = "", lang = "", type = "", ...rest] = row.split("|");
    const marked = rest.join("|");
    const positive = kind === "P";
    const scoredTypes = claimed[type]?.split("/");
    const typeOk = positive ? scoredTypes !== undefined : type === "-";
    const { text, spans } = unmark(marked, type);
    if (
      (kind !== "P" && kind !== "N") ||
      LANGUAGES[lang] === undefined ||
      !typeOk ||
      text === "" ||
      positive !== spans.length > 0
    )
      throw new Error(
        `${file}:${index + 1}: expected P|lang|TYPE|text with [[spans]] or N|lang|-|text, got ${row}`,
      );
    lines.push({
      text,
      evaluates: "pii",
      positive,
      types: positive ? [type] : [],
      unclaimed: [],
      ...(positive ? { scoredTypes, spans } : {}),
      language: LANGUAGES[lang],
      ...context,
      origin: `${file}:${index + 1}`,
    });
  });
  return lines;
}

function unmark(marked: string, type: string): { text: string; spans: [string, number, number][] } {
  const spans: [string, number, number][] = [];
  let text = "";
  let last = 0;
  for (const match of marked.matchAll(SPAN_MARK)) {
    text += marked.slice(last, match.index);
    const value = match[1] ?? "";
    spans.push([type, text.length, text.length + value.length]);
    text += value;
    last = match.index + match[0].length;
  }
  return { text: text + marked.slice(last), spans };
}
