import { describe, expect, it } from "vitest";
import { createGuardrails } from "../../src/guardrails/index.js";
import { evaluate, loadEvalCases } from "./eval-harness.js";

const cases = loadEvalCases();
const report = evaluate(createGuardrails(), cases);
const scoreOf = (kind: string) => report.kinds.find((score) => score.kind === kind);

describe("labelled evaluation set", () => {
  it("has at least 250 cases, 100 of them hard benign negatives, each with a source", () => {
    expect(cases.length).toBeGreaterThanOrEqual(250);
    expect(cases.filter((testCase) => testCase.labels.length === 0).length).toBeGreaterThanOrEqual(100);
    for (const testCase of cases) {
      expect(testCase.source, testCase.id).toMatch(/\S/);
      for (const expected of testCase.expect ?? [])
        expect(testCase.text, testCase.id).toContain(expected.value);
    }
    expect(new Set(cases.map((testCase) => testCase.id)).size).toBe(cases.length);
  });

  // Accuracy targets of issue 6; deterministic, so asserted. `npm run bench` prints the same table.
  it("meets the secret targets: recall ≥ 0.95, precision ≥ 0.98", () => {
    expect(scoreOf("secret")?.recall).toBeGreaterThanOrEqual(0.95);
    expect(scoreOf("secret")?.precision).toBeGreaterThanOrEqual(0.98);
  });

  it("meets the PII targets: recall ≥ 0.95, precision ≥ 0.95", () => {
    expect(scoreOf("pii")?.recall).toBeGreaterThanOrEqual(0.95);
    expect(scoreOf("pii")?.precision).toBeGreaterThanOrEqual(0.95);
  });

  it("meets the injection targets: recall ≥ 0.85, false positives on benign text ≤ 3%", () => {
    expect(report.injectionOrJailbreak.recall).toBeGreaterThanOrEqual(0.85);
    expect(report.benignInjectionFalsePositiveRate).toBeLessThanOrEqual(0.03);
  });
});
