import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Worker } from "node:worker_threads";
import { type ErrorCode, ModelmuxError } from "../errors.js";
import type { OffThreadJobs } from "./jobs.js";

/**
 * Worker threads for work that cannot be cut into short steps and would otherwise hold the event
 * loop past the 50 ms stall budget: a guardrail check of long text (one detector scans one text in
 * one go), compiling a large caller JSON Schema, validating against one with `uniqueItems`
 * (quadratic in the answer). A small pool shared by the whole process: the first thread starts at
 * the server's warm-up (or on the first job), a second only when a job arrives while every thread
 * is busy, so one long check does not queue another behind it, and a burst of long requests costs
 * two threads, not one per request. The open families' token counts run on a thread of their own
 * (their lane): loading a vocabulary takes a second or more, which no guardrail check should wait
 * behind. Each thread runs its jobs one at a time, in order.
 */
type Lane = "default" | "tokens";
const TOKEN_JOBS = new Set<keyof OffThreadJobs>([
  "loadFamilyTokenizer",
  "countFamilyText",
  "countFamilyChat",
]);
const MAX_THREADS: Record<Lane, number> = { default: 2, tokens: 1 };

interface Job {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Job>;
}

const lanes: Record<Lane, Thread[]> = { default: [], tokens: [] };
let nextId = 0;
/** Counts the tokens-lane threads ever lost or stopped: what one of them had loaded is gone with it. */
let tokensLaneLosses = 0;

interface Reply {
  id: number;
  output?: unknown;
  error?: { message: string; code?: ErrorCode; data?: Record<string, unknown> };
}

/**
 * src/ (tests, tsx) loads the TypeScript entry through tsx; the bundle has its worker beside it.
 * node:worker_threads loads with the first thread, not at start-up.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  const { Worker } = createRequire(here)("node:worker_threads") as typeof import("node:worker_threads");
  if (!here.endsWith(".ts")) return new Worker(new URL("./offload-worker.cjs", here));
  // tsx's ES module API (its `exports` map: ./esm/api → dist/esm/api/index.mjs).
  const tsxRoot = dirname(createRequire(here).resolve("tsx/package.json"));
  const tsx = pathToFileURL(join(tsxRoot, "dist/esm/api/index.mjs")).href;
  const entry = new URL("./offload-worker.ts", here).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}));`,
    { eval: true },
  );
}

function startThread(lane: Lane): Thread {
  const threads = lanes[lane];
  const thread: Thread = { worker: startWorker(), pending: new Map() };
  const { worker, pending } = thread;
  worker.on("message", (reply: Reply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (!reply.error) return job.resolve(reply.output);
    const { message, code, data } = reply.error;
    job.reject(code ? new ModelmuxError(code, message, data) : new Error(message));
  });
  // A crashed thread fails its jobs; the next job starts a new one.
  const lost = (error: Error) => {
    const index = threads.indexOf(thread);
    if (index >= 0) threads.splice(index, 1);
    if (lane === "tokens") tokensLaneLosses++;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  worker.on("error", lost);
  worker.on("exit", (code) => lost(new Error(`off-thread worker exited (code ${code})`)));
  // Idle until its first job: an idle thread never keeps the process alive.
  worker.unref();
  threads.push(thread);
  return thread;
}

/** A running thread of the lane with no job, if any. */
function idleThread(lane: Lane): Thread | undefined {
  return lanes[lane].find((thread) => thread.pending.size === 0);
}

/** An idle thread of the lane, else a new one while under its maximum, else the one with the fewest jobs. */
function pickThread(lane: Lane): Thread {
  const threads = lanes[lane];
  const idle = idleThread(lane);
  if (idle) return idle;
  if (threads.length < MAX_THREADS[lane]) return startThread(lane);
  return threads.reduce((fewest, thread) => (thread.pending.size < fewest.pending.size ? thread : fewest));
}

/** Runs a job on a worker thread; its errors come back as they were thrown there. */
export function runOffThread<K extends keyof OffThreadJobs>(
  job: K,
  input: Parameters<OffThreadJobs[K]>[0],
): Promise<Awaited<ReturnType<OffThreadJobs[K]>>> {
  const { worker, pending } = pickThread(TOKEN_JOBS.has(job) ? "tokens" : "default");
  const id = nextId++;
  // Referenced only while a job runs: an idle thread never keeps the process alive.
  worker.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    worker.postMessage({ id, job, input });
  });
}

/**
 * Runs a job on an idle thread of the default lane that is already running, else returns undefined
 * (the caller does the work itself): for work worth moving only when a core waits for it, not worth
 * queueing behind another job or starting a thread for.
 */
export function runOnIdleThread<K extends keyof OffThreadJobs>(
  job: K,
  input: Parameters<OffThreadJobs[K]>[0],
): Promise<Awaited<ReturnType<OffThreadJobs[K]>>> | undefined {
  return idleThread("default") ? runOffThread(job, input) : undefined;
}

/** Threads running now in a lane (tests, diagnostics). */
export function offThreadWorkerCount(lane: Lane = "default"): number {
  return lanes[lane].length;
}

/** Changes whenever a tokens-lane thread is lost or stopped (see family-readiness.ts). */
export function tokensLaneEpoch(): number {
  return tokensLaneLosses;
}

/** Stops every thread (graceful shutdown, tests); a later job starts a new one. */
export async function stopOffThreadWorker(): Promise<void> {
  if (lanes.tokens.length > 0) tokensLaneLosses++;
  const stopping = [...lanes.default.splice(0), ...lanes.tokens.splice(0)];
  await Promise.all(stopping.map((thread) => thread.worker.terminate()));
}
