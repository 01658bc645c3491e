import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { codeLines } from "./code-lines.js";
import { composedLines } from "./compose-attacks.js";
import type { CorpusKind, CorpusLine } from "./corpus-line.js";

/** The source name of the rules' evaluation set's lines (training lines; choose-thresholds.ts caps on its benign ones). */
export const EVAL_SET_SOURCE = "modelmux-eval-set";

export type { CorpusKind, CorpusLine } from "./corpus-line.js";

const root = join(import.meta.dirname, "../..");
export const PUBLIC_CORPUS = join(root, ".attack-corpus/public.jsonl");

/**
 * Lines written for this corpus (committed under scripts/guardrails/authored/): one source per file.
 * Format per line: `kind|context|text` or `kind|context|lang|text` (kind I/J/B; context u/d/t).
 */
const AUTHORED: { file: string; source: string; split: string; lang?: string }[] = [
  { file: "train-en.txt", source: "authored-train-en", split: "train", lang: "en" },
  { file: "train-en-2.txt", source: "authored-train-en", split: "train", lang: "en" },
  { file: "train-multi.txt", source: "authored-train-multilingual", split: "train" },
  { file: "train-multi-2.txt", source: "authored-train-multilingual", split: "train" },
  { file: "train-multi-3.txt", source: "authored-train-multilingual", split: "train" },
  { file: "train-multi-4.txt", source: "authored-train-multilingual", split: "train" },
  { file: "train-multi-5.txt", source: "authored-train-multilingual", split: "train" },
  // Trained only with REQUEST_SOURCES_TRAIN (train-attack-model.ts): the shipped model was trained without.
  { file: "train-multi-6.txt", source: "authored-train-request-languages", split: "train" },
  { file: "dev-mixed.txt", source: "authored-dev-mixed", split: "dev" },
  { file: "dev-multi-2.txt", source: "authored-dev-mixed", split: "dev" },
  { file: "test-multi.txt", source: "authored-test-multilingual", split: "test" },
  { file: "test-multi-2.txt", source: "authored-test-multilingual-2", split: "test" },
];
const KINDS: Record<string, CorpusKind> = { I: "prompt_injection", J: "jailbreak", B: "benign" };
const CONTEXTS: Record<string, string> = { u: "user", d: "document", t: "tool_result" };

function authoredLines(): CorpusLine[] {
  const lines: CorpusLine[] = [];
  for (const { file, source, split, lang } of AUTHORED) {
    const text = readFileSync(join(import.meta.dirname, "authored", file), "utf8");
    for (const row of text.split("\n")) {
      if (row.trim() === "" || row.startsWith("#")) continue;
      const fields = row.split("|");
      const kind = KINDS[fields[0] ?? ""];
      const context = CONTEXTS[fields[1] ?? ""];
      if (kind === undefined || context === undefined) throw new Error(`${file}: bad line ${row}`);
      const [lineLang, body] =
        lang === undefined ? [fields[2] ?? "", fields.slice(3).join("|")] : [lang, fields.slice(2).join("|")];
      lines.push({ text: body, kind, source, split, lang: lineLang, licence: "MIT (this project)", context });
    }
  }
  return lines;
}

/**
 * The rules' own evaluation set (test/fixtures/guardrails-eval.jsonl): attacks and hard benign text,
 * trained on (its hard negatives teach the model what attack-like words from a user mean), so its
 * test in test/guardrails/ is no measure of the model.
 */
function evalSetLines(): CorpusLine[] {
  const path = join(root, "test/fixtures/guardrails-eval.jsonl");
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const entry = JSON.parse(line) as { text: string; labels: string[] };
      const kind: CorpusKind = entry.labels.includes("jailbreak")
        ? "jailbreak"
        : entry.labels.includes("prompt_injection")
          ? "prompt_injection"
          : "benign";
      return {
        text: entry.text,
        kind,
        source: EVAL_SET_SOURCE,
        split: "train",
        lang: "en",
        licence: "MIT (this project)",
      };
    });
}

/** The whole corpus: public lines when they have been built (`npm run corpus:guardrails`), authored lines always. */
export function loadCorpus(): { lines: CorpusLine[]; publicPresent: boolean } {
  const publicPresent = existsSync(PUBLIC_CORPUS);
  const publicLines = publicPresent
    ? readFileSync(PUBLIC_CORPUS, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as CorpusLine)
    : [];
  return {
    lines: [...publicLines, ...authoredLines(), ...composedLines(), ...evalSetLines(), ...codeLines()],
    publicPresent,
  };
}
