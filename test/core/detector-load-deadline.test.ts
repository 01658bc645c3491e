import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { createLazyGuardrails, type LazyGuardrails } from "../../src/guardrails/lazy-guardrails.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { connectInMemory } from "../support/in-memory-server.js";

/** Longer than the deadline: on a loaded machine the detectors' first load has taken seconds. */
const LOAD_WAIT_MS = 3_500;
const TIMEOUT_MS = 3_000;

describe("the routing deadline and the detectors' one-time load", () => {
  let upstream: FakeUpstream;
  let slow = false;
  let session: Awaited<ReturnType<typeof connectInMemory>>;
  beforeAll(async () => {
    upstream = await startFakeUpstream();
    const config = {
      providers: {
        lab: {
          baseURL: upstream.url,
          models: { small: { price: { input: 1, output: 2 } } },
          embeddingModels: { "lab-embed": { price: { input: 0.05 }, dimensions: 64 } },
        },
      },
      routing: { timeoutMs: TIMEOUT_MS },
      cache: { store: "off" as const },
    };
    const real = createLazyGuardrails(parseConfig(config).guardrails);
    // The real detectors; while `slow`, a request waits as it would for their first load under load.
    const guardrails: LazyGuardrails = {
      load: async () => {
        if (slow) await sleep(LOAD_WAIT_MS);
        return real.load();
      },
    };
    session = await connectInMemory(config, {}, { deps: { warmUp: "on-first-use", guardrails } });
  });
  afterAll(async () => {
    await session.close();
    await upstream.close();
  });

  /** The call's answer after a warm call (which loads the catalog, tokenizers and provider SDK, whatever it answers) and a slow load. */
  async function afterSlowLoad(name: string, args: Record<string, unknown>) {
    await session.client.callTool({ name, arguments: args });
    const before = upstream.requests.length;
    slow = true;
    const started = Date.now();
    const answer = await session.client.callTool({ name, arguments: args });
    slow = false;
    expect(answer.isError, JSON.stringify(answer.content)).toBeFalsy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(LOAD_WAIT_MS);
    expect(upstream.requests.length).toBeGreaterThan(before);
  }

  it("route_completion starts the deadline after the wait, so a slow first load does not fail the request untried", async () => {
    await afterSlowLoad("route_completion", { prompt: "hi", model: "small" });
  });

  it("embed does the same", async () => {
    await afterSlowLoad("embed", { input: ["red apple"], model: "lab-embed" });
  });
});
