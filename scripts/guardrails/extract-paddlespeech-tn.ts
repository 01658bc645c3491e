import type { LineContext } from "./extract-pii-secret.js";
import { labelledWrittenTexts, type WrittenText } from "./extract-wetext.js";
import type { PiiSecretLine } from "./pii-secret-line.js";

/** A case of PaddleSpeech's text-normalisation test file: the written text, `|`, what it normalises to. */
const SEPARATOR = "|";

/** The written side of each case of PaddleSpeech's Chinese text-normalisation test file (`written|spoken`). */
export function paddleSpeechWrittenTexts(path: string, content: string): WrittenText[] {
  return content.split("\n").flatMap((row, index) => {
    const at = row.indexOf(SEPARATOR);
    if (at === -1) return [];
    return [
      { text: row.slice(0, at).trim(), origin: `${path}:${index + 1}`, language: "Chinese", testClass: "" },
    ];
  });
}

/**
 * PaddleSpeech's Chinese text-normalisation test cases (examples/other/tn/data/textnorm_test_cases.txt):
 * call-centre prompts, news and everyday sentences with numbers that are no one's data (dates, times,
 * amounts, percentages, measures, scores, ids, menu keys) and the phone numbers some of them write,
 * labelled by hand as labelledWrittenTexts reads the labels (the same rule as WeTextProcessing's).
 */
export function paddleSpeechTnLines(
  files: readonly { path: string; content: string }[],
  labels: string,
  labelFile: string,
  half: "a" | "b",
  context: LineContext,
  leftOut: { count: number } = { count: 0 },
): PiiSecretLine[] {
  const texts = files.flatMap(({ path, content }) => paddleSpeechWrittenTexts(path, content));
  return labelledWrittenTexts(texts, labels, labelFile, half, context, leftOut);
}
