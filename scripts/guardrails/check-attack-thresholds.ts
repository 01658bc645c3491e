// `npm run thresholds:guardrails`: chooses the learned scorer's thresholds again for the shipped
// weights, on today's dev split and rules (choose-thresholds.ts, as the trainer does), and says whether
// they are the shipped ones. They move when the rules flag other dev lines or dev is rebuilt, though
// the weights stay. `--write` stores the new ones in the model file, weights untouched (then measure
// the change with the keep rule, as for any change to what is flagged).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodeAttackModel, encodeAttackModel } from "../../src/guardrails/attacks/attack-model.js";
import { createAttackScorer } from "../../src/guardrails/attacks/attack-scorer.js";
import { chooseThresholds } from "./choose-thresholds.js";
import { SYSTEM_CONTEXT } from "./extract-system-prompts.js";
import { loadCorpus } from "./load-corpus.js";

const path = join(import.meta.dirname, "../../src/guardrails/attacks/attack-model.bin");
const model = decodeAttackModel(readFileSync(path));
const { lines, publicPresent } = loadCorpus();
if (!publicPresent) {
  console.error("thresholds: .attack-corpus/public.jsonl is missing (npm run corpus:guardrails)");
  process.exit(2);
}
const chosen = chooseThresholds(
  createAttackScorer(model),
  lines.filter((line) => line.context !== SYSTEM_CONTEXT && line.split !== "test"),
  { log: (line) => console.error(line) },
);
const shipped = { thresholds: model.thresholds, longThresholds: model.longThresholds };
const same = (["thresholds", "longThresholds"] as const).every((kind) =>
  (["user", "document", "tool_result"] as const).every(
    (source) => chosen[kind][source] === shipped[kind][source],
  ),
);
console.error(`shipped: ${JSON.stringify(shipped)}`);
console.error(`chosen:  ${JSON.stringify(chosen)}`);
if (process.argv.includes("--write") && !same) {
  writeFileSync(path, encodeAttackModel({ ...model, threshold: chosen.thresholds.user, ...chosen }));
  console.error(`wrote ${path}`);
} else if (!same) {
  console.error("thresholds: the shipped thresholds are not the ones dev gives today (--write stores them)");
  process.exit(1);
} else console.error("thresholds: the shipped thresholds are the ones dev gives today");
