import { randomUUID } from "node:crypto";
import type { Usage } from "../../catalog/types.js";
import type { AnswerChoice, ToolCall } from "../../chat/types.js";

/**
 * A chat answer as Responses output items: a reasoning item (when the provider sent its
 * reasoning text), a message with output_text (or a refusal), then one item per tool call.
 */

/** `resp_…`, `msg_…`: 32 random hex digits (randomUUID draws from a cached pool; randomBytes took ~18 µs a call). */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll("-", "")}`;
}

/** Item ids handed out once per slot, so streamed events and the final response name the same items. */
export interface ItemIds {
  reasoning(): string;
  message(): string;
  call(index: number): string;
}

export function createItemIds(): ItemIds {
  let reasoning: string | undefined;
  let message: string | undefined;
  const calls: string[] = [];
  return {
    reasoning: () => {
      reasoning ??= newId("rs");
      return reasoning;
    },
    message: () => {
      message ??= newId("msg");
      return message;
    },
    call: (index) => {
      calls[index] ??= newId("fc");
      return calls[index] as string;
    },
  };
}

/** The reasoning text a provider sent with its answer (`reasoning_content`: DeepSeek, vLLM, Qwen; `reasoning`: OpenRouter, Groq). */
export function reasoningTextOf(extra: Record<string, unknown> | undefined): string | undefined {
  const text = extra?.reasoning_content ?? extra?.reasoning;
  return typeof text === "string" && text !== "" ? text : undefined;
}

interface ChatLogprob {
  token?: unknown;
  logprob?: unknown;
  bytes?: unknown;
  top_logprobs?: ChatLogprob[] | null;
}

function logprobOf(entry: ChatLogprob) {
  return {
    token: String(entry.token ?? ""),
    logprob: typeof entry.logprob === "number" ? entry.logprob : 0,
    bytes: Array.isArray(entry.bytes) ? entry.bytes : [],
  };
}

/** Chat's `logprobs.content` in Responses' output_text shape. */
export function responsesLogprobs(logprobs: unknown): unknown[] | undefined {
  const content = (logprobs as { content?: unknown } | null | undefined)?.content;
  if (!Array.isArray(content)) return undefined;
  return content.map((entry: ChatLogprob) => ({
    ...logprobOf(entry),
    top_logprobs: (entry.top_logprobs ?? []).map(logprobOf),
  }));
}

interface ChatAnnotation {
  type?: unknown;
  url_citation?: { start_index?: number; end_index?: number; url?: string; title?: string };
}

/** Chat's url_citation annotations in Responses' flat shape. */
export function responsesAnnotations(extra: Record<string, unknown> | undefined): unknown[] {
  const annotations = extra?.annotations;
  if (!Array.isArray(annotations)) return [];
  return annotations.flatMap((annotation: ChatAnnotation) =>
    annotation.type === "url_citation" && annotation.url_citation
      ? [{ type: "url_citation", ...annotation.url_citation }]
      : [],
  );
}

export function reasoningItem(id: string, text: string, status: string) {
  return { type: "reasoning", id, summary: [{ type: "summary_text", text }], status };
}

export function outputTextPart(text: string, annotations: unknown[], logprobs?: unknown[]) {
  return { type: "output_text", text, annotations, ...(logprobs && { logprobs }) };
}

export function messageItem(id: string, content: unknown[], status: string) {
  return { type: "message", id, status, role: "assistant", content };
}

export function callItem(id: string, call: ToolCall, status: string) {
  return call.type === "custom"
    ? {
        type: "custom_tool_call",
        id,
        call_id: call.id,
        name: call.custom.name,
        input: call.custom.input,
        status,
      }
    : {
        type: "function_call",
        id,
        call_id: call.id,
        name: call.function.name,
        arguments: call.function.arguments,
        status,
      };
}

/** Cut short by the token cap or a content filter: the Response and its message are `incomplete`. */
export function incompleteReason(choice: AnswerChoice): "max_output_tokens" | "content_filter" | undefined {
  if (choice.finishReason === "length") return "max_output_tokens";
  if (choice.finishReason === "content_filter") return "content_filter";
  return undefined;
}

/** The message item's content parts: the text (when there is any) and the refusal. */
export function messageContent(choice: AnswerChoice): unknown[] {
  const content: unknown[] = [];
  if (!choice.textIsNull && (choice.text !== "" || (!choice.refusal && !choice.toolCalls)))
    content.push(
      outputTextPart(choice.text, responsesAnnotations(choice.extra), responsesLogprobs(choice.logprobs)),
    );
  if (choice.refusal) content.push({ type: "refusal", refusal: choice.refusal });
  return content;
}

/** Every output item of an answer, in Responses order. */
export function outputItems(choice: AnswerChoice, ids: ItemIds): Record<string, unknown>[] {
  const status = incompleteReason(choice) ? "incomplete" : "completed";
  const items: Record<string, unknown>[] = [];
  const reasoning = reasoningTextOf(choice.extra);
  if (reasoning !== undefined) items.push(reasoningItem(ids.reasoning(), reasoning, "completed"));
  const content = messageContent(choice);
  if (content.length > 0) items.push(messageItem(ids.message(), content, status));
  choice.toolCalls?.forEach((call, index) => {
    items.push(callItem(ids.call(index), call, "completed"));
  });
  return items;
}

export function responsesUsage(usage: Usage) {
  return {
    input_tokens: usage.input,
    input_tokens_details: { cached_tokens: usage.cached },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: usage.reasoning ?? 0 },
    total_tokens: usage.input + usage.output,
  };
}
