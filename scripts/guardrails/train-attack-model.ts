// `npm run train:guardrails`: trains the learned attack scorer on the train split of the corpus,
// picks its threshold on the dev split, and writes src/guardrails/attacks/attack-model.bin.
// Seeded and single-threaded: the same corpus gives the same file, byte for byte.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ATTACK_CLASSES, CLASS_COUNT, encodeAttackModel } from "../../src/guardrails/attacks/attack-model.js";
import { createAttackScorer } from "../../src/guardrails/attacks/attack-scorer.js";
import { FEATURE_BITS, featuresOf } from "../../src/guardrails/attacks/features.js";
import type { ContentSource } from "../../src/guardrails/types.js";
import { type CorpusLine, loadCorpus } from "./load-corpus.js";
import { mulberry32 } from "./seeded-random.js";

const SEED = 19;
const EPOCHS = Number(process.env.EPOCHS ?? 30);
const LEARNING_RATE = Number(process.env.LR ?? 0.2);
const L2 = Number(process.env.L2 ?? 1e-3);
const SOURCE_BALANCE = (process.env.SOURCE_BALANCE ?? "1") === "1";
const SOURCE_POWER = Number(process.env.SOURCE_POWER ?? 0.5);
/** Balance by source and language: a language's benign lines weigh against its attacks on their own. */
const BY_LANGUAGE = (process.env.BY_LANGUAGE ?? "1") === "1";
/** Dev benign lines of each source flagged at most this often: the threshold is the lowest that keeps to it. */
const DEV_BENIGN_FLAG_RATE = 0.03;
/** The same for text an agent reads: a request carries many pages and tool results, each a chance to misfire. */
const DEV_DOCUMENT_FLAG_RATE = 0.01;
/**
 * Requests a user makes to a tool-using agent ("send the report to Bob"): an agent gateway screens every
 * one, so a dev source of them may have at most 2 % flagged (the other sources of user lines 3 %).
 */
const DEV_AGENT_REQUEST_FLAG_RATE = 0.02;
const AGENT_REQUEST_SOURCES = new Set([
  "bfcl-agent-requests",
  "toolalpaca-agent-requests",
  "agentdojo-tool-outputs",
  "injecagent-tool-responses",
]);
const MIN_THRESHOLD = 0.25;
/** News and Wikipedia paragraphs: what a retrieved page says; their dev lines also set the document threshold. */
const PARAGRAPH_SOURCES = ["ud-pud-8-languages"];

interface Example {
  features: Int32Array;
  label: number;
  weight: number;
}

const { lines, publicPresent } = loadCorpus();
if (!publicPresent)
  console.warn(
    "train: .attack-corpus/public.jsonl is missing (npm run corpus:guardrails); training on authored lines only",
  );
const random = mulberry32(SEED);
const train = lines.filter((line) => line.split === "train");
const dev = lines.filter((line) => line.split === "dev");
const labelOf = (line: CorpusLine) => ATTACK_CLASSES.indexOf(line.kind);

// Attacks also arrive inside longer benign text (a web page, an email): half of the training
// attacks are embedded between benign train lines, and pairs of benign lines stay benign.
const benignTrain = train.filter((line) => line.kind === "benign");
const pick = () => benignTrain[Math.floor(random() * benignTrain.length)]?.text ?? "";
const balanceKey = (line: CorpusLine) => (BY_LANGUAGE ? `${line.source}|${line.lang}` : line.source);
const texts: { text: string; label: number; source: string }[] = train.map((line) => ({
  text: line.text,
  label: labelOf(line),
  source: balanceKey(line),
}));
for (const line of train) {
  if (line.kind !== "benign" && random() < 0.5)
    texts.push({
      text: `${pick()}\n\n${line.text}\n\n${pick()}`,
      label: labelOf(line),
      source: balanceKey(line),
    });
  if (line.kind === "benign" && random() < 0.2)
    texts.push({ text: `${line.text}\n${pick()}`, label: 0, source: balanceKey(line) });
}
const counts = new Array<number>(CLASS_COUNT).fill(0);
const perSource = new Map<string, number>();
for (const { label, source } of texts) {
  counts[label] = (counts[label] ?? 0) + 1;
  perSource.set(`${label} ${source}`, (perSource.get(`${label} ${source}`) ?? 0) + 1);
}
// Each class weighs as much as the others in total, whatever its number of lines; within a class a
// source weighs as the square root of its size, so a thousand easy lines (maths questions, API
// requests) do not drown the few hard ones (requests that use an attack's words).
const rootSum = new Array<number>(CLASS_COUNT).fill(0);
for (const [key, count] of perSource) {
  const label = Number(key.slice(0, key.indexOf(" ")));
  rootSum[label] = (rootSum[label] ?? 0) + count ** SOURCE_POWER;
}
const exampleWeight = (label: number, source: string): number => {
  const classTotal = texts.length / CLASS_COUNT;
  if (!SOURCE_BALANCE) return classTotal / Math.max(1, counts[label] ?? 0);
  const count = perSource.get(`${label} ${source}`) ?? 1;
  return (classTotal * count ** SOURCE_POWER) / (rootSum[label] ?? 1) / count;
};
// Each feature counts once per text, as the scorer counts it once per block.
const examples: Example[] = texts.map(({ text, label, source }) => ({
  features: Int32Array.from(new Set(featuresOf(text))),
  label,
  weight: exampleWeight(label, source),
}));
console.log(
  `train: ${examples.length} examples (${counts.join(" / ")} benign / injection / jailbreak), dev: ${dev.length}`,
);

const size = CLASS_COUNT << FEATURE_BITS;
const weights = new Float64Array(size);
const squared = new Float64Array(size).fill(1e-8);
const biases = new Float64Array(CLASS_COUNT);
const biasSquared = new Float64Array(CLASS_COUNT).fill(1e-8);
const order = examples.map((_, index) => index);
const scores = new Float64Array(CLASS_COUNT);
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] ?? 0, order[index] ?? 0];
  }
  let loss = 0;
  for (const position of order) {
    const example = examples[position];
    if (example === undefined || example.features.length === 0) continue;
    const norm = 1 / Math.sqrt(example.features.length);
    for (let label = 0; label < CLASS_COUNT; label++) {
      let total = 0;
      for (const bucket of example.features) total += weights[bucket * CLASS_COUNT + label] ?? 0;
      scores[label] = (biases[label] ?? 0) + total * norm;
    }
    const top = Math.max(...scores);
    let sum = 0;
    for (let label = 0; label < CLASS_COUNT; label++) sum += Math.exp((scores[label] ?? 0) - top);
    const { weight } = example;
    for (let label = 0; label < CLASS_COUNT; label++) {
      const probability = Math.exp((scores[label] ?? 0) - top) / sum;
      const gradient = weight * (probability - (label === example.label ? 1 : 0));
      if (label === example.label) loss -= weight * Math.log(Math.max(probability, 1e-12));
      biasSquared[label] = (biasSquared[label] ?? 0) + gradient * gradient;
      biases[label] = (biases[label] ?? 0) - (LEARNING_RATE * gradient) / Math.sqrt(biasSquared[label] ?? 1);
      const featureGradient = gradient * norm;
      for (const bucket of example.features) {
        const at = bucket * CLASS_COUNT + label;
        const step = featureGradient + L2 * (weights[at] ?? 0);
        squared[at] = (squared[at] ?? 0) + step * step;
        weights[at] = (weights[at] ?? 0) - (LEARNING_RATE * step) / Math.sqrt(squared[at] ?? 1);
      }
    }
  }
  console.log(`epoch ${epoch + 1}: loss ${(loss / examples.length).toFixed(4)}`);
}

// int8 weights with one scale per class: a quarter of the float size, and the scores move by < 1 %.
const scales = new Float64Array(CLASS_COUNT);
const quantized = new Int8Array(size);
for (let label = 0; label < CLASS_COUNT; label++) {
  let largest = 0;
  for (let bucket = 0; bucket < 1 << FEATURE_BITS; bucket++)
    largest = Math.max(largest, Math.abs(weights[bucket * CLASS_COUNT + label] ?? 0));
  const scale = largest / 127 || 1;
  scales[label] = scale;
  for (let bucket = 0; bucket < 1 << FEATURE_BITS; bucket++) {
    const at = bucket * CLASS_COUNT + label;
    quantized[at] = Math.round((weights[at] ?? 0) / scale);
  }
}

const userThresholdOnly = { user: 0.5, document: 0.5, tool_result: 0.5 };
const draft = {
  bits: FEATURE_BITS,
  biases,
  scales,
  weights: quantized,
  threshold: 0.5,
  thresholds: userThresholdOnly,
};
const scorer = createAttackScorer({ ...draft, bytes: 0 });
const scoreOf = (line: CorpusLine, asDocument = false) =>
  scorer.score(line.text, asDocument ? "document" : ((line.context ?? "user") as ContentSource))?.attack ?? 0;
const readByAgent = (line: CorpusLine) =>
  line.context === "document" || line.context === "tool_result" || PARAGRAPH_SOURCES.includes(line.source);

/**
 * The lowest threshold that keeps every dev source's benign lines under `rate` on its own: one large
 * easy source (news sentences) must not hide a small hard one (text about security, role requests).
 */
function thresholdFor(label: string, benignLines: CorpusLine[], rate: number): number {
  // For the document threshold every line is read as a page would be (news paragraphs included).
  const asDocument = label === "document";
  let threshold = MIN_THRESHOLD;
  // A source's documents and its short lines apart: its long pages must not hide among its sentences.
  const groupOf = (line: CorpusLine) =>
    line.context === undefined ? line.source : `${line.source} (${line.context})`;
  for (const source of new Set(benignLines.map(groupOf))) {
    const benign = benignLines
      .filter((line) => groupOf(line) === source)
      .map((line) => scoreOf(line, asDocument))
      .sort((left, right) => right - left);
    const agentRequests = label === "user" && AGENT_REQUEST_SOURCES.has(source);
    const allowed = Math.floor(
      benign.length * (agentRequests ? Math.min(rate, DEV_AGENT_REQUEST_FLAG_RATE) : rate),
    );
    const needed = (benign[allowed] ?? 0) + 1e-3;
    threshold = Math.max(threshold, needed);
    console.log(
      `dev ${label} ${source}: ${benign.length} benign lines, at most ${allowed} flagged: needs ${needed.toFixed(3)}`,
    );
  }
  return Math.min(0.95, threshold);
}

const devBenign = dev.filter((line) => line.kind === "benign");
const userThreshold = thresholdFor(
  "user",
  devBenign.filter((line) => line.context === undefined || line.context === "user"),
  DEV_BENIGN_FLAG_RATE,
);
const documentThreshold = thresholdFor("document", devBenign.filter(readByAgent), DEV_DOCUMENT_FLAG_RATE);
const thresholds = { user: userThreshold, document: documentThreshold, tool_result: documentThreshold };
console.log(
  `thresholds: user ${userThreshold.toFixed(3)}, document and tool_result ${documentThreshold.toFixed(3)}; dev attack recall of the learned scorer alone:`,
);
for (const source of new Set(dev.map((line) => line.source))) {
  const attacks = dev.filter((line) => line.source === source && line.kind !== "benign");
  if (attacks.length === 0) continue;
  const caught = attacks.filter(
    (line) => scoreOf(line) >= thresholds[(line.context ?? "user") as keyof typeof thresholds],
  ).length;
  console.log(`  ${source}: ${(caught / attacks.length).toFixed(3)} over ${attacks.length} lines`);
}
const devAttacks = dev.filter((line) => line.kind !== "benign");
const devCaught = devAttacks.filter(
  (line) => scoreOf(line) >= thresholds[(line.context ?? "user") as keyof typeof thresholds],
).length;
console.log(
  `  all dev attacks: ${(devCaught / devAttacks.length).toFixed(3)} over ${devAttacks.length} lines`,
);

const file = encodeAttackModel({ ...draft, threshold: userThreshold, thresholds });
const out = join(import.meta.dirname, "../../src/guardrails/attacks/attack-model.bin");
writeFileSync(out, file);
console.log(`wrote ${out} (${(file.length / 1024).toFixed(0)} KB)`);
