import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { monitorEventLoopDelay, PerformanceObserver, performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { createCatalog } from "../src/catalog/catalog.js";
import { parseConfig } from "../src/config/load-config.js";
import { createGuardrails } from "../src/guardrails/create-guardrails.js";
import { countBoundedSync } from "../src/tokens/bounded-count.js";
import { bytePairCounter } from "../src/tokens/byte-pair-counter.js";
import { FAMILY_ENCODINGS } from "../src/tokens/family-encodings.js";
import { loadRankTable, type RankedEncoding } from "../src/tokens/openai-ranks.js";
import { withUnicodeWhitespace } from "../src/tokens/tiktoken-parity.js";
import { longestStall } from "../test/support/loop-gaps.js";

/**
 * Loading each tokenizer vocabulary the server can load, in a fresh process per load (a vocabulary
 * loads once per process), from the built `dist/` (`npm run bench` builds first): the longest
 * event-loop stall on the main thread (a setImmediate gap probe, and monitorEventLoopDelay's max),
 * the longest and total garbage-collection pause meanwhile (PerformanceObserver, `gc`), load time,
 * heap, external memory and RSS after it (after a full collection), and, for the encodings counted
 * on the main thread, counting speed on a fixed mixed text (English prose, JavaScript, Chinese;
 * tokens per CPU second, the fastest of COUNT_PASSES passes). o200k_base loads once more beside
 * what a server holds (catalog, guardrails), where a collection has more to mark. The open
 * families load on the worker thread (dist/offload-worker.cjs): their rows are the main thread's
 * stall while that thread loads. A row with no load gives the machine's noise floor. Budget for a
 * stall: 50 ms. Run alone: `node --import tsx bench/tokens.ts` after `npm run build`.
 */
const ROOT = join(import.meta.dirname, "..");
const DIST = join(ROOT, "dist");
const RUNS = 3;
/** Counting passes over the mixed text: the fastest is reported (the machine is shared and noisy). */
const COUNT_PASSES = 10;
const NOISE_FLOOR_MS = 1000;

interface Measured {
  stall: number;
  delayMax: number;
  gcMax: number;
  gcTotal: number;
  gcCount: number;
  loadMs: number;
  heapMb: number;
  /** Memory outside V8's heap held by JavaScript objects (typed arrays' buffers among it). */
  externalMb: number;
  rssMb: number;
  tokensPerSecond?: number;
  tokens?: number;
}

/** The fixed mixed text: files of pinned packages and a fixture, so the figure compares across builds. */
function mixedText(): string {
  const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
  return [
    read("test/tokens/fixtures/prose-and-tables.md"),
    read("node_modules/gpt-tokenizer/esm/BytePairEncodingCore.js"),
    read("node_modules/@biomejs/biome/README.zh-CN.md"),
  ].join("\n\n");
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** `pace`: the worker's loads are probed with timers, which leave the CPU to that thread (see loop-gaps). */
async function measure(load: () => Promise<void>, pace: "immediate" | "timer"): Promise<Measured> {
  // Start from a collected heap: what start-up left to collect is not the load's.
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const gcs: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcs.push(entry.duration);
  });
  observer.observe({ entryTypes: ["gc"] });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const stall = await longestStall(load, pace);
  const loadMs = performance.now() - started;
  delay.disable();
  // GC entries arrive asynchronously: let the observer see the last ones.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  collect?.();
  const memory = process.memoryUsage();
  return {
    stall,
    delayMax: delay.max / 1e6,
    gcMax: Math.max(0, ...gcs),
    gcTotal: gcs.reduce((sum, ms) => sum + ms, 0),
    gcCount: gcs.length,
    loadMs,
    heapMb: mb(memory.heapUsed),
    externalMb: mb(memory.external),
    rssMb: mb(memory.rss),
  };
}

/**
 * What a server holds when its tokenizer loads (the whole price catalog, the guardrails'
 * detectors): a full garbage collection marks all of it, so one during the load lasts longer there.
 */
async function serverHeap(): Promise<unknown[]> {
  const catalog = createCatalog(parseConfig({}), {});
  await catalog.ready();
  return [catalog, createGuardrails()];
}

async function child(spec: string): Promise<Measured> {
  const held = spec.endsWith("+server-heap") ? await serverHeap() : [];
  const name = spec.replace(/\+server-heap$/, "");
  if (name === "o200k_base" || name === "cl100k_base") {
    const encoding: RankedEncoding = name;
    const constants = await import("gpt-tokenizer/encodingParams/constants");
    const split = withUnicodeWhitespace(
      encoding === "o200k_base" ? constants.O200K_TOKEN_SPLIT_REGEX : constants.CL100K_TOKEN_SPLIT_REGEX,
    );
    let count: ((text: string) => number) | undefined;
    const result = await measure(async () => {
      count = bytePairCounter(await loadRankTable(encoding, pathToFileURL(`${DIST}/`)), split).count;
    }, "immediate");
    if (!count) throw new Error("not loaded");
    const text = mixedText();
    const rates: number[] = [];
    let tokens = 0;
    for (let pass = 0; pass < COUNT_PASSES; pass++) {
      // CPU time of the process (only this thread works here): steadier than wall time on a shared machine.
      const started = process.cpuUsage();
      tokens = countBoundedSync(count, split, text).tokens;
      const used = process.cpuUsage(started);
      rates.push(tokens / ((used.user + used.system) / 1e6));
    }
    // Beside a server's heap, only the load is of interest (its first collection may come later).
    if (held.length > 0) return result;
    return { ...result, tokens, tokensPerSecond: Math.max(...rates) };
  }
  if (name === "idle") {
    // The machine's noise floor: the same probes over a loop that loads nothing, as long as the
    // longest load here (the open families' on a loaded machine), since a longer look sees worse.
    return measure(() => new Promise((resolve) => setTimeout(resolve, NOISE_FLOOR_MS)), "immediate");
  }
  const family = name.replace(/^family:/, "");
  const worker = new Worker(join(DIST, "offload-worker.cjs"));
  await new Promise((resolve) => worker.once("online", resolve));
  const result = await measure(
    () =>
      new Promise<void>((resolve, reject) => {
        worker.once("message", (reply: { error?: { message: string } }) =>
          reply.error ? reject(new Error(reply.error.message)) : resolve(),
        );
        worker.postMessage({ id: 1, job: "loadFamilyTokenizer", input: family });
      }),
    "timer",
  );
  // Memory as the process holds it with the worker's vocabulary (RSS counts every thread).
  await worker.terminate();
  return result;
}

function parent(): void {
  const names = [
    "idle",
    "o200k_base",
    "o200k_base+server-heap",
    "cl100k_base",
    ...FAMILY_ENCODINGS.map((family) => `family:${family}`),
  ];
  console.log(
    "\ntokenizer loads, a fresh process each, from dist/: main thread's longest stall (gap probe / monitorEventLoopDelay), GC pauses, load time, memory after, counting speed (mixed English, code, Chinese)",
  );
  const rows: string[][] = [];
  for (const name of names) {
    const runs: Measured[] = [];
    for (let run = 0; run < RUNS; run++) {
      const out = spawnSync(
        process.execPath,
        ["--expose-gc", "--import", "tsx", import.meta.filename, "--child", name],
        { encoding: "utf8" },
      );
      if (out.status !== 0) throw new Error(`bench tokens ${name}: ${out.stderr}`);
      runs.push(JSON.parse(out.stdout.trim().split("\n").at(-1) as string) as Measured);
    }
    const range = (pick: (run: Measured) => number, digits = 0) => {
      const values = runs.map(pick).sort((a, b) => a - b);
      return `${(values[0] as number).toFixed(digits)}–${(values.at(-1) as number).toFixed(digits)}`;
    };
    rows.push([
      name === "idle"
        ? `(no load, ${NOISE_FLOOR_MS} ms: noise floor)`
        : name.startsWith("family:")
          ? `${name.slice(7)} (worker)`
          : name.endsWith("+server-heap")
            ? `${name.replace("+server-heap", "")} (main, beside catalog and guardrails)`
            : `${name} (main)`,
      `${range((run) => run.stall)} ms`,
      `${range((run) => run.delayMax)} ms`,
      `${range((run) => run.gcMax, 1)} ms`,
      `${range((run) => run.gcTotal)} ms / ${range((run) => run.gcCount)}`,
      `${range((run) => run.loadMs)} ms`,
      `${range((run) => run.heapMb, 1)} MB`,
      `${range((run) => run.externalMb, 1)} MB`,
      `${range((run) => run.rssMb)} MB`,
      runs[0]?.tokensPerSecond === undefined
        ? "—"
        : `${range((run) => (run.tokensPerSecond ?? 0) / 1000)}k (${runs[0].tokens} tokens)`,
    ]);
  }
  const header = [
    "vocabulary",
    "stall",
    "loop delay max",
    "GC max",
    "GC total / count",
    "load",
    "heap",
    "external",
    "RSS",
    "tokens/s",
  ];
  const widths = header.map((cell, index) =>
    Math.max(cell.length, ...rows.map((row) => (row[index] ?? "").length)),
  );
  for (const row of [header, ...rows])
    console.log(row.map((cell, index) => cell.padEnd(widths[index] as number)).join("  "));
  console.log(
    `(${RUNS} runs each, min–max; load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")})`,
  );
}

const childIndex = process.argv.indexOf("--child");
if (childIndex >= 0) {
  const result = await child(process.argv[childIndex + 1] as string);
  console.log(JSON.stringify(result));
  process.exit(0);
} else parent();
