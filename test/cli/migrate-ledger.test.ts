import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runMigrateLedger } from "../../src/cli/migrate-ledger.js";
import { createLogger } from "../../src/logger.js";
import { DEAD_LETTER_FILE } from "../../src/usage/dead-letter-file.js";
import { createLedger, LEDGER_FILE, type UsageRow } from "../../src/usage/index.js";
import { runCli, tempDataDir } from "../support/cli-process.js";
import { useLedgerFixture } from "../usage/ledger-backends.js";
import { usageRecord } from "../usage/usage-record.js";

const fixture = useLedgerFixture();
const logger = createLogger("silent");
const START = Date.UTC(2025, 5, 10);
const ALL_TIME = { since: START, until: START + 30 * 86_400_000 };

/** A SQLite ledger with `count` rows; the first 10 written as a schema-1 file did, with no request id. */
async function sqliteLedger(count: number): Promise<string> {
  const dataDir = tempDataDir();
  const ledger = createLedger({ dataDir, logger });
  for (let index = 0; index < count; index++) {
    ledger.record(
      usageRecord({
        time: START + index * 60_000,
        key: `team-${index % 3}`,
        model: index % 2 === 0 ? "gpt-4o" : "llama-3.3-70b",
        costUsd: 0.001 * (1 + (index % 7)),
        latencyMs: 50 + ((index * 37) % 900),
        cache: index % 5 === 0 ? "hit" : "miss",
      }),
    );
  }
  await ledger.close();
  const db = new Database(join(dataDir, LEDGER_FILE));
  db.prepare("UPDATE usage SET request_id = NULL WHERE id <= 10").run();
  db.close();
  return dataDir;
}

describe("modelmux migrate-ledger", () => {
  it("copies every row into PostgreSQL, verifies the counts, and adds nothing when run again", async () => {
    const dataDir = await sqliteLedger(1_234);
    const target = await fixture.open("postgres");
    const { databaseUrl } = fixture.settingsOf(target);
    let output = "";
    const write = (text: string) => {
      output += text;
    };
    await runMigrateLedger({ to: `${databaseUrl}` }, { dataDir, logger, write });
    expect(output).toContain("1,234 new, 0 already in PostgreSQL");
    expect(output).toContain("verified: all 1,234 rows are in PostgreSQL");
    output = "";
    await runMigrateLedger({ to: `${databaseUrl}` }, { dataDir, logger, write });
    expect(output).toContain("0 new, 1,234 already in PostgreSQL");
    expect(await target.query(ALL_TIME)).toHaveLength(1_234);
    // The same report from both stores: exactly over two days (PostgreSQL reads the rows), and over
    // 30 days (whole days from its rollup) the same sums, with percentiles within the rollup's 5 %.
    const source = createLedger({ dataDir, logger });
    const twoDays = { since: START, until: START + 2 * 86_400_000 };
    for (const groupBy of [undefined, "model", "key", "day"] as const) {
      expect(await target.summarize({ ...twoDays, groupBy })).toEqual(
        await source.summarize({ ...twoDays, groupBy }),
      );
      const fromRollup = await target.summarize({ ...ALL_TIME, groupBy });
      const fromSource = await source.summarize({ ...ALL_TIME, groupBy });
      const withoutPercentiles = ({ latency_p50_ms: _, latency_p95_ms: __, ...sums }: UsageRow) => sums;
      expect(fromRollup.groups.map(withoutPercentiles)).toEqual(fromSource.groups.map(withoutPercentiles));
      expect(withoutPercentiles(fromRollup.totals)).toEqual(withoutPercentiles(fromSource.totals));
      const { latency_p50_ms: p50, latency_p95_ms: p95 } = fromSource.totals;
      expect(Math.abs(fromRollup.totals.latency_p50_ms - p50)).toBeLessThanOrEqual(0.05 * p50);
      expect(Math.abs(fromRollup.totals.latency_p95_ms - p95)).toBeLessThanOrEqual(0.05 * p95);
    }
    await source.close();
  });

  it("copies and verifies every other row when PostgreSQL refuses some, and fails naming the dead-letter file", async () => {
    const dataDir = await sqliteLedger(40);
    const db = new Database(join(dataDir, LEDGER_FILE));
    // SQLite keeps a NUL byte in text; PostgreSQL refuses it (SQLSTATE 22021).
    db.prepare("UPDATE usage SET key = 'team' || char(0) || 'x' WHERE id IN (5, 17)").run();
    db.close();
    const target = await fixture.open("postgres");
    const { databaseUrl } = fixture.settingsOf(target);
    let output = "";
    const run = runMigrateLedger(
      { to: `${databaseUrl}` },
      { dataDir, logger, write: (text) => (output += text) },
    );
    await expect(run).rejects.toThrow(
      /^2 rows were refused by PostgreSQL \(SQLSTATE 22021\) and written to .*usage-dead-letter\.jsonl/,
    );
    expect(output).toContain("verified: all 38 rows are in PostgreSQL");
    expect(await target.query(ALL_TIME)).toHaveLength(38);
    const letters = readFileSync(join(dataDir, DEAD_LETTER_FILE), "utf8").trim().split("\n");
    expect(letters.map((line) => JSON.parse(line).record.key)).toEqual(["team\u0000x", "team\u0000x"]);
  });

  it("runs as a command: exit 0 with the verification on stdout, exit 2 without --to", async () => {
    const dataDir = await sqliteLedger(25);
    const target = await fixture.open("postgres");
    const { databaseUrl } = fixture.settingsOf(target);
    const copied = await runCli(["migrate-ledger", "--to", `${databaseUrl}`], { MODELMUX_DATA_DIR: dataDir });
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain("verified: all 25 rows are in PostgreSQL");
    const missing = await runCli(["migrate-ledger"], { MODELMUX_DATA_DIR: dataDir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--to: expected the PostgreSQL URL");
    const noLedger = await runCli(["migrate-ledger", "--to", `${databaseUrl}`], {
      MODELMUX_DATA_DIR: tempDataDir(),
    });
    expect(noLedger.code).toBe(2);
    expect(noLedger.stderr).toContain("--from: no SQLite ledger at");
  });
});
