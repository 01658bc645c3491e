import { expect, it } from "vitest";
import { createSecretDetector } from "../../src/guardrails/secrets.js";

/** A ported rule's case: its id, a drawn secret, a line holding it, and a line it must leave alone. */
export type PortedRuleCase = [id: string, secret: string, line: (secret: string) => string, nearMiss: string];

const secrets = createSecretDetector();
const findings = (text: string) => secrets.scan(text).filter((finding) => finding.score >= 0.5);

/**
 * Each rule finds exactly its secret in its line and nothing in its near-miss. Assertions compare
 * spans and ids, so no value is printed on success.
 */
export function checkPortedRules(cases: PortedRuleCase[]): void {
  it.each(cases)("%s finds its token and only it", (id, secret, line) => {
    const text = line(secret);
    const found = findings(text).find((finding) => finding.detector === `secrets/${id}`);
    expect(found && text.slice(found.start, found.end) === secret).toBe(true);
  });

  it.each(cases)("%s leaves its near-miss alone", (id, _secret, _line, nearMiss) => {
    expect(findings(nearMiss).filter((finding) => finding.detector === `secrets/${id}`)).toEqual([]);
  });
}
