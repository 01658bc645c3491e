import type { Guardrails, GuardrailsCheckInput } from "../src/guardrails/index.js";
import type { EvalCase } from "../test/guardrails/eval-harness.js";
import { mixedText, ms } from "./guardrails.js";
import { median, percentile } from "./stats.js";

const TEN_KB = 10 * 1024;
const ROUNDS = 12;
const PER_ROUND = 40;
const CONCURRENT = 64;
const WARM_UP_MS = 1_000;

/**
 * The whole check of the 10 KB mixed texts as the server runs it, two ways in the same process and
 * alternating rounds (so load from elsewhere falls on both alike): `check` on the request thread
 * alone, and `checkAsync`, which once a worker thread is warm runs the learned scorer's part there
 * while the rules run here. CPU counts both threads. Then 64 checks at once, as under a burst.
 * The parallel part pays only when the second core is free: on a loaded machine the two lines meet.
 */
export async function printCheckLatency(guardrails: Guardrails, cases: EvalCase[]): Promise<void> {
  await guardrails.warmUpOffThread();
  const inputs: GuardrailsCheckInput[] = Array.from({ length: 16 }, (_, seed) => ({
    text: mixedText(cases, TEN_KB, seed * 97),
    direction: "input",
  }));
  const ways = {
    "10 KB mixed, check": async (input: GuardrailsCheckInput) => guardrails.check(input),
    "10 KB mixed, checkAsync": (input: GuardrailsCheckInput) => guardrails.checkAsync(input),
  };
  const warmUpUntil = performance.now() + WARM_UP_MS;
  // A second and 300 checks of each way: a loaded machine fits too few in the second alone.
  for (let warmup = 0; warmup < 300 || performance.now() < warmUpUntil; warmup++) {
    for (const way of Object.values(ways)) await way(inputs[warmup % inputs.length] as GuardrailsCheckInput);
  }
  const labels = Object.keys(ways);
  const wall = Object.fromEntries(labels.map((label) => [label, [] as number[]]));
  const cpu: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round++) {
    const order = Object.entries(ways);
    for (const [label, way] of round % 2 === 0 ? order : order.reverse()) {
      const cpuStart = process.cpuUsage();
      for (let sample = 0; sample < PER_ROUND; sample++) {
        const started = performance.now();
        await way(inputs[sample % inputs.length] as GuardrailsCheckInput);
        wall[label]?.push(performance.now() - started);
      }
      const used = process.cpuUsage(cpuStart);
      cpu[label] = (cpu[label] ?? 0) + (used.user + used.system) / 1000;
    }
  }
  console.log(
    "\nguardrails check latency (the whole check, policy and redaction; same process, alternating)",
  );
  console.log("text                           wall p50    wall p95   cpu/check");
  for (const label of Object.keys(ways)) {
    const sample = wall[label] ?? [];
    const perCheck = (cpu[label] ?? 0) / sample.length;
    console.log(
      `${label.padEnd(29)}${ms(percentile(sample, 50))}${ms(percentile(sample, 95))}${ms(perCheck)}`,
    );
  }
  const burst = Object.fromEntries(labels.map((label) => [label, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = Object.entries(ways);
    for (const [label, way] of round % 2 === 0 ? order : order.reverse()) {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENT }, (_, index) =>
          way(inputs[index % inputs.length] as GuardrailsCheckInput),
        ),
      );
      burst[label]?.push(performance.now() - started);
    }
  }
  for (const label of Object.keys(ways)) {
    const total = median(burst[label] ?? []).toFixed(1);
    console.log(`${CONCURRENT} at once, ${label}: ${total} ms for all (median of ${ROUNDS})`);
  }
}
