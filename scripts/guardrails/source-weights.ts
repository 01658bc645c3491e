// How the trainer (train-attack-model.ts) weighs its training texts by source: each class weighs as
// much as the others in total, whatever its number of lines; within a class a source weighs as the
// square root of its size, so a thousand easy lines (maths questions, API requests) do not drown the
// few hard ones (requests that use an attack's words). With BY_LANGUAGE a source's language parts are
// weighed as sources of their own; SOURCE_LANGUAGES says how a source in several languages is weighed.

/**
 * "parts": each language part as a source of its own (√ of each part's lines), so a source
 * weighs more the more languages it is tagged in. "rescale" (shipped): a source's lines in languages
 * with no benign training text weigh in its largest part (languagePartOf). The twenty-fifth round's
 * other modes ("share", "attack-share", "fold") were dropped once rescale shipped (train-attack-model.ts
 * keeps their figures).
 */
export type SourceLanguages = "parts" | "rescale";

export const SOURCE_LANGUAGE_MODES: readonly SourceLanguages[] = ["parts", "rescale"];

/** Unset: "rescale", the shipped model's. */
export function sourceLanguagesMode(value: string | undefined): SourceLanguages {
  const mode = (value ?? "rescale") as SourceLanguages;
  if (!SOURCE_LANGUAGE_MODES.includes(mode)) throw new Error(`SOURCE_LANGUAGES: unknown mode "${value}"`);
  return mode;
}

export interface PartLine {
  text?: string;
  kind: string;
  source: string;
  lang: string;
}

/**
 * The language part a line of a multilingual source is weighed in (its language balance still reads
 * `line.lang`). `known`: the languages with benign training text. "parts": its own language.
 * "rescale": it is in its source's largest part of a known language (per
 * kind; ties to the first code in order), so a source retagged into more languages with no benign
 * text (CyberSecEval: Italian, Korean, Thai… read as English before) keeps the weight it had, its
 * added languages' lines weighing as its largest part's. A source with no line in a known language
 * keeps its own parts.
 */
export function languagePartOf(
  lines: readonly PartLine[],
  known: ReadonlySet<string>,
  mode: SourceLanguages,
): (line: PartLine) => string {
  if (mode !== "rescale") return (line) => line.lang;
  const counts = new Map<string, Map<string, number>>();
  for (const line of lines) {
    if (!known.has(line.lang)) continue;
    const key = `${line.kind} ${line.source}`;
    const byLang = counts.get(key) ?? new Map<string, number>();
    byLang.set(line.lang, (byLang.get(line.lang) ?? 0) + 1);
    counts.set(key, byLang);
  }
  const largest = new Map<string, string>();
  for (const [key, byLang] of counts) {
    const [lang] = [...byLang].sort(
      ([left, leftCount], [right, rightCount]) => rightCount - leftCount || (left < right ? -1 : 1),
    )[0] ?? [""];
    largest.set(key, lang);
  }
  return (line) =>
    known.has(line.lang) ? line.lang : (largest.get(`${line.kind} ${line.source}`) ?? line.lang);
}

export interface WeighedText {
  label: number;
  /** The balance key: `source` or `source|part`. */
  source: string;
}

/**
 * Each text's weight before the per-language balance: `classTotal` (the texts per class on average)
 * shared among a class's sources by √ (SOURCE_POWER) of their lines, and a source's share among its
 * lines. `balance` false: every line of a class weighs the same.
 */
export function sourceWeights(
  texts: readonly WeighedText[],
  options: { classCount: number; power: number; balance: boolean },
): (label: number, source: string) => number {
  const { classCount, power, balance } = options;
  const counts = new Array<number>(classCount).fill(0);
  const perSource = new Map<string, number>();
  for (const { label, source } of texts) {
    counts[label] = (counts[label] ?? 0) + 1;
    perSource.set(`${label} ${source}`, (perSource.get(`${label} ${source}`) ?? 0) + 1);
  }
  const rootSum = new Array<number>(classCount).fill(0);
  for (const [key, count] of perSource) {
    const label = Number(key.slice(0, key.indexOf(" ")));
    rootSum[label] = (rootSum[label] ?? 0) + count ** power;
  }
  const classTotal = texts.length / classCount;
  return (label, source) => {
    if (!balance) return classTotal / Math.max(1, counts[label] ?? 0);
    const count = perSource.get(`${label} ${source}`) ?? 1;
    return (classTotal * count ** power) / (rootSum[label] ?? 1) / count;
  };
}
