import type { Finding } from "./types.js";

/** Positive when `left` should win over `right`. */
export type FindingComparer = (left: Finding, right: Finding) => number;

const byScoreThenLength: FindingComparer = (left, right) =>
  left.score - right.score || left.end - left.start - (right.end - right.start);

/**
 * Of findings whose spans overlap, keeps the stronger one. One sweep over the findings sorted by start,
 * so thousands of findings (a pasted CSV of emails) stay cheap.
 */
export function keepStrongest(findings: Finding[], compare: FindingComparer = byScoreThenLength): Finding[] {
  if (findings.length < 2) return findings;
  const sorted = [...findings].sort((left, right) => left.start - right.start || right.end - left.end);
  const kept: Finding[] = [];
  for (const finding of sorted) {
    const last = kept[kept.length - 1];
    if (last === undefined || finding.start >= last.end) kept.push(finding);
    else if (compare(finding, last) > 0) kept[kept.length - 1] = finding;
  }
  return kept;
}
