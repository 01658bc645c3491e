import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { NATIVE_REGEXP_FLAG } from "../src/native-regexps.js";

/**
 * `npm run bench`: prints every performance figure the issues set targets for, in one run.
 * `npm run bench -- --peer portkey` also runs the gateway load through Portkey's gateway;
 * `--instructions` adds instruction counts per /v1 request (bench/instructions.ts, needs valgrind).
 * Each part runs in a process of its own, so one part's heap, timers and children cannot slow the
 * next part's measurements.
 */
const { values } = parseArgs({
  options: { peer: { type: "string" }, instructions: { type: "boolean" } },
  strict: false,
});
if (values.peer !== undefined && values.peer !== "portkey")
  throw new Error("--peer: only `portkey` is known");
const PARTS = [
  "startup",
  "router",
  "chaos",
  "guardrails",
  "pii-secrets",
  "tokens",
  "ledger",
  "ledger-postgres",
  "cache",
  "batch",
  "gateway",
  "doors",
  "hostile",
];
// Instruction counts need valgrind and take ~2.5 min: only with `--instructions`.
if (values.instructions) PARTS.push("instructions");

console.log(`modelmux bench — node ${process.version}, ${cpus().length} cores, ${new Date().toISOString()}`);
let failed = 0;
for (const part of PARTS) {
  // Under the V8 flag the built server runs with, so that in-process figures are the server's.
  const args = [NATIVE_REGEXP_FLAG, "--import", "tsx", join(import.meta.dirname, `${part}.ts`)];
  if (part === "gateway" && values.peer) args.push("--peer", values.peer);
  const { status } = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (status !== 0) {
    failed++;
    console.error(`bench part ${part} failed (exit ${status})`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
