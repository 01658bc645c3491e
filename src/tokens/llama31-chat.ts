import type { FamilyChatMessage } from "./family-tokenizer.js";

/**
 * The prompt Llama 3.1 and 3.3 Instruct see for a chat, as their Hugging Face chat template
 * renders it (tokenizer_config.json of meta-llama/Llama-3.1-8B-Instruct and Llama-3.3-70B-Instruct;
 * the @lenml package carries Llama 3.0's shorter template). The system block is always there, with
 * the template's fixed date; the system message's text follows it. Tools, tool calls and tool
 * results take the template's longer paths, which are not reproduced here: such chats throw, and
 * are counted approximately (family-tokenizer.ts).
 */
const HEADER = (role: string) => `<|start_header_id|>${role}<|end_header_id|>\n\n`;
const END = "<|eot_id|>";
/** Jinja's `trim` is Python's str.strip(): what Python's isspace() calls whitespace, at both ends. */
const PY_SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, "gu");
const trim = (text: string) => text.replace(STRIP, "");

export function renderLlama31Chat(
  messages: readonly FamilyChatMessage[],
  tools: readonly unknown[] | undefined,
): string {
  if (tools?.length) throw new Error("tools: not rendered");
  let rest = messages;
  let system = "";
  if (messages[0]?.role === "system") {
    system = trim(messages[0].content ?? "");
    rest = messages.slice(1);
  }
  let prompt = `<|begin_of_text|>${HEADER("system")}Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n${system}${END}`;
  for (const message of rest) {
    if (message.role === "tool" || message.tool_calls?.length) throw new Error("tool turns: not rendered");
    prompt += `${HEADER(message.role)}${trim(message.content ?? "")}${END}`;
  }
  return prompt + HEADER("assistant");
}
