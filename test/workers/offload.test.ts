import { afterAll, describe, expect, it } from "vitest";
import { createGuardrails } from "../../src/guardrails/index.js";
import { offThreadWorkerCount, stopOffThreadWorker } from "../../src/workers/offload.js";

/** Over the 64 KB checked on the request thread: each check runs on a worker thread. */
const LONG = `${"Write to jane.doe@example.com about the harbour. ".repeat(2000)}`;

afterAll(stopOffThreadWorker);

describe("the worker-thread pool", () => {
  it("runs a second long check on a second thread instead of queueing it, and keeps at most two", async () => {
    await stopOffThreadWorker();
    const guardrails = createGuardrails({ input: { pii: "redact" } });
    await guardrails.warmUpOffThread();
    expect(offThreadWorkerCount()).toBe(1);
    const checks = await Promise.all(
      [0, 1, 2].map(() => guardrails.checkAsync({ text: LONG, direction: "input" })),
    );
    // Two busy threads, then the third job waits on one of them: never a thread per request.
    expect(offThreadWorkerCount()).toBe(2);
    for (const check of checks) {
      expect(check.action).toBe("redact");
      expect(check.placeholders.get("[EMAIL_1]")).toBe("jane.doe@example.com");
    }
    // An idle thread takes the next job: no third thread.
    await guardrails.checkAsync({ text: LONG, direction: "input" });
    expect(offThreadWorkerCount()).toBe(2);
  }, 120_000);
});
