import { errorMessage } from "../errors.js";
import type { Logger } from "../logger.js";

const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 10_000;

export type StoreOperation = "read" | "write";

export interface StoreHealth {
  /** False while this operation is failing and its back-off has not elapsed: skip the store (no-cache). */
  available(operation: StoreOperation): boolean;
  failed(operation: StoreOperation, error: unknown): void;
  succeeded(operation: StoreOperation): void;
}

interface Failure {
  retryAt: number;
  backoffMs: number;
}

/**
 * Tracks store incidents. An incident starts at the first failing operation (one warning) and ends
 * when every failing operation has worked again (one info line). While an operation is failing it
 * is skipped for a back-off (1 s doubling to 10 s), then one call probes again. Reads and writes are
 * tracked apart so a full disk (writes fail) still serves the entries already stored.
 */
export function createStoreHealth(logger: Logger, store: string, now: () => number = Date.now): StoreHealth {
  const failing = new Map<StoreOperation, Failure>();
  let failures = 0;

  return {
    available(operation) {
      const failure = failing.get(operation);
      return failure === undefined || now() >= failure.retryAt;
    },
    failed(operation, error) {
      failures++;
      if (failing.size === 0) {
        logger.warn(
          { store, operation, error: errorMessage(error) },
          "cache store failing: serving without cache until it recovers",
        );
      }
      const previous = failing.get(operation);
      const backoffMs = previous ? Math.min(MAX_BACKOFF_MS, previous.backoffMs * 2) : FIRST_BACKOFF_MS;
      failing.set(operation, { backoffMs, retryAt: now() + backoffMs });
    },
    succeeded(operation) {
      if (!failing.delete(operation) || failing.size > 0) return;
      logger.info({ store, failures }, "cache store recovered");
      failures = 0;
    },
  };
}
