import { randomUUID } from "node:crypto";
import type { Usage } from "../catalog/types.js";
import type { RouteResult } from "../core/route-types.js";

/** OpenAI's finish reasons; modelmux's `other` has no counterpart, so it reads as `stop`. */
export function openAIFinishReason(reason: string): "stop" | "length" | "content_filter" | "tool_calls" {
  return reason === "length" || reason === "content_filter" || reason === "tool_calls" ? reason : "stop";
}

export function openAIUsage(usage: Usage) {
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cached },
  };
}

export function completionId(): string {
  return `chatcmpl-${randomUUID()}`;
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A whole `chat.completion` object, as OpenAI answers a non-streaming request. */
export function completionBody(id: string, result: RouteResult) {
  return {
    id,
    object: "chat.completion",
    created: unixSeconds(),
    model: result.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: result.text, refusal: null },
        logprobs: null,
        finish_reason: openAIFinishReason(result.finishReason),
      },
    ],
    usage: openAIUsage(result.usage),
  };
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

export function deltaChoice(content: string, first: boolean) {
  return {
    index: 0,
    delta: first ? { role: "assistant", content } : { content },
    logprobs: null,
    finish_reason: null,
  };
}

export function finishChoice(reason: string) {
  return { index: 0, delta: {}, logprobs: null, finish_reason: openAIFinishReason(reason) };
}
