import { parentPort } from "node:worker_threads";
import { isModelmuxError } from "../errors.js";
import { OFF_THREAD_JOBS, type OffThreadJobs } from "./jobs.js";

/** The worker thread's entry (bundled as dist/offload-worker.cjs): runs jobs one at a time, in order. */
const port = parentPort;
if (!port) throw new Error("offload-worker runs only as a worker thread");

port.on("message", async (message: { id: number; job: keyof OffThreadJobs; input: never }) => {
  const { id, job, input } = message;
  try {
    const output = await OFF_THREAD_JOBS[job](input);
    port.postMessage({ id, output });
  } catch (error) {
    port.postMessage({
      id,
      error: {
        message: error instanceof Error ? error.message : String(error),
        ...(isModelmuxError(error) && { code: error.code, ...(error.data && { data: error.data }) }),
      },
    });
  }
});
