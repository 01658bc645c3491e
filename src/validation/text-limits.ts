import { toolCallText } from "../chat/message-text.js";
import type { ChatMessage } from "../chat/types.js";
import { ModelmuxError } from "../errors.js";

/**
 * Caps on the whole text of one request (every message, every content part), on top of the
 * per-string cap: ten parts under the per-string cap once made one 5 MB request. A million
 * characters is more than any catalog model's context window holds in practice (~250k tokens
 * of English); the byte cap bounds what goes upstream for text of 3-byte characters.
 */
export const MAX_TOTAL_TEXT_CHARS = 1_000_000;
export const MAX_TOTAL_TEXT_BYTES = 2_000_000;

/** Why `texts` are over the caps, or undefined when they are within them. */
export function totalTextProblem(texts: Iterable<string>): string | undefined {
  let chars = 0;
  let bytes = 0;
  for (const text of texts) {
    chars += text.length;
    if (chars > MAX_TOTAL_TEXT_CHARS)
      return `the request's text totals over ${MAX_TOTAL_TEXT_CHARS.toLocaleString("en-US")} characters (all messages and parts together); send less text`;
    bytes += Buffer.byteLength(text, "utf8");
    if (bytes > MAX_TOTAL_TEXT_BYTES)
      return `the request's text totals over ${MAX_TOTAL_TEXT_BYTES.toLocaleString("en-US")} bytes of UTF-8 (all messages and parts together); send less text`;
  }
  return undefined;
}

/** Throws INVALID_INPUT naming `field` when the texts together are over the caps. */
export function assertTotalText(texts: Iterable<string>, field: string): void {
  const problem = totalTextProblem(texts);
  if (problem) throw new ModelmuxError("INVALID_INPUT", `${field}: ${problem}`, { param: field });
}

/** Every text a request's messages carry: text and refusal parts, names, tool-call arguments. */
export function* requestTexts(
  messages: readonly Pick<ChatMessage, "content" | "name" | "tool_calls" | "refusal">[],
) {
  for (const message of messages) {
    if (typeof message.content === "string") yield message.content;
    else if (message.content)
      for (const part of message.content) {
        if (part.type === "text") yield part.text;
        else if (part.type === "refusal") yield part.refusal;
      }
    if (message.name) yield message.name;
    if (message.refusal) yield message.refusal;
    for (const call of message.tool_calls ?? []) yield toolCallText(call);
  }
}
