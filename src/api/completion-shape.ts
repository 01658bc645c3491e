import { randomUUID } from "node:crypto";
import type { Usage } from "../catalog/types.js";
import type { AnswerChoice, StreamDelta } from "../chat/types.js";
import type { RouteResult } from "../core/route-types.js";
import { extendableCopy } from "../extendable-copy.js";

/** OpenAI's finish reasons; modelmux's `other` has no counterpart, so it reads as `stop`. */
export function openAIFinishReason(reason: string): "stop" | "length" | "content_filter" | "tool_calls" {
  return reason === "length" || reason === "content_filter" || reason === "tool_calls" ? reason : "stop";
}

export function openAIUsage(usage: Usage) {
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    prompt_tokens_details: {
      cached_tokens: usage.cached,
      ...(usage.audioInput !== undefined && { audio_tokens: usage.audioInput }),
    },
    ...((usage.reasoning !== undefined || usage.audioOutput !== undefined) && {
      completion_tokens_details: {
        reasoning_tokens: usage.reasoning ?? 0,
        ...(usage.audioOutput !== undefined && { audio_tokens: usage.audioOutput }),
      },
    }),
  };
}

export function completionId(): string {
  return `chatcmpl-${randomUUID()}`;
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Every choice of a result, first one included. */
export function choicesOf(result: RouteResult): AnswerChoice[] {
  return result.choices ?? [result];
}

/** OpenAI's assistant message; built by assignment (see copyOptionalChoiceFields on spreads). */
function messageOf(choice: AnswerChoice) {
  const message: Record<string, unknown> = choice.extra ? extendableCopy(choice.extra) : {};
  message.role = "assistant";
  message.content = choice.textIsNull ? null : choice.text;
  message.refusal = choice.refusal ?? null;
  if (choice.toolCalls) message.tool_calls = choice.toolCalls;
  return message;
}

/** A whole `chat.completion` object, as OpenAI answers a non-streaming request. */
export function completionBody(id: string, result: RouteResult) {
  const body: Record<string, unknown> = {
    id,
    object: "chat.completion",
    created: unixSeconds(),
    model: result.model,
    choices: choicesOf(result).map((choice, index) => ({
      index,
      message: messageOf(choice),
      logprobs: choice.logprobs ?? null,
      finish_reason: openAIFinishReason(choice.finishReason),
    })),
    usage: openAIUsage(result.usage),
  };
  if (result.systemFingerprint) body.system_fingerprint = result.systemFingerprint;
  if (result.serviceTier) body.service_tier = result.serviceTier;
  return body;
}

/** One `chat.completion.chunk` SSE payload. */
export function chunkBody(
  id: string,
  created: number,
  model: string,
  choices: unknown[],
  usage?: ReturnType<typeof openAIUsage>,
) {
  return { id, object: "chat.completion.chunk", created, model, choices, ...(usage && { usage }) };
}

/** A live delta in OpenAI's chunk shape; the first of each choice names the role. */
export function deltaChoice(delta: StreamDelta, first: boolean) {
  const fields: Record<string, unknown> = delta.extra ? extendableCopy(delta.extra) : {};
  if (first) fields.role = "assistant";
  if (delta.content !== undefined) fields.content = delta.content;
  if (delta.refusal !== undefined) fields.refusal = delta.refusal;
  if (delta.toolCalls) fields.tool_calls = delta.toolCalls;
  return { index: delta.choice, delta: fields, logprobs: delta.logprobs ?? null, finish_reason: null };
}

/** A whole answer choice as one delta (a cache hit or a buffered answer replayed as a stream). */
export function wholeDelta(choice: AnswerChoice, index: number): StreamDelta {
  return {
    choice: index,
    ...(!choice.textIsNull && { content: choice.text }),
    ...(choice.refusal && { refusal: choice.refusal }),
    ...(choice.toolCalls && {
      toolCalls: choice.toolCalls.map((call, callIndex) => ({ index: callIndex, ...call })),
    }),
    ...(choice.logprobs !== undefined && { logprobs: choice.logprobs }),
    ...(choice.extra && { extra: choice.extra }),
  };
}

export function finishChoice(reason: string, index = 0) {
  return { index, delta: {}, logprobs: null, finish_reason: openAIFinishReason(reason) };
}
