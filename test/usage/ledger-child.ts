// Child process for crash tests: records COUNT rows, says so on stdout, then idles until killed.

import { createLogger } from "../../src/logger.js";
import { createLedger } from "../../src/usage/index.js";
import { usageRecord } from "./usage-record.js";

const [dataDir, count, flushIntervalMs, databaseUrl] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: ledger-child DATA_DIR COUNT FLUSH_INTERVAL_MS [DATABASE_URL]");
const ledger = createLedger({
  dataDir,
  ...(databaseUrl && { databaseUrl }),
  logger: createLogger("silent"),
  flushIntervalMs: Number(flushIntervalMs),
});
for (let index = 0; index < Number(count); index++) {
  ledger.record(usageRecord({ time: Date.now(), latencyMs: index, key: "team-a", costUsd: 0.01 }));
}
process.stdout.write("recorded\n");
setInterval(() => {}, 60_000);
