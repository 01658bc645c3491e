import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { UsageRecord } from "../core/hooks.js";

/** Records the ledger database refused, one JSON object a line, for an operator to inspect. */
export const DEAD_LETTER_FILE = "usage-dead-letter.jsonl";

export interface DeadLetter {
  record: UsageRecord;
  /** SQLSTATE of the refusal, and the column or constraint it names, when the database gave them. */
  code?: string;
  column?: string;
  constraint?: string;
  /** The database's message (it may quote the refused value: it stays in this file, not in logs). */
  error: string;
}

/** Appends refused records to the dead-letter file in the data dir, each with when and why. */
export function appendDeadLetters(dataDir: string, letters: readonly DeadLetter[]): void {
  if (letters.length === 0) return;
  mkdirSync(dataDir, { recursive: true });
  const at = new Date().toISOString();
  let text = "";
  for (const letter of letters) text += `${JSON.stringify({ at, ...letter })}\n`;
  appendFileSync(join(dataDir, DEAD_LETTER_FILE), text);
}
