import { randomUUID } from "node:crypto";
import type { Usage } from "../../catalog/types.js";
import { toolCallName, toolCallText } from "../../chat/message-text.js";
import type { AnswerChoice, FinishReason, ToolCall } from "../../chat/types.js";
import type { RouteResult } from "../../core/route-types.js";
import { anthropicSnapshot } from "../../providers/anthropic/anthropic-snapshot.js";

/** The stop sequence that ended the answer, when the provider said (Anthropic does). */
export function stopSequenceOf(choice: AnswerChoice): string | null {
  const sequence = choice.extra?.stop_sequence;
  return typeof sequence === "string" && sequence !== "" ? sequence : null;
}

/** Anthropic's stop reason for a choice. */
export function stopReasonOf(choice: AnswerChoice) {
  return stopSequenceOf(choice) !== null && choice.finishReason === "stop"
    ? "stop_sequence"
    : stopReason(choice.finishReason);
}

/** Anthropic's stop reasons for modelmux's finish reasons. */
export function stopReason(reason: FinishReason): "end_turn" | "max_tokens" | "tool_use" | "refusal" {
  if (reason === "length") return "max_tokens";
  if (reason === "tool_calls") return "tool_use";
  if (reason === "content_filter") return "refusal";
  return "end_turn";
}

/** Anthropic counts `input_tokens` without the cache reads and writes, which it reports beside it. */
export function anthropicUsage(usage: Usage) {
  const cacheWrite = usage.cacheWrite ?? 0;
  return {
    input_tokens: Math.max(0, usage.input - usage.cached - cacheWrite),
    output_tokens: usage.output,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: usage.cached,
  };
}

export function messageId(): string {
  return `msg_${randomUUID().replace(/-/g, "")}`;
}

/** A tool call's arguments as the object Anthropic's `input` is; text that is not a JSON object is kept under `input`. */
export function toolInput(call: ToolCall): Record<string, unknown> {
  const text = toolCallText(call);
  try {
    const parsed: unknown = JSON.parse(text === "" ? "{}" : text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through: a provider sent arguments that are not JSON
  }
  return { input: text };
}

export function toolUseBlock(call: ToolCall) {
  return { type: "tool_use" as const, id: call.id, name: toolCallName(call), input: toolInput(call) };
}

/**
 * Thinking blocks of an answer: Anthropic's own (with signatures) when the native adapter served
 * it, else a provider's `reasoning_content` as one unsigned thinking block.
 */
export function thinkingBlocks(choice: AnswerChoice): Record<string, unknown>[] {
  const blocks = choice.extra?.thinking_blocks;
  if (Array.isArray(blocks)) return blocks as Record<string, unknown>[];
  const reasoning = choice.extra?.reasoning_content;
  if (typeof reasoning === "string" && reasoning !== "")
    return [{ type: "thinking", thinking: reasoning, signature: "" }];
  return [];
}

/** The answer's content blocks: thinking first, then text, then tool calls (Anthropic's order). */
export function contentBlocks(choice: AnswerChoice): Record<string, unknown>[] {
  const blocks = thinkingBlocks(choice);
  const text = choice.refusal && choice.text === "" ? choice.refusal : choice.text;
  if (text !== "" || (!choice.toolCalls && blocks.length === 0)) blocks.push({ type: "text", text });
  for (const call of choice.toolCalls ?? []) blocks.push(toolUseBlock(call));
  return blocks;
}

/**
 * The model a Messages answer names: the dated snapshot the caller asked for when it is a
 * snapshot of the model that served (Anthropic answers `claude-sonnet-4-5-20250929` when asked for
 * it, and the upstream was sent it), else the serving model's id.
 */
export function answeredModel(served: string, requested: string): string {
  return anthropicSnapshot(served, requested) ?? served;
}

/** A whole Messages API answer to a request for `requested`. */
export function messageBody(id: string, result: RouteResult, requested: string) {
  return {
    id,
    type: "message",
    role: "assistant",
    model: answeredModel(result.model, requested),
    content: contentBlocks(result),
    stop_reason: stopReasonOf(result),
    stop_sequence: stopSequenceOf(result),
    usage: anthropicUsage(result.usage),
  };
}
