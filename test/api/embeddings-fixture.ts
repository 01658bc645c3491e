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

export interface EmbeddingsFixture {
  pa: FakeUpstream;
  pb: FakeUpstream;
  deps: ServerDeps;
  server: RunningHttpServer;
  client: OpenAI;
  clientWith(apiKey: string): OpenAI;
  close(): Promise<void>;
}

/**
 * modelmux's HTTP server in front of two real fake providers that both serve the embedding model
 * `e1` (64 dimensions): `pa` cheaper and taking `dimensions` 8–64, `pb` dearer and taking none.
 * Exploration is off, so `pa` goes first while healthy.
 */
export async function startEmbeddingsGateway(
  overridesOrFor: Partial<ConfigInput> | ((urls: { pa: string; pb: string }) => Partial<ConfigInput>) = {},
): Promise<EmbeddingsFixture> {
  const [pa, pb] = await Promise.all([startFakeUpstream(), startFakeUpstream()]);
  const overrides =
    typeof overridesOrFor === "function" ? overridesOrFor({ pa: pa.url, pb: pb.url }) : overridesOrFor;
  const config: ConfigInput = {
    providers: {
      pa: {
        baseURL: pa.url,
        apiKey: SECRET_KEY,
        embeddingModels: {
          e1: { id: "pa-embed", price: { input: 0.1 }, dimensions: 64, dimensionsRange: { min: 8, max: 64 } },
        },
      },
      pb: {
        baseURL: pb.url,
        embeddingModels: { e1: { id: "pb-embed", price: { input: 0.2 }, dimensions: 64 } },
      },
    },
    routing: {
      exploration: 0,
      maxAttempts: 3,
      timeoutMs: 10_000,
      attemptTimeoutMs: 1_000,
      breaker: { failureThreshold: 5, cooldownMs: 300 },
    },
    cache: { store: "memory" },
    ...overrides,
  };
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
    deps,
    server,
    client: clientWith("unused"),
    clientWith,
    async close() {
      await server.close();
      await deps.close();
      await Promise.all([pa.close(), pb.close()]);
    },
  };
}
