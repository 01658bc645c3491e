import type { Deployment } from "../src/catalog/types.js";
import { createHealthTracker } from "../src/router/health-tracker.js";
import { createRandom } from "../src/router/random.js";
import { createRouter } from "../src/router/router.js";

const DEPLOYMENTS = 50;
const WARM_UP = 20_000;
const ITERATIONS = 100_000;

/** Router decision time among 50 deployments with realistic, varied health data. */
export async function benchRouter(): Promise<void> {
  const random = createRandom(42);
  const health = createHealthTracker();
  const deployments: Deployment[] = [];
  for (let index = 0; index < DEPLOYMENTS; index++) {
    const id = `provider-${index}/model-${index % 10}`;
    deployments.push({
      id,
      model: `model-${index % 10}`,
      provider: `provider-${index}`,
      providerModelId: `model-${index % 10}`,
      price: { input: 0.1 + random() * 5, output: 0.4 + random() * 15 },
      priceSource: "config",
    });
    // A few deployments stay unmeasured so the neutral-prior path is exercised too.
    if (index % 10 === 9) continue;
    for (let call = 0; call < 50; call++) {
      if (random() < 0.97) {
        const latencyMs = 200 + random() * 2_000;
        health.recordSuccess(id, { latencyMs, ttftMs: latencyMs * 0.2, outputTokens: 50 + random() * 500 });
      } else {
        health.recordFailure(id, { isRetryable: true, status: 503 });
      }
    }
  }
  const router = createRouter({ health, random: createRandom(7) });

  let sink = 0;
  for (let iteration = 0; iteration < WARM_UP; iteration++) sink += router.pick(deployments).ordered.length;
  const samples = new Float64Array(ITERATIONS);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const started = process.hrtime.bigint();
    sink += router.pick(deployments).ordered.length;
    samples[iteration] = Number(process.hrtime.bigint() - started);
  }
  if (sink === 0) throw new Error("router returned nothing");
  samples.sort();
  const microseconds = (quantile: number) =>
    ((samples[Math.min(ITERATIONS - 1, Math.floor(quantile * ITERATIONS))] ?? 0) / 1_000).toFixed(2);
  console.log(
    `router decision (${DEPLOYMENTS} deployments, ${ITERATIONS.toLocaleString("en")} iterations): ` +
      `p50 ${microseconds(0.5)} µs, p99 ${microseconds(0.99)} µs (target p50 < 20 µs)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchRouter();
}
