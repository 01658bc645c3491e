import type { Pool } from "pg";
import type { UsageRecord } from "../../core/hooks.js";
import type { DeadLetter } from "../dead-letter-file.js";
import { isRejection, isTransient, rejectionFields } from "./classify-pg-error.js";
import { insertRecords } from "./pg-statements.js";

/** A deadlock or serialization failure is retried at once, this many times, before the batch waits. */
const TRANSIENT_RETRIES = 3;

export interface InsertOutcome {
  /** Rows stored now (a request id already stored is not counted). */
  added: number;
  /** Records the database refused for their data, each alone, with the reason. */
  rejected: DeadLetter[];
}

/**
 * Inserts the records in one statement. When the database refuses the batch for its data (see
 * isRejection), it is split in halves and each half tried again, down to single records, so the
 * refused ones are found in O(r·log n) statements and every other record is stored. The insert is
 * idempotent, so retrying halves never stores a record twice. A statement that lost a race with
 * another instance's (deadlock, serialization failure) is retried. Throws when the database cannot
 * take records at all (down, restarting): the caller keeps the whole batch for later.
 */
export async function insertIsolating(pool: Pool, records: readonly UsageRecord[]): Promise<InsertOutcome> {
  const rejected: DeadLetter[] = [];
  async function insert(part: readonly UsageRecord[], retries = TRANSIENT_RETRIES): Promise<number> {
    try {
      return await insertRecords(pool, part);
    } catch (error) {
      if (isTransient(error) && retries > 0) return insert(part, retries - 1);
      if (!isRejection(error)) throw error;
      const [only] = part;
      if (part.length === 1 && only) {
        rejected.push({
          record: only,
          ...rejectionFields(error),
          error: error instanceof Error ? error.message : String(error),
        });
        return 0;
      }
      const middle = part.length >>> 1;
      return (await insert(part.slice(0, middle))) + (await insert(part.slice(middle)));
    }
  }
  const added = records.length === 0 ? 0 : await insert(records);
  return { added, rejected };
}
