import type { StreamDelta } from "../../chat/types.js";
import {
  type AnthropicBlock,
  type AnthropicMessage,
  type AnthropicUsage,
  readAnthropicAnswer,
} from "./read-anthropic-answer.js";

interface StreamEvent {
  type: string;
  index?: number;
  message?: AnthropicMessage;
  content_block?: AnthropicBlock;
  delta?: {
    type?: string;
    text?: string;
    partial_json?: string;
    thinking?: string;
    signature?: string;
    stop_reason?: string | null;
    stop_sequence?: string | null;
  };
  usage?: AnthropicUsage;
}

/**
 * Reads Anthropic's stream events: passes each piece on as the pipeline's delta (text, tool-call
 * fragments, reasoning) and rebuilds the whole message, so the answer is the same as a
 * non-streamed one. Tool calls are numbered in order of appearance, as OpenAI's deltas are.
 */
export function createAnthropicStreamReader(onDelta: (delta: StreamDelta) => void) {
  const blocks: AnthropicBlock[] = [];
  const json = new Map<number, string>();
  const toolIndex = new Map<number, number>();
  let usage: AnthropicUsage = {};
  let stopReason: string | null | undefined;
  let stopSequence: string | null | undefined;
  let stopped = false;

  return {
    /** One parsed event; true when it carried answer content. */
    push(event: StreamEvent): boolean {
      const index = event.index ?? 0;
      switch (event.type) {
        case "message_start":
          usage = { ...event.message?.usage };
          return false;
        case "content_block_start": {
          const block = { ...(event.content_block ?? { type: "text" }) };
          blocks[index] = block;
          if (block.type === "tool_use") {
            const call = toolIndex.size;
            toolIndex.set(index, call);
            json.set(index, "");
            onDelta({
              choice: 0,
              toolCalls: [
                {
                  index: call,
                  id: block.id ?? "",
                  type: "function",
                  function: { name: block.name ?? "", arguments: "" },
                },
              ],
            });
            return true;
          }
          if (block.type === "redacted_thinking") {
            onDelta({ choice: 0, extra: { thinking_blocks: [block] } });
            return true;
          }
          if (block.type === "text" && block.text) onDelta({ choice: 0, content: block.text });
          return false;
        }
        case "content_block_delta": {
          const block = blocks[index];
          const delta = event.delta ?? {};
          if (!block) return false;
          if (delta.type === "text_delta" && delta.text) {
            block.text = (block.text ?? "") + delta.text;
            onDelta({ choice: 0, content: delta.text });
          } else if (delta.type === "input_json_delta" && delta.partial_json) {
            json.set(index, (json.get(index) ?? "") + delta.partial_json);
            onDelta({
              choice: 0,
              toolCalls: [{ index: toolIndex.get(index) ?? 0, function: { arguments: delta.partial_json } }],
            });
          } else if (delta.type === "thinking_delta" && delta.thinking) {
            block.thinking = (block.thinking ?? "") + delta.thinking;
            onDelta({ choice: 0, extra: { reasoning_content: delta.thinking } });
          } else if (delta.type === "signature_delta" && delta.signature) {
            block.signature = delta.signature;
            onDelta({
              choice: 0,
              extra: { thinking_blocks: [{ type: "thinking", thinking: "", signature: delta.signature }] },
            });
          } else return false;
          return true;
        }
        case "message_delta":
          stopReason = event.delta?.stop_reason;
          stopSequence = event.delta?.stop_sequence;
          // Counts here are cumulative totals: they replace, never add.
          for (const [field, value] of Object.entries(event.usage ?? {}))
            if (value !== null && value !== undefined) (usage as Record<string, unknown>)[field] = value;
          return false;
        case "message_stop":
          stopped = true;
          return false;
        default:
          return false; // ping, content_block_stop, and event kinds added later
      }
    },
    finished: () => stopped,
    usage: () => usage,
    /** The whole answer, as a non-streamed call would have read it. */
    answer() {
      const content: AnthropicBlock[] = [];
      blocks.forEach((block, position) => {
        const text = json.get(position);
        if (block.type !== "tool_use" || text === undefined) {
          content.push(block);
          return;
        }
        let input: unknown = {};
        try {
          input = text === "" ? {} : JSON.parse(text);
        } catch {
          input = { input: text };
        }
        content.push({ ...block, input });
      });
      return readAnthropicAnswer({
        content,
        stop_reason: stopReason ?? null,
        stop_sequence: stopSequence ?? null,
        usage,
      });
    },
  };
}
