import { ModelmuxError } from "../errors.js";
import type { Finding, GuardrailAction, Guardrails, GuardrailsCheckInput } from "../guardrails/index.js";
import type { ChatMessage } from "../providers/types.js";

/** What the caller sees of a screening: never the secret itself, only masked previews. */
export interface ScreenReport {
  action: GuardrailAction | "none";
  findings: { kind: string; type: string; score: number; preview: string; message?: number }[];
}

export const NOT_SCREENED: ScreenReport = { action: "none", findings: [] };

function report(action: GuardrailAction, findings: readonly Finding[]): ScreenReport {
  return {
    action: findings.length === 0 ? "none" : action,
    findings: findings.map((finding) => ({
      kind: finding.kind,
      type: finding.type,
      score: Math.round(finding.score * 100) / 100,
      preview: finding.preview,
      ...(finding.message !== undefined && { message: finding.message }),
    })),
  };
}

function blocked(
  direction: "input" | "output",
  screened: ScreenReport,
  extra: Record<string, unknown> = {},
): ModelmuxError {
  const list = screened.findings
    .map((finding) => `${finding.kind}/${finding.type} (${finding.preview})`)
    .join(", ");
  const what =
    direction === "input"
      ? "the request was blocked before any model saw it"
      : "the model's answer was blocked";
  return new ModelmuxError("GUARDRAIL_BLOCKED", `guardrails: ${what}: ${list}`, {
    direction,
    guardrails: screened,
    ...extra,
  });
}

/** Screens the request: throws on block; on redact, the provider only ever sees placeholders. */
export function screenInput(
  guardrails: Guardrails | undefined,
  messages: ChatMessage[],
  overrides?: GuardrailsCheckInput["overrides"],
) {
  if (!guardrails) return { messages, placeholders: new Map<string, string>(), report: NOT_SCREENED };
  const check = guardrails.check({ messages, direction: "input", ...(overrides && { overrides }) });
  const screened = report(check.action, check.findings);
  if (check.action === "block") throw blocked("input", screened);
  const redacted =
    check.action === "redact" && check.redactedMessages
      ? (check.redactedMessages as ChatMessage[])
      : messages;
  return { messages: redacted, placeholders: check.placeholders, report: screened };
}

/**
 * Screens the answer, then puts the user's own values back where the model repeated a
 * placeholder. `spent` rides on a block error so the ledger still records the cost.
 */
export function screenOutput(
  guardrails: Guardrails | undefined,
  text: string,
  placeholders: Map<string, string>,
  spent: Record<string, unknown>,
): { text: string; report: ScreenReport } {
  if (!guardrails) return { text, report: NOT_SCREENED };
  const check = guardrails.check({ text, direction: "output" });
  const screened = report(check.action, check.findings);
  if (check.action === "block") throw blocked("output", screened, spent);
  const safe = check.action === "redact" && check.redactedText !== undefined ? check.redactedText : text;
  return { text: placeholders.size > 0 ? guardrails.restore(safe, placeholders) : safe, report: screened };
}

const RANK: Record<ScreenReport["action"], number> = { none: 0, allow: 1, warn: 2, redact: 3, block: 4 };

/** The strictest of the input and output actions, for the ledger. */
export function strictest(...reports: ScreenReport[]): ScreenReport["action"] {
  return reports.reduce<ScreenReport["action"]>(
    (worst, item) => (RANK[item.action] > RANK[worst] ? item.action : worst),
    "none",
  );
}
