import { expect, it } from "vitest";
import { reportedSecrets } from "./reported-secrets.js";

/** A ported rule's case: its id, a drawn secret, a line holding it, and a line it must leave alone. */
export type PortedRuleCase = [id: string, secret: string, line: (secret: string) => string, nearMiss: string];

/**
 * Each rule finds exactly its secret in its line and nothing in its near-miss. Assertions compare
 * spans and ids, so no value is printed on success.
 */
export function checkPortedRules(cases: PortedRuleCase[]): void {
  it.each(cases)("%s finds its token and only it", (id, secret, line) => {
    const text = line(secret);
    const found = reportedSecrets(text).find((finding) => finding.detector === `secrets/${id}`);
    expect(found && text.slice(found.start, found.end) === secret).toBe(true);
  });

  it.each(cases)("%s leaves its near-miss alone", (id, _secret, _line, nearMiss) => {
    expect(reportedSecrets(nearMiss).filter((finding) => finding.detector === `secrets/${id}`)).toEqual([]);
  });
}
