import type { ConfigInput } from "../../src/config/schema.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { SECRET_KEY } from "../support/routing-fixture.js";
import { type ServedGateway, serveGateway } from "./serve-gateway.js";

export interface GatewayFixture extends ServedGateway {
  pa: FakeUpstream;
  pb: FakeUpstream;
  pc: FakeUpstream;
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
  return { pa, pb, pc, ...(await serveGateway(config, [pa, pb, pc])) };
}
