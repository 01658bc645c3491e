import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Finding, GuardrailKind, Guardrails } from "../../src/guardrails/index.js";

/** One labelled case of test/fixtures/guardrails-eval.jsonl. */
export interface EvalCase {
  id: string;
  category: string;
  /** Kinds present in the text; empty for benign text. */
  labels: GuardrailKind[];
  text: string;
  /** Values that must be covered by a finding of their kind (secrets and PII). */
  expect?: { kind: GuardrailKind; value: string }[];
  source: string;
  note?: string;
  /**
   * `dev`: written together with the rules. `holdout`: written after the rules were frozen, measured,
   * then used to fix what it exposed. `holdout2`: written after that, measured once before its own
   * fixes. Their first measurements are the honest estimate of accuracy on unseen text.
   */
  split?: string;
}

export interface KindScore {
  kind: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  cases: number;
  benignCases: number;
  kinds: KindScore[];
  /** prompt_injection and jailbreak counted as one kind, as the targets are. */
  injectionOrJailbreak: KindScore;
  /** Share of benign cases with any prompt_injection/jailbreak finding. */
  benignInjectionFalsePositiveRate: number;
  /** Share of benign cases with any finding at all. */
  benignAnyFalsePositiveRate: number;
  misses: { id: string; kind: string; outcome: "false positive" | "false negative" }[];
}

export const EVAL_FIXTURE = fileURLToPath(new URL("../fixtures/guardrails-eval.jsonl", import.meta.url));
const KINDS: GuardrailKind[] = ["secret", "pii", "prompt_injection", "jailbreak"];

export function loadEvalCases(path = EVAL_FIXTURE): EvalCase[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as EvalCase);
}

/**
 * Case-level precision/recall per kind under the default input policy (thresholds and allow-lists
 * applied). A secret/PII case only counts as found when every expected value is covered by a finding
 * of its kind, so a detector that flags the wrong span does not score.
 */
export function evaluate(guardrails: Guardrails, cases: readonly EvalCase[]): EvalReport {
  const counts = new Map<string, { truePositives: number; falsePositives: number; falseNegatives: number }>();
  const misses: EvalReport["misses"] = [];
  const tally = (kind: string, actual: boolean, predicted: boolean, id: string) => {
    const count = counts.get(kind) ?? { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
    if (actual && predicted) count.truePositives++;
    else if (predicted) count.falsePositives++;
    else if (actual) count.falseNegatives++;
    if (actual !== predicted && kind !== "injection_or_jailbreak") {
      misses.push({ id, kind, outcome: predicted ? "false positive" : "false negative" });
    }
    counts.set(kind, count);
  };
  let benignCases = 0;
  let benignInjection = 0;
  let benignAny = 0;
  for (const testCase of cases) {
    const findings = guardrails.check({ text: testCase.text, direction: "input" }).findings;
    for (const kind of KINDS) {
      tally(kind, testCase.labels.includes(kind), found(testCase, kind, findings), testCase.id);
    }
    const injectionLabel = testCase.labels.some(
      (label) => label === "prompt_injection" || label === "jailbreak",
    );
    const injectionFound = findings.some(
      (finding) => finding.kind === "prompt_injection" || finding.kind === "jailbreak",
    );
    tally("injection_or_jailbreak", injectionLabel, injectionFound, testCase.id);
    if (testCase.labels.length === 0) {
      benignCases++;
      if (injectionFound) benignInjection++;
      if (findings.length > 0) benignAny++;
    }
  }
  const score = (kind: string): KindScore => {
    const { truePositives, falsePositives, falseNegatives } = counts.get(kind) ?? {
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 0,
    };
    const precision =
      truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
    const recall =
      truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { kind, truePositives, falsePositives, falseNegatives, precision, recall, f1 };
  };
  return {
    cases: cases.length,
    benignCases,
    kinds: KINDS.map(score),
    injectionOrJailbreak: score("injection_or_jailbreak"),
    benignInjectionFalsePositiveRate: benignCases === 0 ? 0 : benignInjection / benignCases,
    benignAnyFalsePositiveRate: benignCases === 0 ? 0 : benignAny / benignCases,
    misses,
  };
}

function found(testCase: EvalCase, kind: GuardrailKind, findings: readonly Finding[]): boolean {
  const ofKind = findings.filter((finding) => finding.kind === kind);
  if (ofKind.length === 0) return false;
  const expected = (testCase.expect ?? []).filter((value) => value.kind === kind);
  return expected.every(({ value }) => {
    const start = testCase.text.indexOf(value);
    const end = start + value.length;
    return start >= 0 && ofKind.some((finding) => finding.start < end && finding.end > start);
  });
}
