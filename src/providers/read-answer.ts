import type { Usage } from "../catalog/types.js";
import type { AnswerChoice, ToolCall } from "../chat/types.js";
import { mapFinishReason } from "./map-finish-reason.js";

/** OpenAI's usage object, with the detail fields vendors may send. */
export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number; audio_tokens?: number } | null;
}

export interface WireMessage {
  content?: string | null;
  refusal?: string | null;
  tool_calls?: ToolCall[] | null;
  [field: string]: unknown;
}

export interface WireChoice {
  index?: number;
  message?: WireMessage;
  finish_reason?: string | null;
  logprobs?: unknown;
}

/** Usage in modelmux's terms; detail counts only when the provider sent them. */
export function normaliseUsage(usage: WireUsage | null | undefined): Usage {
  const normalised: Usage = {
    input: usage?.prompt_tokens ?? 0,
    output: usage?.completion_tokens ?? 0,
    cached: usage?.prompt_tokens_details?.cached_tokens ?? 0,
  };
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  const audioInput = usage?.prompt_tokens_details?.audio_tokens;
  const audioOutput = usage?.completion_tokens_details?.audio_tokens;
  if (reasoning) normalised.reasoning = reasoning;
  if (audioInput) normalised.audioInput = audioInput;
  if (audioOutput) normalised.audioOutput = audioOutput;
  return normalised;
}

const MODELLED = new Set(["role", "content", "refusal", "tool_calls"]);

/** Message fields beyond the modelled ones (audio, annotations, …); undefined when there are none. */
export function extraFields(message: Record<string, unknown>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const field in message) {
    const value = message[field];
    if (MODELLED.has(field) || value === null || value === undefined) continue;
    extra ??= {};
    extra[field] = value;
  }
  return extra;
}

/** One choice of a whole completion. */
export function readChoice(choice: WireChoice): AnswerChoice {
  const message = choice.message ?? {};
  const answer: AnswerChoice = {
    text: message.content ?? "",
    finishReason: mapFinishReason(choice.finish_reason),
  };
  if (message.content === null || message.content === undefined) answer.textIsNull = true;
  if (message.tool_calls && message.tool_calls.length > 0) answer.toolCalls = message.tool_calls;
  if (message.refusal) answer.refusal = message.refusal;
  if (choice.logprobs) answer.logprobs = choice.logprobs;
  const extra = extraFields(message);
  if (extra) answer.extra = extra;
  return answer;
}
