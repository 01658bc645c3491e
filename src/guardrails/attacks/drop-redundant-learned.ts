import type { Finding } from "../types.js";

const LEARNED = "attacks/learned";

/**
 * A learned finding says "this span is an attack"; where a rule already reports the same kind inside
 * that span, the rule's finding says it more precisely (a phrase to redact, a named rule), so the
 * learned one is dropped. The learned finding stays where no rule saw the attack.
 */
export function dropRedundantLearned(findings: Finding[]): Finding[] {
  const learned = findings.filter((finding) => finding.detector === LEARNED);
  if (learned.length === 0) return findings;
  return findings.filter(
    (finding) =>
      finding.detector !== LEARNED ||
      !findings.some(
        (rule) =>
          rule.detector !== LEARNED &&
          rule.kind === finding.kind &&
          rule.score >= 0.5 &&
          rule.start < finding.end &&
          rule.end > finding.start,
      ),
  );
}
