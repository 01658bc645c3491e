import { describe, expect, it } from "vitest";
import { CAP_MARGIN, chooseThresholds } from "../../../scripts/guardrails/choose-thresholds.js";
import { SYSTEM_CONTEXT } from "../../../scripts/guardrails/extract-system-prompts.js";
import { type CorpusLine, loadCorpus } from "../../../scripts/guardrails/load-corpus.js";
import { loadAttackModel } from "../../../src/guardrails/attacks/attack-model.js";
import { createAttackScorer } from "../../../src/guardrails/attacks/attack-scorer.js";
import { CODE_REQUEST_THRESHOLD } from "../../../src/guardrails/attacks/learned-detector.js";
import { loadEvalCases } from "../eval-harness.js";

/** A scorer that gives each text the score in `scores` (0 for any other): the choice alone, no model. */
function fixedScorer(scores: ReadonlyMap<string, number>) {
  return {
    score: (text: string) => ({
      attack: scores.get(text) ?? 0,
      kind: "prompt_injection" as const,
      start: 0,
      end: text.length,
    }),
  };
}

describe("the learned scorer's thresholds", () => {
  it("keep a line of each cap free", () => {
    // 400 benign user lines of one source held to 3 %: a cap of 12 lines; scores 0.300 ... 0.699.
    const lines: CorpusLine[] = Array.from({ length: 400 }, (_, index) => ({
      text: `Recipe note ${index}: simmer the beans for ${index + 5} minutes.`,
      kind: "benign",
      source: "threshold-test-lines",
      split: "dev",
      lang: "en",
      licence: "MIT (this project)",
    }));
    const scores = new Map(lines.map((line, index) => [line.text, 0.3 + index / 1000]));
    const chosen = chooseThresholds(fixedScorer(scores), lines);
    const flagged = [...scores.values()].filter((score) => score >= chosen.thresholds.user).length;
    expect(flagged).toBe(12 - CAP_MARGIN);
    expect(chosen.thresholds.user).toBeCloseTo(0.689, 6);
    // Nothing read by an agent here: the document threshold is the floor, over no random text's score.
    expect(chosen.thresholds.document).toBe(0.25);
    const withoutMargin = chooseThresholds(fixedScorer(scores), lines, { capMargin: 0 });
    expect(withoutMargin.thresholds.user).toBeCloseTo(0.688, 6);
    // 29 s alone on this machine, 51 s in a landing batch: over the 30 s default.
  }, 600_000);

  it("are held by the evaluation set's benign cases unless evalSetCap is false", () => {
    // The rules' evaluation set's benign cases (training lines) all score 0.8, 400 dev lines 0.
    const evalSetBenign = loadEvalCases()
      .filter((testCase) => testCase.labels.length === 0)
      .map((testCase) => testCase.text);
    const line = (text: string, source: string, split: string): CorpusLine => ({
      text,
      kind: "benign",
      source,
      split,
      lang: "en",
      licence: "MIT (this project)",
    });
    const lines = [
      ...Array.from({ length: 400 }, (_, index) =>
        line(
          `Recipe note ${index}: simmer the beans for ${index + 5} minutes.`,
          "threshold-test-lines",
          "dev",
        ),
      ),
      ...evalSetBenign.map((text) => line(text, "modelmux-eval-set", "train")),
    ];
    const scores = new Map(evalSetBenign.map((text) => [text, 0.8]));
    expect(chooseThresholds(fixedScorer(scores), lines).thresholds.user).toBeCloseTo(0.801, 6);
    expect(chooseThresholds(fixedScorer(scores), lines, { evalSetCap: false }).thresholds.user).toBe(0.25);
  }, 600_000);

  it("count a user's request for code under CODE_REQUEST_THRESHOLD as the detector reports it: never", () => {
    // 400 benign dev requests for code of one source: at 0.6 (under the bar) none is ever reported and
    // the user threshold stays at the floor; at 0.75 they are, and the cap holds the threshold over them.
    const lines: CorpusLine[] = Array.from({ length: 400 }, (_, index) => ({
      text: `Write a Python script that blocks address 10.0.${index % 250}.${index} after five failed logins.`,
      kind: "benign",
      source: "threshold-test-lines",
      split: "dev",
      lang: "en",
      licence: "MIT (this project)",
    }));
    const at = (score: number) => new Map(lines.map((line) => [line.text, score]));
    expect(CODE_REQUEST_THRESHOLD).toBeGreaterThan(0.6);
    expect(chooseThresholds(fixedScorer(at(0.6)), lines, { evalSetCap: false }).thresholds.user).toBe(0.25);
    expect(chooseThresholds(fixedScorer(at(0.75)), lines, { evalSetCap: false }).thresholds.user).toBeCloseTo(
      0.751,
      6,
    );
  }, 600_000);

  // The built corpus is gitignored: wherever it is (where the model is trained, and where main lands),
  // a change to the rules or to dev that would move the shipped thresholds fails here, not rounds later.
  it("are the ones the trainer chooses today for the shipped weights", () => {
    const { lines, publicPresent } = loadCorpus();
    if (!publicPresent) return;
    const model = loadAttackModel();
    const chosen = chooseThresholds(
      createAttackScorer(model),
      lines.filter((line) => line.context !== SYSTEM_CONTEXT && line.split !== "test"),
    );
    expect(
      chosen,
      "dev and the rules give other thresholds: `npm run thresholds:guardrails -- --write`, then the keep rule",
    ).toEqual({ thresholds: model.thresholds, longThresholds: model.longThresholds });
  }, 600_000);
});
