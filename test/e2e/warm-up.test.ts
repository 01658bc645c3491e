import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { connectStdio, spawnHttp } from "../support/cli-process.js";

/** Waits up to `ms` for `condition`, polling. */
async function eventually(condition: () => boolean, ms = 10_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms; await sleep(50)) if (condition()) return true;
  return condition();
}

const WARMING = '"msg":"warming up"';

describe("warm-up of the heavy pieces (tokenizer, price data, provider SDK, detectors, cache)", () => {
  it("waits on stdio until the server is first used, so an idle server stays small", async () => {
    const session = await connectStdio({ env: { MODELMUX_LOG_LEVEL: "debug" } });
    try {
      await session.client.listTools();
      // Past the moment a timer would have started it (1 s after start).
      await sleep(1500);
      expect(session.stderr()).not.toContain(WARMING);
      await session.client.callTool({ name: "list_models", arguments: {} });
      expect(await eventually(() => session.stderr().includes(WARMING))).toBe(true);
    } finally {
      await session.close();
    }
  });

  it("starts soon after start-up over HTTP, a shared long-running service", async () => {
    const server = await spawnHttp({ env: { MODELMUX_LOG_LEVEL: "debug" } });
    try {
      expect(await eventually(() => server.stderr().includes(WARMING))).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
