import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { type ErrorCode, ModelmuxError } from "../errors.js";
import type { OffThreadJobs } from "./jobs.js";

/**
 * One worker thread for work that cannot be cut into short steps and would otherwise hold the
 * event loop past the 50 ms stall budget: a guardrail check of long text (one detector scans one
 * text in one go), compiling a large caller JSON Schema, validating against one with
 * `uniqueItems` (quadratic in the answer). Jobs run one at a time, in order; the thread starts on
 * the first job and is shared by the whole process (like the JSON Schema cache it serves), so a
 * burst of long requests costs one thread, not one per request. The open families' token counts
 * run on a second thread of their own: loading a vocabulary takes a second or more, which no
 * guardrail check should wait behind.
 */
type Lane = "default" | "tokens";
const TOKEN_JOBS = new Set<keyof OffThreadJobs>(["countFamilyText", "countFamilyChat"]);
const workers = new Map<Lane, Worker>();
let nextId = 0;
const pending = new Map<number, { lane: Lane; resolve(value: unknown): void; reject(error: Error): void }>();

interface Reply {
  id: number;
  output?: unknown;
  error?: { message: string; code?: ErrorCode; data?: Record<string, unknown> };
}

/** src/ (tests, tsx) loads the TypeScript entry through tsx; the bundle has its worker beside it. */
function startWorker(): Worker {
  const here = import.meta.url;
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

function failAll(lane: Lane, error: Error): void {
  for (const [id, job] of pending)
    if (job.lane === lane) {
      pending.delete(id);
      job.reject(error);
    }
}

function ensureWorker(lane: Lane): Worker {
  const running = workers.get(lane);
  if (running) return running;
  const started = startWorker();
  started.on("message", (reply: Reply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    if (![...pending.values()].some((job) => job.lane === lane)) started.unref();
    if (!reply.error) return job.resolve(reply.output);
    const { message, code, data } = reply.error;
    job.reject(code ? new ModelmuxError(code, message, data) : new Error(message));
  });
  // A crashed thread fails its jobs; the next job starts a new one.
  const lost = (error: Error) => {
    if (workers.get(lane) === started) workers.delete(lane);
    failAll(lane, error);
  };
  started.on("error", lost);
  started.on("exit", (code) => lost(new Error(`off-thread worker exited (code ${code})`)));
  workers.set(lane, started);
  return started;
}

/** Runs a job on the worker thread; its errors come back as they were thrown there. */
export function runOffThread<K extends keyof OffThreadJobs>(
  job: K,
  input: Parameters<OffThreadJobs[K]>[0],
): Promise<Awaited<ReturnType<OffThreadJobs[K]>>> {
  const lane: Lane = TOKEN_JOBS.has(job) ? "tokens" : "default";
  const target = ensureWorker(lane);
  const id = nextId++;
  // Referenced only while a job runs: an idle thread never keeps the process alive.
  target.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { lane, resolve: resolve as (value: unknown) => void, reject });
    target.postMessage({ id, job, input });
  });
}

/** Stops the threads (graceful shutdown, tests); a later job starts a new one. */
export async function stopOffThreadWorker(): Promise<void> {
  const stopping = [...workers.values()];
  workers.clear();
  await Promise.all(stopping.map((worker) => worker.terminate()));
}
