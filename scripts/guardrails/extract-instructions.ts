// Ordinary requests to an assistant, read from instruction datasets: IFEval-style prompt files
// (`{"key", "prompt", ...}` per line; M-IFEval, Apache-2.0) and JSON arrays of requests with an
// optional input (GPTeacher's Codegen-Instruct, MIT). Benign, user; responses are not read.
import type { ExtractedLine } from "./extract-injecagent.js";

/**
 * A train+dev file's rows go in blocks of this many, every second block to dev: its rows are ordered by
 * the constraint they test, so dev holds constraints its language's training rows do not show.
 */
const BLOCK = 10;

/** The prompts of an IFEval prompt file, in the language its file name starts with (`fr_input_data.jsonl`). */
export function extractIfevalPrompts(jsonl: string, path: string, split: string): ExtractedLine[] {
  const lang = /(?:^|\/)([a-z]{2})_input_data\.jsonl$/.exec(path)?.[1];
  if (lang === undefined) throw new Error(`${path}: not an IFEval prompt file (<lang>_input_data.jsonl)`);
  return jsonl
    .split("\n")
    .filter((row) => row.trim() !== "")
    .map((row, index) => {
      const { prompt } = JSON.parse(row) as { prompt?: unknown };
      if (typeof prompt !== "string") throw new Error(`${path}: a row without a prompt`);
      const side = split !== "train+dev" ? split : Math.floor(index / BLOCK) % 2 === 1 ? "dev" : "train";
      return { text: prompt, kind: "benign" as const, split: side, lang };
    });
}

/** Each `every`-th request with its input on the next line, where it has one. */
export function extractInstructionRequests(
  rows: { instruction: string; input?: string }[],
  split: string,
  every = 1,
): ExtractedLine[] {
  return rows
    .filter((_, index) => index % every === 0)
    .map((row) => {
      const input = row.input?.trim() ?? "";
      const text = input === "" ? row.instruction : `${row.instruction}\n${input}`;
      return { text, kind: "benign" as const, split, lang: "en" };
    });
}
