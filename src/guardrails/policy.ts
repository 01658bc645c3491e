import type { GuardrailsConfig } from "./config.js";
import type { Direction, Finding, GuardrailAction, GuardrailKind } from "./types.js";

const STRICTNESS: Record<GuardrailAction, number> = { allow: 0, warn: 1, redact: 2, block: 3 };

/** block > redact > warn > allow; `allow` when there is nothing. */
export function strictestAction(actions: Iterable<GuardrailAction>): GuardrailAction {
  let strictest: GuardrailAction = "allow";
  for (const action of actions) if (STRICTNESS[action] > STRICTNESS[strictest]) strictest = action;
  return strictest;
}

export interface Policy {
  /** The action for a kind in a direction, after per-check overrides. */
  actionFor(
    kind: GuardrailKind,
    direction: Direction,
    overrides?: Partial<Record<GuardrailKind, GuardrailAction>>,
  ): GuardrailAction;
  /** False when the finding is under its kind's threshold or on an allow-list. */
  counts(finding: Finding, text: string): boolean;
}

export function createPolicy(config: GuardrailsConfig): Policy {
  const values = new Set(config.allow.values);
  const types = new Set(config.allow.types);
  const emails = config.allow.emails.map((email) => email.toLowerCase());
  const patterns = config.allow.patterns.map((source) => new RegExp(source, "u"));

  const allowedEmail = (address: string) => {
    const lower = address.toLowerCase();
    return emails.some((allowed) => (allowed.startsWith("@") ? lower.endsWith(allowed) : lower === allowed));
  };

  return {
    actionFor(kind, direction, overrides) {
      return overrides?.[kind] ?? config[direction][kind];
    },
    counts(finding, text) {
      if (finding.score < config.thresholds[finding.kind] || types.has(finding.type)) return false;
      const value = text.slice(finding.start, finding.end);
      if (values.has(value)) return false;
      if (finding.type === "email" && allowedEmail(value)) return false;
      return !patterns.some((pattern) => pattern.test(value));
    },
  };
}
