// GPTeacher's Roleplay-Instruct (teknium1/GPTeacher, MIT): requests to take on a part ("Imagine you
// are a detective …", "Pretend you are Jane Goodall and …", "Take the role of a consultant …",
// "You are a pirate captain …"), with the request's input where it has one. Benign: the look-alikes
// of persona jailbreaks. The responses are not read.
import type { ExtractedLine } from "./extract-injecagent.js";

/** Rows are written in batches; whole blocks go to one side, so a batch's near-repeats stay together. */
const BLOCK = 100;

/** "I want you to act as …" is the reserved awesome-chatgpt-prompts' form: such rows are left out. */
const RESERVED_FORM = /^\s*i want you to act as/i;

export function extractRoleplayRequests(rows: { instruction: string; input?: string }[]): ExtractedLine[] {
  const lines: ExtractedLine[] = [];
  rows.forEach((row, index) => {
    if (RESERVED_FORM.test(row.instruction)) return;
    const input = row.input?.trim() ?? "";
    const text = input === "" ? row.instruction : `${row.instruction}\n${input}`;
    const split = Math.floor(index / BLOCK) % 3 === 2 ? "dev" : "train";
    lines.push({ text, kind: "benign", split, lang: "en" });
  });
  return lines;
}
