import { dialogueHalf, withoutHalfARepeats } from "./extract-dialogues.js";
import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";

/** One text-bound annotation of a BRAT standoff file: its type and [start, end) in the document. */
export interface BratSpan {
  type: string;
  start: number;
  end: number;
}

/**
 * The text-bound annotations (`T1<TAB>TYPE start end<TAB>text`) of a BRAT `.ann` file; a
 * discontinuous one (`TYPE 10 14;17 20`) as its fragments. Relations, events and notes are skipped.
 */
export function readBratSpans(ann: string): BratSpan[] {
  const spans: BratSpan[] = [];
  for (const row of ann.split("\n")) {
    const [id = "", annotation = ""] = row.split("\t");
    if (!id.startsWith("T")) continue;
    const [type = "", ...offsets] = annotation.split(" ");
    for (const fragment of offsets.join(" ").split(";")) {
      const [start, end] = fragment.trim().split(" ").map(Number);
      if (start !== undefined && end !== undefined && Number.isInteger(start) && Number.isInteger(end))
        spans.push({ type, start, end });
    }
  }
  return spans;
}

/** One document of a BRAT corpus: its id (the file name without `.txt`), text and annotations. */
export interface BratDocument {
  id: string;
  text: string;
  ann: string;
}

const DIGIT = /[0-9]/;

/**
 * The lines of documents annotated by people in BRAT's standoff format, each line of a document's
 * text (a paragraph, a form's field) one corpus line, labelled by the source's annotations alone:
 * `claimed` maps the source's entity types to the type they are scored as (`NUMERO_TELEFONO` →
 * `PHONE_NUMBER`); other types in the line are unclaimed. Only lines with a digit or a claimed
 * span are taken. An annotation scheme that tags every entity of its kinds (a de-identification
 * corpus tags every phone number) makes a line without a claimed span a negative, whatever other
 * numbers it holds (dates, ids, postcodes, doses). Lines are split into halves by document
 * (`dialogueHalf` of its id), named after the source's id (`-a` tuned on, `-b` reported); a text
 * already taken from half a is not taken again from half b.
 */
export function bratLines(
  documents: BratDocument[],
  claimed: Record<string, string>,
  language: string,
  folder: string,
  context: LineContext,
): PiiSecretLine[] {
  const lines: PiiSecretLine[] = [];
  for (const document of documents) {
    const half = dialogueHalf(document.id);
    const annotations = readBratSpans(document.ann);
    let lineStart = 0;
    document.text.split("\n").forEach((text, index) => {
      const start = lineStart;
      const end = start + text.length;
      lineStart = end + 1;
      const inLine = annotations.filter((span) => span.start >= start && span.end <= end);
      const spans = inLine
        .filter((span) => claimed[span.type] !== undefined)
        .map((span): [string, number, number] => [
          claimed[span.type] ?? "",
          span.start - start,
          span.end - start,
        ])
        .sort((left, right) => left[1] - right[1]);
      if (!DIGIT.test(text) && spans.length === 0) return;
      const positive = spans.length > 0;
      lines.push({
        text,
        evaluates: "pii",
        positive,
        types: [...new Set(spans.map(([type]) => type))].sort(),
        unclaimed: [
          ...new Set(inLine.filter((span) => claimed[span.type] === undefined).map((span) => span.type)),
        ].sort(),
        language,
        ...(positive ? { spans } : {}),
        ...context,
        source: `${context.source}-${half}`,
        origin: `${folder}/${document.id} line ${index}`,
      });
    });
  }
  return withoutHalfARepeats(lines);
}
