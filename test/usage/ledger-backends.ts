import { afterAll, beforeAll } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createLedger, type Ledger, type LedgerOptions } from "../../src/usage/index.js";
import { tempDataDir } from "../support/cli-process.js";
import { type PostgresServer, startPostgresServer } from "../support/postgres-server.js";

export type BackendName = "sqlite" | "postgres";
export const BACKENDS: BackendName[] = ["sqlite", "postgres"];

/** Options a test may set; SQLite-only ones (memory index, WAL) are ignored on PostgreSQL. */
export type OpenOptions = Partial<Omit<LedgerOptions, "logger">>;

export interface LedgerFixture {
  /** A fresh, empty ledger on `backend` (its own data dir; its own database on PostgreSQL). */
  open(backend: BackendName, options?: OpenOptions): Promise<Ledger>;
  /** Another ledger on the same store as `ledger` (a reopen, or a second instance). */
  reopen(ledger: Ledger, options?: OpenOptions): Ledger;
  /** The settings `ledger` was opened with, for child processes. */
  settingsOf(ledger: Ledger): { dataDir: string; databaseUrl?: string };
  server(): PostgresServer;
}

/**
 * Ledgers on both backends for a shared test suite: one throwaway PostgreSQL per test file
 * (started in beforeAll), one database per ledger. Every ledger opened is closed after the file.
 */
export function useLedgerFixture(): LedgerFixture {
  const logger = createLogger("silent");
  let postgres: PostgresServer | undefined;
  const settings = new Map<Ledger, { dataDir: string; databaseUrl?: string }>();
  beforeAll(async () => {
    postgres = await startPostgresServer();
  }, 60_000);
  afterAll(async () => {
    await Promise.allSettled([...settings.keys()].map((ledger) => ledger.close()));
    await postgres?.destroy();
  });

  function make(place: { dataDir: string; databaseUrl?: string }, options: OpenOptions): Ledger {
    const ledger = createLedger({ ...options, ...place, logger });
    settings.set(ledger, place);
    return ledger;
  }

  return {
    async open(backend, options = {}) {
      const dataDir = options.dataDir ?? tempDataDir();
      if (backend === "sqlite") return make({ dataDir }, options);
      if (!postgres) throw new Error("PostgreSQL is not running");
      return make({ dataDir, databaseUrl: await postgres.createDatabase() }, options);
    },
    reopen(ledger, options = {}) {
      const place = settings.get(ledger);
      if (!place) throw new Error("unknown ledger");
      return make(place, options);
    },
    settingsOf(ledger) {
      const place = settings.get(ledger);
      if (!place) throw new Error("unknown ledger");
      return place;
    },
    server() {
      if (!postgres) throw new Error("PostgreSQL is not running");
      return postgres;
    },
  };
}
