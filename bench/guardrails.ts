import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import { DEFAULT_THRESHOLDS } from "../src/guardrails/config.js";
import { createGuardrails, type Guardrails } from "../src/guardrails/index.js";
import { createSecretDetector } from "../src/guardrails/secrets.js";
import { warmUpDetectors } from "../src/guardrails/warm-up.js";
import { regexpsCompileNatively } from "../src/native-regexps.js";
import { type EvalCase, evaluate, type KindScore, loadEvalCases } from "../test/guardrails/eval-harness.js";
import { printAttackCorpus } from "./attack-corpus.js";
import { printCheckLatency } from "./guardrails-check-latency.js";
import { printTriggerLatency } from "./guardrails-triggers.js";

const TEN_KB = 10 * 1024;
const ONE_MB = 1024 * 1024;
const SAMPLES_10KB = 400;
const SAMPLES_1MB = 12;
const WARM_UP_MS = 1_000;
/** At least this many scans too: on a loaded machine a second held only 55-106 10 KB scans, and the
 * first 400 after it ran 15-40 % slower than later ones (s30). */
const WARM_UP_SCANS = 300;

/**
 * Prints guardrail accuracy on the labelled evaluation set (per kind and per split: `dev` was used
 * while writing the rules, `holdout`/`holdout2` were written afterwards; the learned attack scorer
 * tunes its threshold on this set, so it is no measure of attacks), attack detection on the test
 * split of the attack corpus (bench/attack-corpus.ts: the measure), and scan latency of every
 * detector on 10 KB and 1 MB of mixed text. Latency is wall time (p50/p95) and CPU time per scan:
 * on a loaded machine the CPU figure is the steadier one. Then the whole check of the 10 KB texts,
 * synchronous and as the server runs it (bench/guardrails-check-latency.ts). Then the whole check of a megabyte of each
 * hostile trigger (bench/guardrails-triggers.ts; `node --import tsx bench/guardrails-triggers.ts`
 * prints those rows alone).
 */
export async function benchGuardrails(): Promise<void> {
  // Warmed up as the server's are (lazy-guardrails.ts), before the corpora fill the process.
  const guardrails = createGuardrails();
  warmUpDetectors(guardrails);
  const cases = loadEvalCases();
  printAccuracy(guardrails, cases);
  printAttackCorpus(guardrails);
  printLatency(guardrails, cases);
  await printCheckLatency(guardrails, cases);
  printTriggerLatency(guardrails);
  // In a fresh process: see bench/scorer-share.ts.
  execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL("./scorer-share.ts", import.meta.url))],
    {
      stdio: "inherit",
    },
  );
  await compareWithSecretlint(guardrails, cases);
}

function printAccuracy(guardrails: Guardrails, cases: EvalCase[]): void {
  const benign = cases.filter((testCase) => testCase.labels.length === 0).length;
  console.log(
    `\nguardrails accuracy — ${cases.length} labelled cases, ${benign} benign (test/fixtures/guardrails-eval.jsonl)`,
  );
  const splitOf = (testCase: EvalCase) => testCase.split ?? "dev";
  for (const split of ["all", ...new Set(cases.map(splitOf))]) {
    const selected = split === "all" ? cases : cases.filter((testCase) => splitOf(testCase) === split);
    const report = evaluate(guardrails, selected);
    console.log(`\n[${split}] ${selected.length} cases`);
    console.log("kind                     precision  recall     F1   TP  FP  FN");
    for (const score of [...report.kinds, report.injectionOrJailbreak]) console.log(formatScore(score));
    console.log(
      `benign false-positive rate: injection/jailbreak ${percent(report.benignInjectionFalsePositiveRate)}, any finding ${percent(report.benignAnyFalsePositiveRate)}`,
    );
  }
}

function formatScore(score: KindScore): string {
  const number = (value: number) => value.toFixed(3).padStart(9);
  const count = (value: number) => String(value).padStart(4);
  return `${score.kind.padEnd(24)}${number(score.precision)}${number(score.recall)}${number(score.f1)}${count(score.truePositives)}${count(score.falsePositives)}${count(score.falseNegatives)}`;
}

function printLatency(guardrails: Guardrails, cases: EvalCase[]): void {
  // The server runs under this flag (src/native-regexps.ts); `npx tsx bench/guardrails.ts` alone does not.
  const tierUp = regexpsCompileNatively() ? "off, as the server runs" : "on: not as the server runs";
  console.log(`\nguardrails scan latency (every detector; V8 regexp tier-up ${tierUp})`);
  console.log(
    `machine reference: String#toUpperCase of 1 MB ASCII takes ${machineReferenceMs().toFixed(2)} ms here`,
  );
  console.log("text                           wall p50    wall p95    cpu/scan  findings≥0.5");
  const benign = cases.filter((testCase) => testCase.labels.length === 0);
  const rows = [
    ["10 KB mixed (3 benign : 1)", TEN_KB, SAMPLES_10KB, cases],
    ["10 KB benign only", TEN_KB, SAMPLES_10KB, benign],
    ["1 MB mixed (3 benign : 1)", ONE_MB, SAMPLES_1MB, cases],
  ] as const;
  for (const [label, size, samples, pool] of rows) {
    // Different text every iteration, so nothing is measured on one warm, repeated input alone.
    const texts = Array.from({ length: 16 }, (_, seed) => mixedText(pool, size, seed * 97));
    // Warm up for a second and 300 scans, as a running server is: V8 is still optimizing dozens of
    // the detectors' functions after the first fifty 10 KB scans, which would put compile time into p50.
    const warmUpUntil = performance.now() + WARM_UP_MS;
    const warmUpScans = size === TEN_KB ? WARM_UP_SCANS : 3;
    for (let warmup = 0; warmup < warmUpScans || performance.now() < warmUpUntil; warmup++)
      guardrails.scan(texts[warmup % texts.length] ?? "");
    const wall: number[] = [];
    const cpuStart = process.cpuUsage();
    let findings = 0;
    for (let sample = 0; sample < samples; sample++) {
      const text = texts[sample % texts.length] ?? "";
      const started = performance.now();
      findings += guardrails
        .scan(text)
        .filter((finding) => finding.score >= DEFAULT_THRESHOLDS[finding.kind]).length;
      wall.push(performance.now() - started);
    }
    const cpu = process.cpuUsage(cpuStart);
    const cpuPerScan = (cpu.user + cpu.system) / 1000 / samples;
    wall.sort((left, right) => left - right);
    const findingsPerScan = String(Math.round(findings / samples)).padStart(11);
    console.log(
      `${label.padEnd(29)}${ms(quantile(wall, 0.5))}${ms(quantile(wall, 0.95))}${ms(cpuPerScan)}${findingsPerScan}`,
    );
  }
}

/**
 * Why the secret detector is modelmux's own synchronous rule set rather than secretlint at scan time:
 * recall on the same labelled secrets and time per 10 KB of mixed text, side by side.
 */
async function compareWithSecretlint(guardrails: Guardrails, cases: EvalCase[]): Promise<void> {
  const config: Parameters<typeof lintSource>[0]["options"]["config"] = {
    rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }],
  };
  const lint = (content: string) =>
    lintSource({
      source: { filePath: "/virtual/input.txt", content, ext: ".txt", contentType: "text" },
      options: { config, noPhysicFilePath: true, maskSecrets: true },
    });
  const secretCases = cases.filter((testCase) => testCase.labels.includes("secret"));
  let secretlintFound = 0;
  let modelmuxFound = 0;
  for (const testCase of secretCases) {
    if ((await lint(testCase.text)).messages.length > 0) secretlintFound++;
    if (guardrails.scan(testCase.text).some((finding) => finding.kind === "secret")) modelmuxFound++;
  }
  const text = mixedText(cases, TEN_KB, 7);
  const timeIt = async (run: () => unknown) => {
    for (let warmup = 0; warmup < 20; warmup++) await run();
    const samples: number[] = [];
    for (let sample = 0; sample < 100; sample++) {
      const started = performance.now();
      await run();
      samples.push(performance.now() - started);
    }
    return quantile(
      samples.sort((left, right) => left - right),
      0.5,
    );
  };
  const secretlintMs = await timeIt(() => lint(text));
  const secretDetector = createSecretDetector();
  const modelmuxMs = await timeIt(() => secretDetector.scan(text));
  console.log(`
secret detection on ${secretCases.length} labelled secret cases`);
  console.log(
    `secretlint recommended preset: recall ${(secretlintFound / secretCases.length).toFixed(3)}, ${secretlintMs.toFixed(3)} ms p50 per 10 KB (async)`,
  );
  console.log(
    `modelmux secret detector: recall ${(modelmuxFound / secretCases.length).toFixed(3)}, ${modelmuxMs.toFixed(3)} ms p50 per 10 KB (sync)`,
  );
}

/** Eval-set texts, three benign cases to one with findings (when the pool has any), until `size` characters. */
export function mixedText(cases: readonly EvalCase[], size: number, seed = 0): string {
  const benign = cases.filter((testCase) => testCase.labels.length === 0);
  const withFindings = cases.filter((testCase) => testCase.labels.length > 0);
  const flagged = withFindings.length > 0 ? withFindings : benign;
  const parts: string[] = [];
  let length = 0;
  for (let index = seed; length < size; index++) {
    const pool = index % 4 === 3 ? flagged : benign;
    const text = pool[(index * 7919) % pool.length]?.text ?? "";
    parts.push(text);
    length += text.length + 2;
  }
  return parts.join("\n\n").slice(0, size);
}

/** A fixed piece of native work, so latency figures from loaded or slow machines can be put in scale. */
function machineReferenceMs(): number {
  const samples: number[] = [];
  for (let sample = 0; sample < 7; sample++) {
    const text = `sample ${sample} `.repeat(ONE_MB / 9).slice(0, ONE_MB);
    const started = performance.now();
    text.toUpperCase();
    samples.push(performance.now() - started);
  }
  return quantile(
    samples.sort((left, right) => left - right),
    0.5,
  );
}

function quantile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

export function ms(value: number): string {
  return `${value.toFixed(3)} ms`.padStart(12);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchGuardrails();
}
