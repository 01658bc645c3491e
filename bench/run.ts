import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { benchBatch } from "./batch.js";
import { benchCache } from "./cache.js";
import { benchChaos } from "./chaos.js";
import { benchGateway } from "./gateway.js";
import { benchGuardrails } from "./guardrails.js";
import { benchLedger } from "./ledger.js";
import { benchRouter } from "./router.js";
import { benchStartup } from "./startup.js";

/**
 * `npm run bench`: prints every performance figure the issues set targets for, in one run.
 * `npm run bench -- --peer portkey` also runs the gateway load through Portkey's gateway.
 */
const { values } = parseArgs({ options: { peer: { type: "string" } }, strict: false });
if (values.peer !== undefined && values.peer !== "portkey")
  throw new Error("--peer: only `portkey` is known");
const peer = values.peer === "portkey" ? "portkey" : undefined;
console.log(`modelmux bench — node ${process.version}, ${cpus().length} cores, ${new Date().toISOString()}`);
await benchStartup();
await benchRouter();
await benchChaos();
await benchGuardrails();
await benchLedger();
await benchCache();
await benchBatch();
await benchGateway({ peer });
