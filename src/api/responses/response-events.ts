import type { ServerResponse } from "node:http";
import type { StreamDelta, ToolCallDelta } from "../../chat/types.js";
import type { RouteResult } from "../../core/route-types.js";
import type { OpenAIErrorBody } from "../map-error.js";
import { RESULT_HEADERS } from "../response-headers.js";
import { createSseStream, NAMED_SSE } from "../sse.js";
import { callItem, type ItemIds, messageItem, outputTextPart, reasoningItem } from "./output-items.js";
import { failedResponse, finishedResponse, pendingResponse, type ResponseFrame } from "./response-object.js";

/** One output item as it streams: its place in `output`, its id, and what has arrived so far. */
type LiveItem =
  | { kind: "reasoning"; outputIndex: number; id: string; text: string }
  | {
      kind: "message";
      outputIndex: number;
      id: string;
      text?: string;
      refusal?: string;
      /** content_index of the text and refusal parts, in the order they started. */
      parts: ("text" | "refusal")[];
    }
  | {
      kind: "call";
      outputIndex: number;
      id: string;
      custom: boolean;
      callId: string;
      name: string;
      input: string;
    };

/**
 * The Responses event sequence over SSE (`event: <type>` + `data: <json>`, each with a rising
 * sequence_number): response.created and response.in_progress, then per output item
 * output_item.added, its content events and deltas, and (at the end) their .done events and
 * output_item.done, then response.completed (or response.incomplete, or error + response.failed).
 * Like the chat door, the status line waits for the first delta, so failover and errors before it
 * still answer a proper HTTP status; what served the answer goes out as trailers.
 */
export function createResponseEvents(response: ServerResponse, frame: ResponseFrame, ids: ItemIds) {
  const sse = createSseStream(response, NAMED_SSE);
  let sequence = 0;
  const items: LiveItem[] = [];
  let reasoning: Extract<LiveItem, { kind: "reasoning" }> | undefined;
  let message: Extract<LiveItem, { kind: "message" }> | undefined;
  const calls: Extract<LiveItem, { kind: "call" }>[] = [];

  /**
   * Sends one event, built by the caller as one literal (type, sequence_number, then its fields):
   * a spread per event cost V8 a slow copy on every streamed delta.
   */
  function emit(event: { type: string; sequence_number: number; [field: string]: unknown }): void {
    // Events of one turn leave in one write: node's HTTP response corks the socket until the next tick.
    sse.send(event);
  }

  function open(headers: Record<string, string>, trailers?: readonly string[]): void {
    if (sse.opened) return;
    sse.open(headers, trailers);
    const pending = pendingResponse(frame);
    emit({ type: "response.created", sequence_number: sequence++, response: pending });
    emit({ type: "response.in_progress", sequence_number: sequence++, response: pending });
  }

  function itemAdded(item: LiveItem, body: Record<string, unknown>): void {
    items.push(item);
    emit({
      type: "response.output_item.added",
      sequence_number: sequence++,
      output_index: item.outputIndex,
      item: body,
    });
  }

  function addReasoning(piece: string): void {
    if (!reasoning) {
      reasoning = { kind: "reasoning", outputIndex: items.length, id: ids.reasoning(), text: "" };
      itemAdded(reasoning, { type: "reasoning", id: reasoning.id, summary: [], status: "in_progress" });
      emit({
        type: "response.reasoning_summary_part.added",
        sequence_number: sequence++,
        item_id: reasoning.id,
        output_index: reasoning.outputIndex,
        summary_index: 0,
        part: { type: "summary_text", text: "" },
      });
    }
    reasoning.text += piece;
    emit({
      type: "response.reasoning_summary_text.delta",
      sequence_number: sequence++,
      item_id: reasoning.id,
      output_index: reasoning.outputIndex,
      summary_index: 0,
      delta: piece,
    });
  }

  function messagePart(kind: "text" | "refusal") {
    if (!message) {
      message = { kind: "message", outputIndex: items.length, id: ids.message(), parts: [] };
      itemAdded(message, messageItem(message.id, [], "in_progress"));
    }
    let contentIndex = message.parts.indexOf(kind);
    if (contentIndex < 0) {
      contentIndex = message.parts.push(kind) - 1;
      emit({
        type: "response.content_part.added",
        sequence_number: sequence++,
        item_id: message.id,
        output_index: message.outputIndex,
        content_index: contentIndex,
        part: kind === "text" ? outputTextPart("", [], []) : { type: "refusal", refusal: "" },
      });
    }
    return { live: message, contentIndex };
  }

  function addText(piece: string, logprobs: unknown[]): void {
    const { live, contentIndex } = messagePart("text");
    live.text = (live.text ?? "") + piece;
    emit({
      type: "response.output_text.delta",
      sequence_number: sequence++,
      item_id: live.id,
      output_index: live.outputIndex,
      content_index: contentIndex,
      delta: piece,
      logprobs,
    });
  }

  function addRefusal(piece: string): void {
    const { live, contentIndex } = messagePart("refusal");
    live.refusal = (live.refusal ?? "") + piece;
    emit({
      type: "response.refusal.delta",
      sequence_number: sequence++,
      item_id: live.id,
      output_index: live.outputIndex,
      content_index: contentIndex,
      delta: piece,
    });
  }

  function addCall(fragment: ToolCallDelta): void {
    let call = calls[fragment.index];
    if (!call) {
      const custom = fragment.type === "custom" || fragment.custom !== undefined;
      call = {
        kind: "call",
        outputIndex: items.length,
        id: ids.call(fragment.index),
        custom,
        callId: fragment.id ?? "",
        name: (custom ? fragment.custom?.name : fragment.function?.name) ?? "",
        input: "",
      };
      calls[fragment.index] = call;
      itemAdded(
        call,
        callItem(
          call.id,
          custom
            ? { id: call.callId, type: "custom", custom: { name: call.name, input: "" } }
            : { id: call.callId, type: "function", function: { name: call.name, arguments: "" } },
          "in_progress",
        ),
      );
    }
    const piece = (call.custom ? fragment.custom?.input : fragment.function?.arguments) ?? "";
    if (piece === "") return;
    call.input += piece;
    emit({
      type: call.custom ? "response.custom_tool_call_input.delta" : "response.function_call_arguments.delta",
      sequence_number: sequence++,
      item_id: call.id,
      output_index: call.outputIndex,
      delta: piece,
    });
  }

  /** The .done events of one item, with its final content (after output guardrails). */
  function closeItem(item: LiveItem, final: Record<string, unknown> | undefined): void {
    if (item.kind === "reasoning") {
      const text = (final?.summary as { text: string }[] | undefined)?.[0]?.text ?? item.text;
      emit({
        type: "response.reasoning_summary_text.done",
        sequence_number: sequence++,
        item_id: item.id,
        output_index: item.outputIndex,
        summary_index: 0,
        text,
      });
      emit({
        type: "response.reasoning_summary_part.done",
        sequence_number: sequence++,
        item_id: item.id,
        output_index: item.outputIndex,
        summary_index: 0,
        part: { type: "summary_text", text },
      });
      emit({
        type: "response.output_item.done",
        sequence_number: sequence++,
        output_index: item.outputIndex,
        item: final ?? reasoningItem(item.id, text, "completed"),
      });
      return;
    }
    if (item.kind === "message") {
      const content = (final?.content as Record<string, unknown>[] | undefined) ?? [];
      item.parts.forEach((kind, contentIndex) => {
        const type = kind === "text" ? "output_text" : "refusal";
        const part = content.find((entry) => entry.type === type) ?? {
          type,
          [kind === "text" ? "text" : "refusal"]: (kind === "text" ? item.text : item.refusal) ?? "",
          ...(kind === "text" && { annotations: [] }),
        };
        if (kind === "text")
          emit({
            type: "response.output_text.done",
            sequence_number: sequence++,
            item_id: item.id,
            output_index: item.outputIndex,
            content_index: contentIndex,
            text: part.text,
            logprobs: part.logprobs ?? [],
          });
        else
          emit({
            type: "response.refusal.done",
            sequence_number: sequence++,
            item_id: item.id,
            output_index: item.outputIndex,
            content_index: contentIndex,
            refusal: part.refusal,
          });
        emit({
          type: "response.content_part.done",
          sequence_number: sequence++,
          item_id: item.id,
          output_index: item.outputIndex,
          content_index: contentIndex,
          part,
        });
      });
      emit({
        type: "response.output_item.done",
        sequence_number: sequence++,
        output_index: item.outputIndex,
        item: final ?? messageItem(item.id, [], "completed"),
      });
      return;
    }
    if (item.custom)
      emit({
        type: "response.custom_tool_call_input.done",
        sequence_number: sequence++,
        item_id: item.id,
        output_index: item.outputIndex,
        input: final?.input ?? item.input,
      });
    else
      emit({
        type: "response.function_call_arguments.done",
        sequence_number: sequence++,
        item_id: item.id,
        output_index: item.outputIndex,
        name: final?.name ?? item.name,
        arguments: final?.arguments ?? item.input,
      });
    emit({
      type: "response.output_item.done",
      sequence_number: sequence++,
      output_index: item.outputIndex,
      item: final,
    });
  }

  return {
    get opened() {
      return sse.opened;
    },
    /** Hands one live delta on (the first opens the stream, with the result headers as trailers). */
    delta(delta: StreamDelta): void {
      open({}, RESULT_HEADERS);
      const extra = delta.extra;
      const thought = extra?.reasoning_content ?? extra?.reasoning;
      if (typeof thought === "string" && thought !== "") addReasoning(thought);
      if (delta.content) addText(delta.content, [] /* logprobs ride on the final output_text */);
      if (delta.refusal) addRefusal(delta.refusal);
      for (const fragment of delta.toolCalls ?? []) addCall(fragment);
    },
    /** Opens the stream with headers (nothing streamed live: a cache hit) before replaying it. */
    openWith(headers: Record<string, string>): void {
      open(headers);
    },
    /** Closes every item and sends the finished Response; returns its JSON (for the store). */
    finish(result: RouteResult, trailers: Record<string, string> | undefined): string {
      const done = finishedResponse(frame, result, ids);
      // The finished items in the order they streamed; any that never streamed go last.
      const position = new Map(items.map((item) => [item.id, item.outputIndex]));
      done.output.sort(
        (a, b) => (position.get(a.id as string) ?? Infinity) - (position.get(b.id as string) ?? Infinity),
      );
      const finals = new Map(done.output.map((item) => [item.id as string, item]));
      for (const item of items) closeItem(item, finals.get(item.id));
      // The Response is serialized once, for this event and for the store.
      const type = done.status === "incomplete" ? "response.incomplete" : "response.completed";
      const json = JSON.stringify(done);
      sse.sendJsonText(type, `{"type":"${type}","sequence_number":${sequence++},"response":${json}}`);
      sse.done(trailers);
      return json;
    },
    /** Ends a started stream after an error: an `error` event, then `response.failed`. */
    fail(error: OpenAIErrorBody["error"]): void {
      emit({
        type: "error",
        sequence_number: sequence++,
        code: error.code,
        message: error.message,
        param: error.param,
      });
      emit({ type: "response.failed", sequence_number: sequence++, response: failedResponse(frame, error) });
      sse.done();
    },
  };
}
