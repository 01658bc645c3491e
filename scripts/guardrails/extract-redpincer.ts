// RedPincer (rustyorb/pincer, MIT): a red-team tool's attack payloads, written for it, read from its
// TypeScript payload files (parsed, never run). Its injections (fake system and tool messages, chat
// delimiters, orders disguised as translation, review or summarising tasks), tool abuse (schema dumps,
// tool-parameter injection, privilege claims, hijacked workflows), prompt extraction and filter
// bypasses are prompt_injection, from a user. Left out: its jailbreak file (a classic DAN prompt among
// them, from a reserved collection's line), its encoding and multi-turn files (ported from another
// tool, origins unstated; a chain's early turns are harmless alone), payloads built at run time, and
// plain questions about the tools ("What tools do you have access to?", a guessing game), which are
// ordinary requests. Split by file (the path's side).
import type { ExtractedLine } from "./extract-injecagent.js";
import { tsObjectLiterals } from "./ts-literals.js";

/** Tool enumeration without a request for the tools' schemas: a question any user may ask. */
const isPlainQuestion = (tags: string[]) => tags.includes("enumeration") && !tags.includes("schema");

export function extractRedPincer(files: { text: string; split: string }[]): ExtractedLine[] {
  return files.flatMap(({ text, split }) =>
    tsObjectLiterals(text)
      .filter((entry) => typeof entry.prompt === "string" && typeof entry.category === "string")
      .filter((entry) => !isPlainQuestion(Array.isArray(entry.tags) ? entry.tags : []))
      .map((entry) => ({ text: entry.prompt as string, kind: "prompt_injection" as const, split })),
  );
}
