import type { ConfigInput } from "../../src/config/schema.js";
import { type FakeUpstream, startFakeUpstream } from "./fake-upstream.js";
import { type ClientSetup, connectInMemory } from "./in-memory-server.js";

/** A distinctive key that must never show up in any answer, error or log. */
export const SECRET_KEY = "sk-test-SECRET-pa-0123456789abcdef";

export interface RoutingFixture {
  pa: FakeUpstream;
  pb: FakeUpstream;
  pc: FakeUpstream;
  session: Awaited<ReturnType<typeof connectInMemory>>;
  close(): Promise<void>;
}

/**
 * Three real fake providers: `pa` and `pb` both serve model `m1` (pa cheaper), `pc` serves the
 * stronger `m2`. Exploration is off so the route order is deterministic.
 */
export async function startRoutingFixture(
  overrides: Partial<ConfigInput> = {},
  setup: ClientSetup = {},
): Promise<RoutingFixture> {
  const [pa, pb, pc] = await Promise.all([startFakeUpstream(), startFakeUpstream(), startFakeUpstream()]);
  const config: ConfigInput = {
    providers: {
      pa: {
        baseURL: pa.url,
        apiKey: SECRET_KEY,
        models: { m1: { price: { input: 1, output: 2 }, tier: "small", capabilities: ["json"] } },
      },
      pb: { baseURL: pb.url, models: { m1: { price: { input: 2, output: 4 } } } },
      pc: {
        baseURL: pc.url,
        models: { m2: { price: { input: 5, output: 10 }, tier: "medium", capabilities: ["json", "vision"] } },
      },
    },
    routing: {
      exploration: 0,
      maxAttempts: 3,
      // A worker's first call imports (and vitest transforms) every lazy module on the way: under
      // load ~10, or at a quarter of one core, that once took the whole of a 10 s deadline.
      timeoutMs: 30_000,
      attemptTimeoutMs: 1500,
      breaker: { failureThreshold: 2, cooldownMs: 300 },
    },
    cache: { store: "off" },
    ...overrides,
  };
  const session = await connectInMemory(config, {}, setup);
  return {
    pa,
    pb,
    pc,
    session,
    async close() {
      await session.close();
      await Promise.all([pa.close(), pb.close(), pc.close()]);
    },
  };
}
