import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { parseConfig } from "../../../src/config/load-config.js";
import { createDeps } from "../../../src/core/create-deps.js";
import { createLogger } from "../../../src/logger.js";
import type { ServerDeps } from "../../../src/server.js";
import { type RunningHttpServer, startHttpServer } from "../../../src/transports/http.js";
import { tempDataDir } from "../../support/cli-process.js";
import {
  type FakeAnthropicUpstream,
  startFakeAnthropicUpstream,
} from "../../support/fake-anthropic-upstream.js";

/** A key the fake Anthropic server must receive as x-api-key, and nobody may see. */
export const ANTHROPIC_TEST_KEY = "sk-ant-api03-test-key-for-the-fake-upstream-000000000000";

export interface NativeGateway {
  upstream: FakeAnthropicUpstream;
  deps: ServerDeps;
  server: RunningHttpServer;
  anthropic: Anthropic;
  openai: OpenAI;
  close(): Promise<void>;
}

/**
 * modelmux with the built-in `anthropic` provider (native Messages API adapter, prices from
 * genai-prices) pointed at a fake Anthropic server, and only that provider enabled.
 */
export async function startNativeGateway(
  routing: { unsupportedParams?: "route" | "drop" } = {},
): Promise<NativeGateway> {
  const upstream = await startFakeAnthropicUpstream();
  const deps = await createDeps(
    {
      config: parseConfig({
        providers: { anthropic: { baseURL: upstream.url, apiKey: ANTHROPIC_TEST_KEY } },
        routing: { exploration: 0, maxAttempts: 2, timeoutMs: 10_000, attemptTimeoutMs: 5_000, ...routing },
        cache: { store: "off" },
      }),
      dataDir: tempDataDir(),
      source: "test",
    },
    createLogger("silent"),
    {},
  );
  const server = await startHttpServer(deps, { host: "127.0.0.1", port: 0 });
  return {
    upstream,
    deps,
    server,
    anthropic: new Anthropic({ baseURL: server.url, apiKey: "unused", maxRetries: 0 }),
    openai: new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "unused", maxRetries: 0 }),
    async close() {
      await server.close();
      await deps.close();
      await upstream.close();
    },
  };
}
