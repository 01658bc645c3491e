import { parseConfig } from "../src/config/load-config.js";
import { createDeps } from "../src/core/create-deps.js";
import type { RouteResult } from "../src/core/route-types.js";
import { createLogger } from "../src/logger.js";
import { createRandom } from "../src/router/random.js";
import { tempDataDir } from "../test/support/cli-process.js";
import { type FakeBehavior, startFakeUpstream } from "../test/support/fake-upstream.js";
import { printTable } from "./stats.js";

const REQUESTS = 10_000;
const CONCURRENCY = 50;
const MAX_ATTEMPTS = 3;

/**
 * Issue 4's chaos run: provider A is down (connection refused), provider B answers 30% of
 * calls with 429, provider C is healthy but pricier. 10,000 requests through the orchestrator.
 */
export async function benchChaos(): Promise<void> {
  const dead = await startFakeUpstream({ record: false });
  await dead.close(); // its port now refuses connections: provider A is down
  const flaky = await startFakeUpstream({ record: false });
  const healthy = await startFakeUpstream({ record: false });
  const random = createRandom(42);
  const script: FakeBehavior[] = [];
  for (let index = 0; index < REQUESTS * 3; index++)
    script.push(random() < 0.3 ? { type: "status", status: 429 } : { type: "ok" });
  flaky.enqueue(...script);

  const config = parseConfig({
    providers: {
      a: { baseURL: dead.url, models: { chat: { price: { input: 0.1, output: 0.2 } } } },
      b: { baseURL: flaky.url, models: { chat: { price: { input: 0.2, output: 0.4 } } } },
      c: { baseURL: healthy.url, models: { chat: { price: { input: 1, output: 2 } } } },
    },
    routing: { maxAttempts: MAX_ATTEMPTS, timeoutMs: 10_000 },
    cache: { store: "off" },
  });
  const deps = await createDeps(
    { config, dataDir: tempDataDir(), source: "bench" },
    createLogger("silent"),
    {},
  );
  const upstreamCalls: number[] = [];
  const servedBy = new Map<string, number>();
  let failures = 0;
  let next = 0;
  const started = performance.now();
  async function worker(): Promise<void> {
    while (next < REQUESTS) {
      const index = next++;
      try {
        const result: RouteResult = await deps.orchestrator.run({
          messages: [{ role: "user", content: `chaos ${index}` }],
          model: "chat",
          caller: { key: "bench", tool: "bench" },
        });
        upstreamCalls.push(result.attempts.length);
        servedBy.set(result.provider, (servedBy.get(result.provider) ?? 0) + 1);
      } catch (error) {
        failures++;
        const attempts = ((error as { data?: { attempts?: unknown[] } }).data?.attempts ?? []).length;
        upstreamCalls.push(attempts);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  await deps.close();
  await Promise.all([flaky.close(), healthy.close()]);

  const mean = upstreamCalls.reduce((sum, calls) => sum + calls, 0) / upstreamCalls.length;
  const overCap = upstreamCalls.filter((calls) => calls > MAX_ATTEMPTS).length;
  printTable("Chaos run (issue 4): A down, B 30% 429, C healthy; cap 3", [
    ["requests", `${REQUESTS} at concurrency ${CONCURRENCY} in ${seconds.toFixed(1)} s`],
    ["success rate", `${(((REQUESTS - failures) / REQUESTS) * 100).toFixed(3)} %`, "≥ 99.9 %"],
    ["mean upstream calls per request", mean.toFixed(3)],
    ["requests above the attempt cap", String(overCap), "0"],
    ["served by", [...servedBy.entries()].map(([provider, count]) => `${provider}: ${count}`).join(", ")],
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchChaos();
