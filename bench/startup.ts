import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { listToolsOverStdio } from "../scripts/stdio-handshake.mjs";
import { createCatalog } from "../src/catalog/catalog.js";
import { loadTokenizers } from "../src/tokens/count-tokens.js";
import { estimateCost } from "../src/tools/estimate-cost.js";
import { CLI_ARGS, cleanEnv } from "../test/support/cli-process.js";
import { connectInMemory } from "../test/support/in-memory-server.js";
import { longestStall } from "../test/support/loop-gaps.js";
import { formatMs, median, percentile, printTable } from "./stats.js";

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function startOnce(): Promise<{ ms: number; client: Client; pid: number }> {
  const started = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...CLI_ARGS],
    env: cleanEnv({ MODELMUX_LOG_LEVEL: "silent" }),
    stderr: "ignore",
  });
  const client = new Client({ name: "bench", version: "1" });
  await client.connect(transport);
  await client.listTools();
  return { ms: performance.now() - started, client, pid: transport.pid ?? 0 };
}

/**
 * Spawn → the first tools/list answer arriving whole on the client's end of the pipe, with a bare
 * JSON-RPC client doing what every MCP client does first: initialize, initialized, tools/list.
 * The SDK's Client (startOnce) also compiles every tool's output schema once the list arrives:
 * client work, not the server's start-up, so it is reported as a row of its own.
 */
function rawStartOnce(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...CLI_ARGS], {
    env: cleanEnv({ MODELMUX_LOG_LEVEL: "silent" }),
    stdio: ["pipe", "pipe", "ignore"],
  });
  return listToolsOverStdio(child, "bench").then(() => {
    const ms = performance.now() - started;
    child.stdin.end(); // the server exits when its input closes
    return ms;
  });
}

/** A 10 KB prompt of mixed prose and code, like a real delegated sub-task. */
export function tenKilobytePrompt(): string {
  const block =
    "Review this function and list every bug you find, then propose a fix.\n" +
    "function total(items) { let sum = 0; for (let i = 0; i <= items.length; i++) sum += items[i].price * items[i].qty; return sum }\n" +
    "Customers reported totals off by one item on orders placed after 2024-03-01; see ticket OPS-4411.\n";
  return block.repeat(Math.ceil(10_240 / block.length)).slice(0, 10_240);
}

/** The longest time the event loop was held while `work` ran, and how long `work` took. */
async function stallAndTotal(work: () => Promise<unknown>): Promise<{ stall: number; total: number }> {
  const started = performance.now();
  const stall = await longestStall(work);
  return { stall, total: performance.now() - started };
}

/** One estimate_cost of the 10 KB prompt: its time, rows, and rows counted by the proxy while their tokenizer loads. */
async function timedEstimate(client: Client, kind: "all" | "routable") {
  const started = performance.now();
  const answer = await client.callTool({
    name: "estimate_cost",
    arguments: { text: tenKilobytePrompt(), kind },
  });
  const ms = performance.now() - started;
  const rows = (answer.structuredContent as { rows: { token_method: string }[] }).rows;
  const waiting = rows.filter((row) => /proxy while the .* load/.test(row.token_method)).length;
  return { ms, waiting, rows: rows.length };
}

/** A model of each open family (src/tokens/family-encodings.ts), after one counted with o200k_base. */
const STEP_MODELS = ["gpt-4o", "llama-3.3-70b", "qwen3-32b", "deepseek-ai/DeepSeek-V3", "mistral-nemo"];

/**
 * A fresh built server's RSS idle, then after an estimate_cost for each of STEP_MODELS in turn
 * (the first loads the price catalog, o200k_base and the guardrails' thread; each next one a
 * family's vocabulary on the worker thread), each taken once that model's row is exact.
 */
async function rssByStep(): Promise<number[]> {
  const { client, pid } = await startOnce();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const steps = [rssMb(pid)];
  for (const model of STEP_MODELS) {
    for (let tries = 0; tries < 300; tries++) {
      const answer = await client.callTool({
        name: "estimate_cost",
        arguments: { text: tenKilobytePrompt(), models: [model] },
      });
      const rows = (answer.structuredContent as { rows: { tokens_exact: boolean }[] }).rows;
      if (rows.length === 0) throw new Error(`bench startup: no estimate for ${model}`);
      if (rows.every((row) => row.tokens_exact)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await settle();
    steps.push(rssMb(pid));
  }
  await client.close();
  return steps;
}

export async function benchStartup(): Promise<void> {
  const rawTimes: number[] = [];
  for (let run = 0; run < 10; run++) rawTimes.push(await rawStartOnce());
  const times: number[] = [];
  let idleRss = 0;
  let warmRss = 0;
  let builtFirstAll = { ms: 0, waiting: 0, rows: 0 };
  let builtUntilExact = 0;
  for (let run = 0; run < 10; run++) {
    const { ms, client, pid } = await startOnce();
    times.push(ms);
    if (run === 0) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      idleRss = rssMb(pid);
      // What a user of the built server waits for first: every priced model, on a fresh stdio server.
      const firstStarted = performance.now();
      builtFirstAll = await timedEstimate(client, "all");
      // The open families' vocabularies load on their thread meanwhile: until no row waits for one.
      let waiting = builtFirstAll.waiting;
      while (waiting > 0 && performance.now() - firstStarted < 30_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        waiting = (await timedEstimate(client, "all")).waiting;
      }
      builtUntilExact = performance.now() - firstStarted;
      warmRss = rssMb(pid);
    }
    await client.close();
  }

  const steps = await rssByStep();
  const session = await connectInMemory();
  await loadTokenizers();
  const prompt = tenKilobytePrompt();
  const routable = { text: prompt, kind: "routable", requests: 1, cached_input_fraction: 0 } as const;
  const everything = { ...routable, kind: "all" } as const;
  // The whole catalog built in turns (the warm-up's way): how long it held the loop at most.
  const builds: { stall: number; total: number }[] = [];
  for (let run = 0; run < 5; run++)
    builds.push(await stallAndTotal(() => createCatalog(session.deps.config, {}).ready()));
  // The first whole-catalog call builds the priced-only layer: measured once, apart.
  let started = performance.now();
  const allRows = (await estimateCost(session.deps.catalog, everything)).rows.length;
  const firstAll = performance.now() - started;
  const direct: number[] = [];
  const directAll: number[] = [];
  const viaClient: number[] = [];
  for (let i = 0; i < 200; i++) {
    started = performance.now();
    await estimateCost(session.deps.catalog, routable);
    direct.push(performance.now() - started);
  }
  for (let i = 0; i < 100; i++) {
    started = performance.now();
    await estimateCost(session.deps.catalog, everything);
    directAll.push(performance.now() - started);
  }
  for (let i = 0; i < 100; i++) {
    started = performance.now();
    await session.client.callTool({ name: "estimate_cost", arguments: { text: prompt } });
    viaClient.push(performance.now() - started);
  }
  const rows = (await estimateCost(session.deps.catalog, routable)).rows.length;
  await session.close();

  printTable("Start-up and estimate_cost (issue 3)", [
    ["start-up, spawn → first tools/list answer (median of 10)", formatMs(median(rawTimes)), "< 300 ms"],
    ["start-up p90", formatMs(percentile(rawTimes, 90))],
    [
      "start-up with the SDK Client (+ its output-schema compile), median / p90",
      `${formatMs(median(times))} / ${formatMs(percentile(times, 90))}`,
    ],
    ["idle RSS after start", `${idleRss.toFixed(1)} MB`, "< 100 MB"],
    ["RSS after estimate_cost over the whole catalog (every tokenizer loaded)", `${warmRss.toFixed(1)} MB`],
    [
      `RSS, a fresh server: idle / after estimate_cost for ${STEP_MODELS.join(", then ")} (each row exact)`,
      `${steps.map((mb) => mb.toFixed(1)).join(" / ")} MB`,
    ],
    [
      `built server, first estimate_cost over the whole catalog (${builtFirstAll.waiting} of ${builtFirstAll.rows} rows by the proxy while their tokenizer loads)`,
      formatMs(builtFirstAll.ms),
    ],
    ["built server, from that first call until every row has its exact count", formatMs(builtUntilExact)],
    [`estimate_cost 10 KB × ${rows} deployments, server-side p50`, formatMs(median(direct)), "< 5 ms"],
    ["estimate_cost server-side p95", formatMs(percentile(direct, 95))],
    [
      `estimate_cost 10 KB × ${allRows} deployments (whole priced catalog), server-side p50 / p95`,
      `${formatMs(median(directAll))} / ${formatMs(percentile(directAll, 95))}`,
      "< 25 ms",
    ],
    ["first whole-catalog estimate_cost in process (builds the priced-only entries)", formatMs(firstAll)],
    [
      "whole catalog built in turns (warm-up): longest event-loop stall, median of 5 / its build time",
      `${formatMs(median(builds.map((build) => build.stall)))} / ${formatMs(median(builds.map((build) => build.total)))}`,
      "< 50 ms",
    ],
    ["estimate_cost through an in-memory MCP client p50", formatMs(median(viaClient))],
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStartup();
