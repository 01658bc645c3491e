// Child process for the kill -9 bound: records one row every GAP_MS on the PostgreSQL ledger and
// prints each row's index once recorded, until it is killed.

import { createLogger } from "../../src/logger.js";
import { createLedger } from "../../src/usage/index.js";
import { usageRecord } from "./usage-record.js";

const [dataDir, databaseUrl, gapMs, flushIntervalMs] = process.argv.slice(2);
if (!dataDir || !databaseUrl)
  throw new Error("usage: ledger-stream-child DATA_DIR DATABASE_URL GAP_MS FLUSH_MS");
const ledger = createLedger({
  dataDir,
  databaseUrl,
  logger: createLogger("silent"),
  flushIntervalMs: Number(flushIntervalMs),
});
let index = 0;
setInterval(() => {
  ledger.record(usageRecord({ requestId: `stream-${index}`, time: Date.now(), latencyMs: index }));
  process.stdout.write(`${index}\n`);
  index += 1;
}, Number(gapMs));
