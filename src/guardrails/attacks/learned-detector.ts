import { maskPreview } from "../mask.js";
import type { ContentSource, Detector } from "../types.js";
import type { AttackModel } from "./attack-model.js";
import { createAttackScorer, LONG_TEXT_CHARS } from "./attack-scorer.js";

/**
 * The learned attack scorer as a detector. It reports one finding per text when the model's attack
 * probability reaches the model's threshold for the text's source (user, document, tool_result): the
 * kind the model prefers, the span that scored highest (the whole text, or the window of a long one),
 * and a score mapped so that the threshold is the policy's default 0.5 and certainty is 1.
 */
/** The attack probability at or above which the model reports this text, read as coming from `source`. */
export function thresholdFor(model: AttackModel, text: string, source: ContentSource = "user"): number {
  return (text.length > LONG_TEXT_CHARS ? model.longThresholds : model.thresholds)[source];
}

export function createLearnedAttackDetector(model: AttackModel): Detector {
  const scorer = createAttackScorer(model);
  return {
    name: "attacks/learned",
    scan(text, source) {
      const threshold = thresholdFor(model, text, source);
      const scored = scorer.score(text, source);
      if (scored === undefined || scored.attack < threshold) return [];
      const score = Math.round((0.5 + (0.5 * (scored.attack - threshold)) / (1 - threshold)) * 100) / 100;
      return [
        {
          kind: scored.kind,
          type: scored.kind === "jailbreak" ? "learned_jailbreak" : "learned_injection",
          start: scored.start,
          end: scored.end,
          score,
          detector: "attacks/learned",
          preview: maskPreview(scored.kind, text.slice(scored.start, scored.end)),
        },
      ];
    },
  };
}
