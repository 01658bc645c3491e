import { authoredRows } from "./authored-pii-lines.js";
import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";
import { halfOf } from "./seeded-random.js";

/** One of WeTextProcessing's test data files: `{tn,itn}/<language>/test/data/<class>.txt`. */
export interface WeTextFile {
  path: string;
  content: string;
}

const FILE = /^(tn|itn)\/(chinese|english|japanese)\/test\/data\/(\w+)\.txt$/;
const LANGUAGES: Record<string, string> = { chinese: "Chinese", english: "English", japanese: "Japanese" };
/** A test case: the text, ` => `, what it normalises to. */
const ARROW = " => ";
/** Digit groups joined by one separator (`010-64035547`, `2008.08.08`) read as one run. */
const JOINED_SEPARATOR = /(?<=\d)[ .\-()/](?=\d)/g;
const LONG_RUN = /\d{7,}/;
const PHONE_WORD = /phone|call|\btel|拨打|电话|手机|打给|電話|携帯|番号/i;
/** A test file whose every line may be PII: what the test reads out as a phone number, an address or an id. */
const PII_CLASS = /telephone|electronic/;

/** Whether a written text could hold claimed PII, and so needs a hand label. */
export function needsLabel(text: string, testClass: string): boolean {
  return (
    PII_CLASS.test(testClass) ||
    text.includes("@") ||
    PHONE_WORD.test(text) ||
    LONG_RUN.test(text.replace(JOINED_SEPARATOR, ""))
  );
}

interface Label {
  kind: "P" | "N" | "U";
  type: string;
  value: string;
}

const isKind = (kind: string): kind is Label["kind"] => kind === "P" || kind === "N" || kind === "U";

function parseLabels(labels: string, file: string): Map<string, Label> {
  const byText = new Map<string, Label>();
  for (const { fields, row, lineNumber } of authoredRows(labels, 3)) {
    const [kind = "", type = "", value = "", text = ""] = fields;
    const negative = type === "-" && value === "-";
    const ok = kind === "P" ? !negative && text.includes(value) : (kind === "N" || kind === "U") && negative;
    if (!ok || text === "" || !isKind(kind))
      throw new Error(
        `${file}:${lineNumber}: expected P|TYPE|value|text, N|-|-|text or U|-|-|text, got ${row}`,
      );
    if (byText.has(text)) throw new Error(`${file}:${lineNumber}: ${text} is labelled twice`);
    byText.set(text, { kind, type, value });
  }
  return byText;
}

/** A written text of a text-normalisation test suite, where it stands and in what language. */
export interface WrittenText {
  text: string;
  origin: string;
  language?: string;
  /** The test's class (`telephone`, `cardinal`…), where the suite names one: needsLabel reads it. */
  testClass: string;
}

/**
 * Hand-labelled written texts of a text-normalisation test suite, each distinct text once: a text that
 * could hold claimed PII (needsLabel) takes its label from `labels` (`P|TYPE|value|text`,
 * `N|-|-|text`, `U|-|-|text`; `U` ones are left out and counted in `leftOut`); every other text is a
 * negative. Split into halves by a bit of a hash of the text (halfOf); only `half`'s lines are
 * returned.
 */
export function labelledWrittenTexts(
  texts: readonly WrittenText[],
  labels: string,
  labelFile: string,
  half: "a" | "b",
  context: LineContext,
  leftOut: { count: number } = { count: 0 },
): PiiSecretLine[] {
  const byText = parseLabels(labels, labelFile);
  const seen = new Set<string>();
  const lines: PiiSecretLine[] = [];
  for (const { text, origin, language, testClass } of texts) {
    if (text === "" || seen.has(text)) continue;
    seen.add(text);
    const label = byText.get(text);
    if (label === undefined && needsLabel(text, testClass))
      throw new Error(`${labelFile}: no label for ${JSON.stringify(text)} (${origin})`);
    if (halfOf(text) !== half) continue;
    if (label?.kind === "U") {
      leftOut.count++;
      continue;
    }
    const line: PiiSecretLine = {
      text,
      evaluates: "pii",
      positive: label?.kind === "P",
      types: label?.kind === "P" ? [label.type] : [],
      unclaimed: [],
      language,
      ...context,
      origin,
    };
    if (label?.kind !== "P") {
      lines.push(line);
      continue;
    }
    const start = text.indexOf(label.value);
    lines.push({ ...line, spans: [[label.type, start, start + label.value.length]] });
  }
  return lines;
}

/**
 * The written side of WeTextProcessing's text-normalisation test cases (Chinese, English, Japanese:
 * `tn` cases are written ` => ` spoken, `itn` cases spoken ` => ` written): numbers in running text
 * that are no one's data (dates, times, amounts, measures, maths, scores, train numbers, licence
 * plates) and the phone numbers, e-mail and IP addresses its telephone and electronic cases (and a
 * few others) write, labelled by `labels` (scripts/guardrails/labelled/wetext-number-tests.txt) as
 * labelledWrittenTexts reads them.
 */
export function weTextLines(
  files: readonly WeTextFile[],
  labels: string,
  labelFile: string,
  half: "a" | "b",
  context: LineContext,
  leftOut: { count: number } = { count: 0 },
): PiiSecretLine[] {
  const texts: WrittenText[] = [];
  for (const { path, content } of files) {
    const [, direction, folder = "", testClass = ""] = FILE.exec(path) ?? [];
    if (direction === undefined) continue;
    content.split("\n").forEach((row, index) => {
      const at = row.indexOf(ARROW);
      if (at === -1) return;
      const text = (direction === "tn" ? row.slice(0, at) : row.slice(at + ARROW.length)).trim();
      texts.push({ text, origin: `${path}:${index + 1}`, language: LANGUAGES[folder], testClass });
    });
  }
  return labelledWrittenTexts(texts, labels, labelFile, half, context, leftOut);
}
