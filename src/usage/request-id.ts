import { randomUUID } from "node:crypto";
import type { UsageRecord } from "../core/hooks.js";

/** The record as a ledger keeps it: with a request id, so writing it twice stores it once. */
export function withRequestId(record: UsageRecord): UsageRecord {
  return record.requestId === undefined ? { ...record, requestId: randomUUID() } : record;
}
