import type { Usage } from "../../catalog/types.js";
import type { AnswerChoice, FinishReason, ToolCall } from "../../chat/types.js";

/** Anthropic's usage object (input_tokens leaves out cache reads and writes). */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

export interface AnthropicBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  thinking?: string;
  signature?: string;
  data?: string;
  [field: string]: unknown;
}

export interface AnthropicMessage {
  content?: AnthropicBlock[];
  stop_reason?: string | null;
  stop_sequence?: string | null;
  usage?: AnthropicUsage;
}

/** Anthropic's stop reasons in modelmux's terms. */
export function finishReasonOf(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    default:
      return "other";
  }
}

/** Usage in modelmux's terms, where `input` is the whole input (cache reads and writes included). */
export function usageOf(usage: AnthropicUsage | undefined): Usage {
  const cached = usage?.cache_read_input_tokens ?? 0;
  const cacheWrite = usage?.cache_creation_input_tokens ?? 0;
  const normalised: Usage = {
    input: (usage?.input_tokens ?? 0) + cached + cacheWrite,
    output: usage?.output_tokens ?? 0,
    cached,
  };
  if (cacheWrite > 0) normalised.cacheWrite = cacheWrite;
  return normalised;
}

export function toolCallOf(block: AnthropicBlock, argumentsText?: string): ToolCall {
  return {
    id: block.id ?? "",
    type: "function",
    function: { name: block.name ?? "", arguments: argumentsText ?? JSON.stringify(block.input ?? {}) },
  };
}

/**
 * The answer as one choice: text blocks joined, tool_use blocks as tool calls, and thinking kept
 * whole under `extra.thinking_blocks` (signatures included, so the next turn can send them back)
 * with its text as `extra.reasoning_content`. Other block kinds (server tools) ride in `extra.content`.
 */
export function readAnthropicAnswer(message: AnthropicMessage): AnswerChoice {
  let text = "";
  let hasText = false;
  const toolCalls: ToolCall[] = [];
  const thinking: AnthropicBlock[] = [];
  const other: AnthropicBlock[] = [];
  for (const block of message.content ?? []) {
    if (block.type === "text") {
      text += block.text ?? "";
      hasText = true;
    } else if (block.type === "tool_use") toolCalls.push(toolCallOf(block));
    else if (block.type === "thinking" || block.type === "redacted_thinking") thinking.push(block);
    else other.push(block);
  }
  const answer: AnswerChoice = { text, finishReason: finishReasonOf(message.stop_reason) };
  if (!hasText && toolCalls.length > 0) answer.textIsNull = true;
  if (toolCalls.length > 0) answer.toolCalls = toolCalls;
  const extra: Record<string, unknown> = {};
  if (thinking.length > 0) {
    extra.thinking_blocks = thinking;
    extra.reasoning_content = thinking.map((block) => block.thinking ?? "").join("");
  }
  if (other.length > 0) extra.content = other;
  // Which stop sequence ended the answer: chat has no field for it, the Messages door reports it.
  if (message.stop_reason === "stop_sequence" && message.stop_sequence)
    extra.stop_sequence = message.stop_sequence;
  if (Object.keys(extra).length > 0) answer.extra = extra;
  return answer;
}
