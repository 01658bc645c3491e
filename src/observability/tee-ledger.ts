import type { UsageLedger, UsageRecord } from "../core/hooks.js";

export interface RecordObserver {
  observe(record: UsageRecord): void;
}

/**
 * The ledger the orchestrator writes to, also seen by observers (Prometheus metrics, the request
 * log): every record reaches all of them, so /metrics, logs and the dashboard never disagree.
 * An observer that throws is skipped; the ledger write always happens first.
 */
export function teeLedger(ledger: UsageLedger, ...observers: RecordObserver[]): UsageLedger {
  return {
    record(record: UsageRecord) {
      ledger.record(record);
      for (const observer of observers) {
        try {
          observer.observe(record);
        } catch {
          // Observability must never fail a request.
        }
      }
    },
  };
}
