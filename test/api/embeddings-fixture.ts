import type { ConfigInput } from "../../src/config/schema.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { SECRET_KEY } from "../support/routing-fixture.js";
import { type ServedGateway, serveGateway } from "./serve-gateway.js";

export interface EmbeddingsFixture extends ServedGateway {
  pa: FakeUpstream;
  pb: FakeUpstream;
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
  return { pa, pb, ...(await serveGateway(config, [pa, pb])) };
}
