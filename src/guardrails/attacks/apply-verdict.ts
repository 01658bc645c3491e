import { maskPreview } from "../mask.js";
import type { Finding, JudgeVerdict } from "../types.js";
import type { AttackScore } from "./attack-scorer.js";
import { isLearned } from "./drop-redundant-learned.js";

/**
 * Lets the judge's verdict on a text replace the learned scorer's opinion of it: an attack verdict
 * reports the span the scorer liked least (detector `judge/<model>`), a benign one drops the learned
 * finding. Rule findings stand either way: the judge is asked about what rules cannot decide.
 */
export function applyVerdict(
  findings: Finding[],
  verdict: JudgeVerdict,
  text: string,
  scored: AttackScore | undefined,
): Finding[] {
  const kept = findings.filter((finding) => !isLearned(finding));
  if (!verdict.attack) return kept;
  const kind = verdict.kind ?? scored?.kind ?? "prompt_injection";
  const start = scored?.start ?? 0;
  const end = scored?.end ?? text.length;
  kept.push({
    kind,
    type: kind === "jailbreak" ? "judged_jailbreak" : "judged_injection",
    start,
    end,
    score: 0.9,
    detector: `judge/${verdict.judge}`,
    preview: maskPreview(kind, text.slice(start, end)),
  });
  return kept;
}
