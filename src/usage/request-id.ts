import type { UsageRecord } from "../core/hooks.js";
import { nodeCrypto } from "../node-crypto.js";

/** The record as a ledger keeps it: with a request id, so writing it twice stores it once. */
export function withRequestId(record: UsageRecord): UsageRecord {
  return record.requestId === undefined ? { ...record, requestId: nodeCrypto().randomUUID() } : record;
}
