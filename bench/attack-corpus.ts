import { type CorpusLine, loadCorpus } from "../scripts/guardrails/load-corpus.js";
import { loadAttackModel } from "../src/guardrails/attacks/attack-model.js";
import { createLearnedAttackDetector } from "../src/guardrails/attacks/learned-detector.js";
import type { ContentSource, Guardrails } from "../src/guardrails/index.js";
import { median } from "./stats.js";

interface Tally {
  lines: number;
  flagged: number;
  rightKind: number;
}

/**
 * Attack detection on the test split of the attack corpus: sources no rule and no weight ever saw
 * (scripts/guardrails/corpus-sources.json and authored/). Each line is checked as the input policy
 * would check it, with its `source` (user, document, tool_result); a line counts as flagged when any
 * prompt_injection or jailbreak finding survives the policy.
 */
export function printAttackCorpus(guardrails: Guardrails, split = "test"): void {
  const { lines, publicPresent } = loadCorpus();
  const test = lines.filter((line) => line.split === split);
  console.log(
    split === "test"
      ? `\nattack corpus, test split — ${test.length} lines from ${new Set(test.map((line) => line.source)).size} sources never trained or tuned on`
      : `\nattack corpus, ${split} split — ${test.length} lines`,
  );
  if (!publicPresent) {
    console.log(
      "(public lines missing: run `npm run corpus:guardrails`; only the authored test lines are measured)",
    );
  }
  const bySource = new Map<string, Tally>();
  const byKind = new Map<string, Tally>();
  const byLanguage = new Map<string, Tally>();
  const byContext = new Map<string, Tally>();
  // Callers that pass no `source` (as the outside sets are run): documents and tool output
  // are then screened as a user's text, and only the pasted-document reading can see them.
  const withoutSource = new Map<string, Tally>();
  for (const line of test) {
    if (line.context !== undefined && line.context !== "user") {
      tally(
        withoutSource,
        `${line.context} · ${line.kind === "benign" ? "benign" : "attack"}`,
        screen(guardrails, line),
      );
    }
    const verdict = screen(guardrails, line, (line.context ?? "user") as ContentSource);
    for (const [map, key] of [
      [bySource, `${line.source} · ${line.kind}`],
      [byKind, line.kind],
      [byLanguage, `${line.lang} · ${line.kind === "benign" ? "benign" : "attack"}`],
      [byContext, `${line.context ?? "user"} · ${line.kind === "benign" ? "benign" : "attack"}`],
    ] as const) {
      tally(map, key, verdict);
    }
  }
  console.log(
    "source · kind                                         lines  flagged  right kind  count flagged",
  );
  for (const [key, tally] of [...bySource].sort()) console.log(formatRow(key, tally));
  console.log("— per kind (recall for attacks, share flagged for benign)");
  for (const [key, tally] of [...byKind].sort()) console.log(formatRow(key, tally));
  console.log("— per language");
  for (const [key, tally] of [...byLanguage].sort()) console.log(formatRow(key, tally));
  console.log("— per context (source given to the check)");
  for (const [key, tally] of [...byContext].sort()) console.log(formatRow(key, tally));
  console.log("— documents and tool output screened with no source (read as a user's text)");
  for (const [key, tally] of [...withoutSource].sort()) console.log(formatRow(key, tally));
  const attacks = test.filter((line: CorpusLine) => line.kind !== "benign").length;
  const caught = (byKind.get("prompt_injection")?.flagged ?? 0) + (byKind.get("jailbreak")?.flagged ?? 0);
  console.log(
    `injection + jailbreak recall ${(caught / Math.max(1, attacks)).toFixed(3)} over ${attacks} attack lines`,
  );
}

/** Whether a line is flagged as an attack, and as its own kind, when screened with `source`. */
function screen(
  guardrails: Guardrails,
  line: CorpusLine,
  source?: ContentSource,
): { flagged: boolean; rightKind: boolean } {
  const findings = guardrails
    .check({ text: line.text, direction: "input", source })
    .findings.filter((finding) => finding.kind === "prompt_injection" || finding.kind === "jailbreak");
  return { flagged: findings.length > 0, rightKind: findings.some((finding) => finding.kind === line.kind) };
}

function tally(
  map: Map<string, Tally>,
  key: string,
  verdict: { flagged: boolean; rightKind: boolean },
): void {
  const counts = map.get(key) ?? { lines: 0, flagged: 0, rightKind: 0 };
  counts.lines++;
  if (verdict.flagged) counts.flagged++;
  if (verdict.rightKind) counts.rightKind++;
  map.set(key, counts);
}

function formatRow(key: string, tally: Tally): string {
  const share = (count: number) => (count / tally.lines).toFixed(3).padStart(9);
  // The count beside the share: at a few dozen lines a share of three decimals names no count.
  return `${key.padEnd(52)}${String(tally.lines).padStart(6)}${share(tally.flagged)}${share(tally.rightKind)}${String(tally.flagged).padStart(15)}`;
}

/** Model size, load time, and its share of a 10 KB scan (CPU with the learned scorer on vs off). */
export function printLearnedScorerCost(
  texts: readonly string[],
  withModel: Guardrails,
  without: Guardrails,
): void {
  const started = performance.now();
  const model = loadAttackModel();
  const loadMs = performance.now() - started;
  const detector = createLearnedAttackDetector(model);
  const cpuPerScan = (scan: (text: string) => unknown) => {
    for (let warmup = 0; warmup < 200; warmup++) scan(texts[warmup % texts.length] ?? "");
    const before = process.cpuUsage();
    for (let sample = 0; sample < 400; sample++) scan(texts[sample % texts.length] ?? "");
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / 400;
  };
  // Interleaved rounds, medians: measured once each, the second set of detectors read slower than
  // the first whichever it was (the figure came out negative in two runs).
  const learned: number[] = [];
  const on: number[] = [];
  const off: number[] = [];
  const measure = (guardrails: Guardrails) => cpuPerScan((text) => guardrails.scan(text));
  for (let round = 0; round < 5; round++) {
    learned.push(cpuPerScan((text) => detector.scan(text)));
    if (round % 2 === 0) {
      on.push(measure(withModel));
      off.push(measure(without));
    } else {
      off.push(measure(without));
      on.push(measure(withModel));
    }
  }
  const learnedMs = median(learned);
  const onMs = median(on);
  const offMs = median(off);
  console.log(
    `\nlearned attack scorer: ${(model.bytes / 1024).toFixed(0)} KB (2^${model.bits} buckets × 2 int8 weights: each attack class against benign), loads in ${loadMs.toFixed(1)} ms, threshold ${model.threshold.toFixed(3)}`,
  );
  console.log(
    `10 KB mixed, cpu/scan: learned scorer alone ${learnedMs.toFixed(3)} ms; every detector ${onMs.toFixed(3)} ms with it, ${offMs.toFixed(3)} ms without (its share ${(((onMs - offMs) / onMs) * 100).toFixed(0)} %)`,
  );
}
