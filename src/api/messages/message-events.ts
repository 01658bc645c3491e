import type { Usage } from "../../catalog/types.js";
import type { AnswerChoice, StreamDelta } from "../../chat/types.js";
import { anthropicUsage, contentBlocks, stopReasonOf, stopSequenceOf } from "./message-shape.js";

type Send = (event: { type: string; [field: string]: unknown }) => void;

/**
 * Turns the pipeline's stream deltas (text, tool-call fragments, reasoning) into Anthropic's
 * content-block events: a block starts when the kind of content changes, and each tool call is
 * its own block. Only the first choice is streamed (Anthropic has no `n`).
 */
export function createMessageEvents(send: Send) {
  let open: { kind: "text" | "thinking" | "tool"; index: number; call?: number } | undefined;
  let next = 0;
  const toolBlocks = new Map<number, number>();

  function close(): void {
    if (open) send({ type: "content_block_stop", index: open.index });
    open = undefined;
  }

  function start(kind: "text" | "thinking" | "tool", block: Record<string, unknown>, call?: number): number {
    close();
    const index = next++;
    open = { kind, index, ...(call !== undefined && { call }) };
    send({ type: "content_block_start", index, content_block: block });
    return index;
  }

  function thinking(delta: StreamDelta): void {
    const extra = delta.extra;
    if (!extra) return;
    const reasoning = extra.reasoning_content;
    if (typeof reasoning === "string" && reasoning !== "") {
      if (open?.kind !== "thinking") start("thinking", { type: "thinking", thinking: "", signature: "" });
      send({
        type: "content_block_delta",
        index: open?.index,
        delta: { type: "thinking_delta", thinking: reasoning },
      });
    }
    const blocks = extra.thinking_blocks;
    if (!Array.isArray(blocks)) return;
    for (const block of blocks as Record<string, unknown>[]) {
      if (block.type === "redacted_thinking") {
        start("thinking", { type: "redacted_thinking", data: block.data });
        close();
      } else if (typeof block.signature === "string" && block.signature !== "") {
        if (open?.kind !== "thinking") start("thinking", { type: "thinking", thinking: "", signature: "" });
        send({
          type: "content_block_delta",
          index: open?.index,
          delta: { type: "signature_delta", signature: block.signature },
        });
      }
    }
  }

  return {
    /** One live delta of the first choice. */
    delta(delta: StreamDelta): void {
      if (delta.choice !== 0) return;
      thinking(delta);
      const text = delta.content ?? delta.refusal;
      if (text !== undefined && text !== "") {
        if (open?.kind !== "text") start("text", { type: "text", text: "" });
        send({ type: "content_block_delta", index: open?.index, delta: { type: "text_delta", text } });
      }
      for (const call of delta.toolCalls ?? []) {
        let index = toolBlocks.get(call.index);
        if (index === undefined) {
          const name = call.function?.name ?? call.custom?.name ?? "";
          index = start("tool", { type: "tool_use", id: call.id ?? "", name, input: {} }, call.index);
          toolBlocks.set(call.index, index);
        }
        const piece = call.function?.arguments ?? call.custom?.input;
        if (piece)
          send({
            type: "content_block_delta",
            index,
            delta: { type: "input_json_delta", partial_json: piece },
          });
      }
    },
    /** A whole answer replayed as blocks (a cache hit, or an answer that arrived in one piece). */
    whole(choice: AnswerChoice): void {
      for (const block of contentBlocks(choice)) {
        if (block.type === "text") {
          start("text", { type: "text", text: "" });
          if (block.text !== "")
            send({
              type: "content_block_delta",
              index: open?.index,
              delta: { type: "text_delta", text: block.text },
            });
        } else if (block.type === "tool_use") {
          start("tool", { ...block, input: {} });
          send({
            type: "content_block_delta",
            index: open?.index,
            delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) },
          });
        } else if (block.type === "thinking") {
          start("thinking", { type: "thinking", thinking: "", signature: "" });
          send({
            type: "content_block_delta",
            index: open?.index,
            delta: { type: "thinking_delta", thinking: block.thinking },
          });
          if (block.signature)
            send({
              type: "content_block_delta",
              index: open?.index,
              delta: { type: "signature_delta", signature: block.signature },
            });
        } else start("thinking", block);
      }
      close();
    },
    /** Closes the last block and sends the stop reason and the final usage. */
    finish(choice: AnswerChoice, usage: Usage): void {
      close();
      send({
        type: "message_delta",
        delta: { stop_reason: stopReasonOf(choice), stop_sequence: stopSequenceOf(choice) },
        usage: anthropicUsage(usage),
      });
      send({ type: "message_stop" });
    },
  };
}
