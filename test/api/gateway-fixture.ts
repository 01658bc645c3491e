import OpenAI from "openai";
import { parseConfig } from "../../src/config/load-config.js";
import type { ConfigInput } from "../../src/config/schema.js";
import { createDeps } from "../../src/core/create-deps.js";
import { createLogger } from "../../src/logger.js";
import type { ServerDeps } from "../../src/server.js";
import { type RunningHttpServer, startHttpServer } from "../../src/transports/http.js";
import { tempDataDir } from "../support/cli-process.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { SECRET_KEY } from "../support/routing-fixture.js";

export interface GatewayFixture {
  pa: FakeUpstream;
  pb: FakeUpstream;
  pc: FakeUpstream;
  deps: ServerDeps;
  server: RunningHttpServer;
  /** The official SDK pointed at modelmux's /v1. */
  client: OpenAI;
  /** Another SDK client with a different bearer token (for virtual-key tests). */
  clientWith(apiKey: string): OpenAI;
  close(): Promise<void>;
}

/**
 * modelmux's HTTP server in-process, in front of three real fake providers: `pa` and `pb` serve
 * `m1` (pa cheaper, fit for chat and classification only; json, tools and vision), `pc` serves
 * the stronger `m2` (json and tools, no vision).
 */
export async function startGateway(
  overrides: Partial<ConfigInput> = {},
  /** Settings merged into the fixture's own providers (e.g. `{ pa: { unsupportedParams: ["n"] } }`). */
  providerSettings: Record<string, object> = {},
): Promise<GatewayFixture> {
  const [pa, pb, pc] = await Promise.all([startFakeUpstream(), startFakeUpstream(), startFakeUpstream()]);
  const config: ConfigInput = {
    providers: {
      pa: {
        baseURL: pa.url,
        apiKey: SECRET_KEY,
        models: {
          m1: {
            price: { input: 1, output: 2 },
            tier: "small",
            tasks: ["chat", "classification"],
            capabilities: ["json", "tools", "vision"],
          },
        },
      },
      pb: { baseURL: pb.url, models: { m1: { price: { input: 2, output: 4 } } } },
      pc: {
        baseURL: pc.url,
        models: { m2: { price: { input: 5, output: 10 }, tier: "medium", capabilities: ["json", "tools"] } },
      },
    },
    routing: {
      exploration: 0,
      maxAttempts: 3,
      timeoutMs: 10_000,
      attemptTimeoutMs: 2_000,
      breaker: { failureThreshold: 5, cooldownMs: 300 },
    },
    cache: { store: "off" },
    ...overrides,
  };
  for (const [id, settings] of Object.entries(providerSettings)) {
    const providers = config.providers as Record<string, object>;
    providers[id] = { ...providers[id], ...settings };
  }
  const deps = await createDeps(
    { config: parseConfig(config), dataDir: tempDataDir(), source: "test" },
    createLogger("silent"),
    {},
  );
  const server = await startHttpServer(deps, { host: "127.0.0.1", port: 0 });
  const clientWith = (apiKey: string) => new OpenAI({ baseURL: `${server.url}/v1`, apiKey, maxRetries: 0 });
  return {
    pa,
    pb,
    pc,
    deps,
    server,
    client: clientWith("unused"),
    clientWith,
    async close() {
      await server.close();
      await deps.close();
      await Promise.all([pa.close(), pb.close(), pc.close()]);
    },
  };
}
