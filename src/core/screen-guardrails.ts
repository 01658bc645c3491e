import { toolCallText, withToolCallText } from "../chat/message-text.js";
import type { AnswerChoice, ChatMessage, ContentPart } from "../chat/types.js";
import { ModelmuxError } from "../errors.js";
import type {
  ChatText,
  Finding,
  GuardrailAction,
  Guardrails,
  GuardrailsCheckInput,
  JudgeVerdict,
  SourcedText,
} from "../guardrails/index.js";
// From types.js itself: the index would load every detector at start-up.
import { MAX_LISTED_FINDINGS, messageSource } from "../guardrails/types.js";

/** What the caller sees of a screening: never the secret itself, only masked previews. */
export interface ScreenReport {
  action: GuardrailAction | "none";
  findings: { kind: string; type: string; score: number; preview: string; message?: number }[];
  /** Findings beyond the first MAX_LISTED_FINDINGS, counted but not listed. */
  findings_omitted?: number;
}

export const NOT_SCREENED: ScreenReport = { action: "none", findings: [] };

/**
 * `owners` maps a checked text to the message it belongs to; undefined keeps the index as it is
 * (the texts are the messages); null drops it (one answer).
 */
function report(
  action: GuardrailAction,
  findings: readonly Finding[],
  owners: number[] | null | undefined,
  /** Findings the check counted but did not list (GuardrailsCheck.findingsOmitted). */
  uncounted = 0,
): ScreenReport {
  const omitted = findings.length - MAX_LISTED_FINDINGS + uncounted;
  return {
    action: findings.length === 0 ? "none" : action,
    ...(omitted > 0 && { findings_omitted: omitted }),
    findings: findings.slice(0, MAX_LISTED_FINDINGS).map((finding) => {
      const message =
        finding.message === undefined || owners === null
          ? undefined
          : (owners?.[finding.message] ?? finding.message);
      return {
        kind: finding.kind,
        type: finding.type,
        score: Math.round(finding.score * 100) / 100,
        preview: finding.preview,
        ...(message !== undefined && { message }),
      };
    }),
  };
}

function blocked(
  direction: "input" | "output",
  screened: ScreenReport,
  extra: Record<string, unknown> = {},
): ModelmuxError {
  const list =
    screened.findings
      .slice(0, 20)
      .map((finding) => `${finding.kind}/${finding.type} (${finding.preview})`)
      .join(", ") + (screened.findings.length > 20 || screened.findings_omitted ? ", …" : "");
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

/**
 * Every text a message carries, in order: its string content or text parts, its refusal and
 * tool-call arguments. Images, audio and files are not screened.
 */
interface TextSlot {
  message: number;
  text: string;
  put(message: ChatMessage, text: string): ChatMessage;
}

function slotsOf(message: ChatMessage, index: number): TextSlot[] {
  const slots: TextSlot[] = [];
  const { content } = message;
  if (typeof content === "string") {
    slots.push({ message: index, text: content, put: (target, text) => ({ ...target, content: text }) });
  } else if (content) {
    content.forEach((part, partIndex) => {
      if (part.type !== "text" && part.type !== "refusal") return;
      const text = part.type === "text" ? part.text : part.refusal;
      slots.push({
        message: index,
        text,
        put(target, replaced) {
          const parts = [...(target.content as ContentPart[])];
          parts[partIndex] =
            part.type === "text" ? { ...part, text: replaced } : { ...part, refusal: replaced };
          return { ...target, content: parts };
        },
      });
    });
  }
  message.tool_calls?.forEach((call, callIndex) => {
    slots.push({
      message: index,
      text: toolCallText(call),
      put(target, replaced) {
        const calls = [...(target.tool_calls ?? [])];
        calls[callIndex] = withToolCallText(calls[callIndex] ?? call, replaced);
        return { ...target, tool_calls: calls };
      },
    });
  });
  return slots;
}

function isPlainText(message: ChatMessage): boolean {
  return typeof message.content === "string" && message.tool_calls === undefined;
}

/** The texts screenInput reads in these messages, with their source (what a guard judge may be asked about). */
export function textsToScreen(messages: readonly ChatMessage[]): SourcedText[] {
  return messages.flatMap((message, index) => {
    const source = messageSource(message.role);
    return slotsOf(message, index).map((slot) => ({ text: slot.text, source }));
  });
}

/**
 * Screens the request: throws on block; on redact, the provider only ever sees placeholders.
 * `role: "tool"` messages are screened under the tool-results policy (see guardrails config).
 */
export async function screenInput<M extends ChatMessage>(
  guardrails: Guardrails | undefined,
  messages: M[],
  overrides?: GuardrailsCheckInput["overrides"],
  verdicts?: ReadonlyMap<string, JudgeVerdict>,
) {
  if (!guardrails) return { messages, placeholders: new Map<string, string>(), report: NOT_SCREENED };
  if (messages.every(isPlainText)) {
    // The common case, text-only messages: they are the check's input as they are.
    const check = await guardrails.checkAsync({
      messages: messages as ChatText[],
      direction: "input",
      ...(overrides && { overrides }),
      ...(verdicts && { verdicts }),
    });
    const screened = report(check.action, check.findings, undefined, check.findingsOmitted);
    if (check.action === "block") throw blocked("input", screened);
    const redacted =
      check.action === "redact" && check.redactedMessages
        ? (check.redactedMessages as unknown as M[])
        : messages;
    return { messages: redacted, placeholders: check.placeholders, report: screened };
  }
  const slots = messages.flatMap(slotsOf);
  const texts: ChatText[] = slots.map((slot) => ({
    role: messages[slot.message]?.role ?? "user",
    content: slot.text,
  }));
  const check = await guardrails.checkAsync({
    messages: texts,
    direction: "input",
    ...(overrides && { overrides }),
    ...(verdicts && { verdicts }),
  });
  const screened = report(
    check.action,
    check.findings,
    slots.map((slot) => slot.message),
    check.findingsOmitted,
  );
  if (check.action === "block") throw blocked("input", screened);
  let redacted = messages;
  if (check.action === "redact" && check.redactedMessages) {
    redacted = [...messages];
    slots.forEach((slot, index) => {
      const text = check.redactedMessages?.[index]?.content;
      const target = redacted[slot.message];
      if (text !== undefined && text !== slot.text && target)
        redacted[slot.message] = slot.put(target, text) as M;
    });
  }
  return { messages: redacted, placeholders: check.placeholders, report: screened };
}

/** Placeholders restored inside a JSON string (tool-call arguments) must stay valid JSON. */
export function jsonEscaped(placeholders: Map<string, string>): Map<string, string> {
  const escaped = new Map<string, string>();
  for (const [placeholder, value] of placeholders)
    escaped.set(placeholder, JSON.stringify(value).slice(1, -1));
  return escaped;
}

/**
 * Screens every answer choice (text, refusal, tool-call arguments), then puts the user's own
 * values back where the model repeated a placeholder. `spent` rides on a block error so the
 * ledger still records the cost.
 */
export async function screenOutput<T extends AnswerChoice>(
  guardrails: Guardrails | undefined,
  choices: T[],
  placeholders: Map<string, string>,
  spent: Record<string, unknown>,
): Promise<{ choices: T[]; report: ScreenReport }> {
  if (!guardrails) return { choices, report: NOT_SCREENED };
  const texts: ChatText[] = [];
  for (const choice of choices) {
    texts.push({ role: "assistant", content: choice.text });
    if (choice.refusal) texts.push({ role: "assistant", content: choice.refusal });
    for (const call of choice.toolCalls ?? []) texts.push({ role: "assistant", content: toolCallText(call) });
  }
  const check = await guardrails.checkAsync({ messages: texts, direction: "output" });
  // Findings name the choice they came from, not the text slot.
  const owners: number[] = [];
  choices.forEach((choice, index) => {
    const calls = choice.toolCalls?.length ?? 0;
    for (let count = 1 + (choice.refusal ? 1 : 0) + calls; count > 0; count--) owners.push(index);
  });
  const screened = report(
    check.action,
    check.findings,
    choices.length > 1 ? owners : null,
    check.findingsOmitted,
  );
  if (check.action === "block") throw blocked("output", screened, spent);
  const safe = check.action === "redact" && check.redactedMessages ? check.redactedMessages : texts;
  const restore = (text: string) => (placeholders.size > 0 ? guardrails.restore(text, placeholders) : text);
  const escaped = placeholders.size > 0 ? jsonEscaped(placeholders) : placeholders;
  let slot = 0;
  const next = () => safe[slot++]?.content ?? "";
  const out = choices.map((choice) => {
    const updated: T = { ...choice, text: restore(next()) };
    if (choice.refusal) updated.refusal = restore(next());
    if (choice.toolCalls)
      updated.toolCalls = choice.toolCalls.map((call) => {
        const input = next();
        // A function's arguments are JSON: restored values are escaped; a custom tool's input is text.
        const values = call.type === "custom" ? placeholders : escaped;
        return withToolCallText(call, values.size > 0 ? guardrails.restore(input, values) : input);
      });
    return updated;
  });
  return { choices: out, report: screened };
}

/** The error ending a streamed answer whose screened segment was blocked (see screen-stream). */
export function streamBlocked(findings: readonly Finding[], spent: Record<string, unknown>): ModelmuxError {
  return blocked("output", report("block", findings, null), spent);
}

const RANK: Record<ScreenReport["action"], number> = { none: 0, allow: 1, warn: 2, redact: 3, block: 4 };

/** The strictest of the input and output actions, for the ledger. */
export function strictest(...reports: ScreenReport[]): ScreenReport["action"] {
  return reports.reduce<ScreenReport["action"]>(
    (worst, item) => (RANK[item.action] > RANK[worst] ? item.action : worst),
    "none",
  );
}
