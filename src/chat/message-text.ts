import type { AnswerChoice, ChatMessage, ContentPart, ToolCall } from "./types.js";

/** The text of a content (string or parts) joined, ignoring images, audio and files. */
export function contentText(content: ChatMessage["content"]): string {
  if (content === null) return "";
  if (typeof content === "string") return content;
  if (content.length === 1) return partText(content[0]);
  let text = "";
  for (const part of content) text += partText(part);
  return text;
}

function partText(part: ContentPart | undefined): string {
  if (part?.type === "text") return part.text;
  if (part?.type === "refusal") return part.refusal;
  return "";
}

/** True when any message carries a part of this type (image_url, input_audio, file). */
export function hasPart(messages: readonly ChatMessage[], type: ContentPart["type"]): boolean {
  for (const message of messages) {
    if (typeof message.content === "string" || message.content === null) continue;
    for (const part of message.content) if (part.type === type) return true;
  }
  return false;
}

/** Only the choice fields of an answer (drops usage, timing and the like), absent ones left out. */
export function choiceOf(source: AnswerChoice): AnswerChoice {
  return copyOptionalChoiceFields({ text: source.text, finishReason: source.finishReason }, source);
}

/**
 * Copies a choice's optional fields that are set onto `target`. Plain assignments on purpose:
 * object spreads of varying shapes after the first property cost V8 a slow runtime copy, and on
 * the per-request path they added a third to the instructions of a plain answer.
 */
export function copyOptionalChoiceFields<T extends Omit<AnswerChoice, "finishReason">>(
  target: T,
  source: AnswerChoice,
): T {
  if (source.textIsNull) target.textIsNull = true;
  if (source.toolCalls) target.toolCalls = source.toolCalls;
  if (source.refusal) target.refusal = source.refusal;
  if (source.logprobs !== undefined) target.logprobs = source.logprobs;
  if (source.extra) target.extra = source.extra;
  return target;
}

/** A tool call's name and its input text (a function's JSON arguments, a custom tool's free text). */
export function toolCallName(call: ToolCall): string {
  return call.type === "custom" ? call.custom.name : call.function.name;
}

export function toolCallText(call: ToolCall): string {
  return call.type === "custom" ? call.custom.input : call.function.arguments;
}

/** The same call with its input text replaced (redaction, placeholder restoring). */
export function withToolCallText(call: ToolCall, text: string): ToolCall {
  return call.type === "custom"
    ? { ...call, custom: { ...call.custom, input: text } }
    : { ...call, function: { ...call.function, arguments: text } };
}
