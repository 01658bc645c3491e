// τ-bench (sierra-research/tau-bench, MIT) and τ²-bench (sierra-research/tau2-bench, MIT): what
// customers say to a tool-using support agent (orders that name order numbers, items, amounts,
// payment methods, reservations), the tools' answers (JSON records of orders, users, flights), and
// the briefs that tell a simulated customer who to be ("Your name is … You want to exchange …",
// "You are playing the role of a customer …"). All benign: requests and role briefs, not attacks.
import type { ExtractedLine } from "./extract-injecagent.js";

/** What τ-bench's user simulator writes to end a conversation: a marker of the benchmark, not of the customer. */
const STOP_MARKER = /\s*###STOP###\s*/g;

/** The turns of a τ-bench few-shot dialogue: `messages_display` is "user: …\nassistant: …\ntool: …". */
export function dialogueTurns(display: string): { role: string; text: string }[] {
  return display.split(/\n(?=(?:user|assistant|tool): )/).map((turn) => {
    const match = /^(user|assistant|tool): ([\s\S]*)$/.exec(turn);
    if (match === null) throw new Error(`τ-bench dialogue: a turn without a role: ${turn.slice(0, 60)}`);
    return { role: match[1] ?? "", text: match[2] ?? "" };
  });
}

/**
 * The customers' turns (user lines) and the tools' outputs (benign tool_result lines) of τ-bench's
 * few-shot dialogues. `split` is a file's side: "train", "dev", or "train+dev" (every third dialogue dev).
 */
export function extractTauDialogues(files: { jsonl: string; split: string }[]): ExtractedLine[] {
  const lines: ExtractedLine[] = [];
  for (const { jsonl, split: fileSplit } of files) {
    const rows = jsonl.split("\n").filter((row) => row.trim() !== "");
    rows.forEach((row, index) => {
      const split = fileSplit === "train+dev" ? (index % 3 === 2 ? "dev" : "train") : fileSplit;
      const { messages_display: display } = JSON.parse(row) as { messages_display?: unknown };
      if (typeof display !== "string") throw new Error(`τ-bench dialogue ${index}: no messages_display`);
      for (const { role, text } of dialogueTurns(display)) {
        if (role === "user")
          lines.push({ text: text.replace(STOP_MARKER, " ").trim(), kind: "benign", split, lang: "en" });
        if (role === "tool") lines.push({ text, kind: "benign", split, context: "tool_result", lang: "en" });
      }
    });
  }
  return lines;
}

/** τ-bench's task briefs (the `instruction` of each task, read from its tasks*.py), one file per side. */
export function extractTauBriefs(files: { instructions: string[]; split: string }[]): ExtractedLine[] {
  return files.flatMap(({ instructions, split }) =>
    instructions.map((text) => ({ text, kind: "benign" as const, split, lang: "en" })),
  );
}

/** τ²-bench's user scenarios: the brief a simulated customer gets (a string in the knowledge domains). */
export function extractTau2Scenarios(
  tasks: { id: string; user_scenario?: { instructions?: unknown } }[],
  split: string,
): ExtractedLine[] {
  return tasks.map((task) => {
    const text = task.user_scenario?.instructions;
    if (typeof text !== "string")
      throw new Error(`τ²-bench task ${task.id}: its user scenario is not a text`);
    return { text, kind: "benign", split, lang: "en" };
  });
}
