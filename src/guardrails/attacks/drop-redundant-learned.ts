import type { Finding } from "../types.js";
import { EMBEDDED_DOCUMENT_DETECTOR } from "./embedded-document.js";
import { LEARNED_DETECTOR } from "./learned-detector.js";

const EMBEDDED_LEARNED = `${EMBEDDED_DOCUMENT_DETECTOR}:${LEARNED_DETECTOR}`;

/** Whether the learned scorer made the finding (of the text, or of a document pasted into it). */
export function isLearned(finding: Finding): boolean {
  return finding.detector === LEARNED_DETECTOR || finding.detector === EMBEDDED_LEARNED;
}

/**
 * A learned finding says "this span is an attack"; where a rule already reports the same kind inside
 * that span, the rule's finding says it more precisely (a phrase to redact, a named rule), so the
 * learned one is dropped. The learned finding stays where no rule saw the attack.
 */
export function dropRedundantLearned(findings: Finding[]): Finding[] {
  const learned = findings.filter(isLearned);
  if (learned.length === 0) return findings;
  return findings.filter(
    (finding) =>
      !isLearned(finding) ||
      !findings.some(
        (rule) =>
          !isLearned(rule) &&
          rule.kind === finding.kind &&
          rule.score >= 0.5 &&
          rule.start < finding.end &&
          rule.end > finding.start,
      ),
  );
}
