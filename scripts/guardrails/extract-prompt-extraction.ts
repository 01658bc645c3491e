// "Effective Prompt Extraction from Language Models" (Zhang, Carlini and Ippolito; y0mingzhang/
// prompt-extraction, MIT): the attack queries that made models reveal their system prompts: the
// handwritten ones and GPT-4's paraphrases of them (generated.json), the same with an encoding asked
// for (Caesar cipher, 5-gram-attacks.json), and the queries that extracted the system prompts of
// Bard, Bing Chat, ChatGPT and Claude (real-services/*-prompt.txt; Chinese, Japanese, Arabic and
// Finnish among them). All prompt_injection, user messages. The extracted system prompts and the
// data/ folder (system prompts the paper extracted, partly from a reserved collection) are not read.
import type { ExtractedLine } from "./extract-injecagent.js";

export function extractPromptExtraction(files: {
  generated: string[];
  encoded: { "attack-string": string }[];
  services: { path: string; text: string }[];
}): ExtractedLine[] {
  const lines: ExtractedLine[] = [];
  for (const text of files.generated)
    lines.push({ text, kind: "prompt_injection", split: "train", lang: "en" });
  for (const entry of files.encoded)
    lines.push({ text: entry["attack-string"], kind: "prompt_injection", split: "train", lang: "en" });
  for (const file of files.services) {
    // `<service>/<lang>-prompt.txt`: the query is in that language (it has characters
    // beyond ASCII), or in English asking for a translation.
    const lang = /[^ -~\s“”’]/.test(file.text) ? (/\/(\w+)-prompt\.txt$/.exec(file.path)?.[1] ?? "en") : "en";
    lines.push({ text: file.text, kind: "prompt_injection", split: "train", lang });
  }
  return lines;
}
