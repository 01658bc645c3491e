import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { UsageRecord } from "../core/hooks.js";
import { nodeCrypto } from "../node-crypto.js";

/** Where records wait while the shared ledger database is down: one JSON record per line. */
export const SPILL_FILE = "usage-spill.jsonl";
const SPILL_NAME = /^usage-spill(?:-replay-[\w-]+)?\.jsonl$/;

/**
 * Appends records to the spill file in the data dir in one write (synchronous: it also runs at
 * process exit). Each record has its request id, so replaying one twice stores it once.
 */
export function spillRecords(dataDir: string, records: readonly UsageRecord[]): void {
  if (records.length === 0) return;
  mkdirSync(dataDir, { recursive: true });
  let text = "";
  for (const record of records) text += `${JSON.stringify(record)}\n`;
  appendFileSync(join(dataDir, SPILL_FILE), text);
}

export interface ClaimedSpill {
  path: string;
  records: UsageRecord[];
  /** Lines that did not parse as a JSON object (a line torn by a crash mid-append). */
  unreadable: number;
}

/**
 * Takes every spill file in the data dir for replay: each is renamed first (atomic), so new spills
 * go to a fresh file and two replays never read the same one. A claimed file whose replay fails
 * keeps a spill name and is claimed again next time.
 */
export function claimSpills(dataDir: string): ClaimedSpill[] {
  let names: string[];
  try {
    names = readdirSync(dataDir).filter((name) => SPILL_NAME.test(name));
  } catch {
    return [];
  }
  const claimed: ClaimedSpill[] = [];
  for (const name of names) {
    const path = join(dataDir, `usage-spill-replay-${nodeCrypto().randomUUID()}.jsonl`);
    try {
      renameSync(join(dataDir, name), path);
    } catch {
      continue; // Another replay took it.
    }
    const records: UsageRecord[] = [];
    let unreadable = 0;
    for (const line of readFileSync(path, "utf8").split("\n")) {
      if (line === "") continue;
      try {
        const record: unknown = JSON.parse(line);
        // Only an object can be a record; anything else would fail every replay.
        if (typeof record === "object" && record !== null && !Array.isArray(record))
          records.push(record as UsageRecord);
        else unreadable += 1;
      } catch {
        unreadable += 1;
      }
    }
    claimed.push({ path, records, unreadable });
  }
  return claimed;
}

/** Removes a spill file once its records are in the database. */
export function removeSpill(spill: ClaimedSpill): void {
  try {
    unlinkSync(spill.path);
  } catch {}
}
