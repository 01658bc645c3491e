import type { AnswerChoice, StreamDelta, ToolCall, ToolCallDelta } from "../chat/types.js";
import { mapFinishReason } from "./map-finish-reason.js";
import { extraFields, type WireUsage } from "./read-answer.js";

interface WireDelta {
  content?: string | null;
  refusal?: string | null;
  tool_calls?: ToolCallDelta[] | null;
  [field: string]: unknown;
}

export interface WireChunk {
  choices?: { index?: number; delta?: WireDelta; finish_reason?: string | null; logprobs?: unknown }[];
  usage?: WireUsage | null;
  system_fingerprint?: string | null;
  service_tier?: string | null;
}

interface ChoiceState {
  text: string;
  sawText: boolean;
  refusal: string;
  toolCalls: ToolCall[];
  logprobs: { content?: unknown[]; refusal?: unknown[] } | undefined;
  finishReason: string | null | undefined;
  extra: Record<string, unknown> | undefined;
}

/**
 * Rebuilds whole choices from streamed chunks while handing each delta on: text and refusal
 * pieces are joined, tool-call fragments are joined per index (the first carries id and name),
 * logprobs lists are concatenated, and unknown string fields (a vendor's `reasoning_content`) too.
 */
export function createStreamAssembler(onDelta: (delta: StreamDelta) => void) {
  const states: ChoiceState[] = [];
  let usage: WireUsage | undefined;
  let systemFingerprint: string | undefined;
  let serviceTier: string | undefined;

  function stateOf(index: number): ChoiceState {
    let state = states[index];
    if (!state) {
      state = {
        text: "",
        sawText: false,
        refusal: "",
        toolCalls: [],
        logprobs: undefined,
        finishReason: undefined,
        extra: undefined,
      };
      states[index] = state;
    }
    return state;
  }

  function addToolCalls(state: ChoiceState, fragments: ToolCallDelta[]): void {
    for (const fragment of fragments) {
      let call = state.toolCalls[fragment.index];
      if (!call) {
        call =
          fragment.type === "custom" || fragment.custom
            ? { id: "", type: "custom", custom: { name: "", input: "" } }
            : { id: "", type: "function", function: { name: "", arguments: "" } };
        state.toolCalls[fragment.index] = call;
      }
      if (fragment.id) call.id = fragment.id;
      if (call.type === "custom") {
        if (fragment.custom?.name) call.custom.name += fragment.custom.name;
        if (fragment.custom?.input) call.custom.input += fragment.custom.input;
      } else {
        if (fragment.function?.name) call.function.name += fragment.function.name;
        if (fragment.function?.arguments) call.function.arguments += fragment.function.arguments;
      }
    }
  }

  function addLogprobs(state: ChoiceState, logprobs: unknown): void {
    if (typeof logprobs !== "object" || logprobs === null) return;
    const piece = logprobs as { content?: unknown[] | null; refusal?: unknown[] | null };
    state.logprobs ??= {};
    if (piece.content) state.logprobs.content = [...(state.logprobs.content ?? []), ...piece.content];
    if (piece.refusal) state.logprobs.refusal = [...(state.logprobs.refusal ?? []), ...piece.refusal];
  }

  function addExtra(state: ChoiceState, extra: Record<string, unknown>): void {
    state.extra ??= {};
    for (const [field, value] of Object.entries(extra)) {
      const before = state.extra[field];
      state.extra[field] = typeof before === "string" && typeof value === "string" ? before + value : value;
    }
  }

  return {
    /** Takes one parsed SSE chunk. Returns true when it carried answer content (for time to first token). */
    push(chunk: WireChunk): boolean {
      if (chunk.usage) usage = chunk.usage;
      if (chunk.system_fingerprint) systemFingerprint = chunk.system_fingerprint;
      if (chunk.service_tier) serviceTier = chunk.service_tier;
      let content = false;
      for (const choice of chunk.choices ?? []) {
        const index = choice.index ?? 0;
        const state = stateOf(index);
        if (choice.finish_reason) state.finishReason = choice.finish_reason;
        const delta = choice.delta;
        const out: StreamDelta = { choice: index };
        let any = false;
        if (delta?.content) {
          state.text += delta.content;
          state.sawText = true;
          out.content = delta.content;
          any = true;
        }
        if (delta?.refusal) {
          state.refusal += delta.refusal;
          out.refusal = delta.refusal;
          any = true;
        }
        if (delta?.tool_calls && delta.tool_calls.length > 0) {
          addToolCalls(state, delta.tool_calls);
          out.toolCalls = delta.tool_calls;
          any = true;
        }
        if (choice.logprobs) {
          addLogprobs(state, choice.logprobs);
          out.logprobs = choice.logprobs;
        }
        const extra = delta && extraFields(delta);
        if (extra) {
          addExtra(state, extra);
          out.extra = extra;
          any = true;
        }
        if (any) {
          content = true;
          onDelta(out);
        }
      }
      return content;
    },
    /** True once every choice that started has a finish reason. */
    finished(): boolean {
      return states.length > 0 && states.every((state) => !state || state.finishReason);
    },
    usage: () => usage,
    systemFingerprint: () => systemFingerprint,
    serviceTier: () => serviceTier,
    choices(): AnswerChoice[] {
      return states.map((state) => toChoice(state ?? stateOf(0)));
    },
  };
}

function toChoice(state: ChoiceState): AnswerChoice {
  const choice: AnswerChoice = { text: state.text, finishReason: mapFinishReason(state.finishReason) };
  if (!state.sawText && state.toolCalls.length > 0) choice.textIsNull = true;
  if (state.toolCalls.length > 0) choice.toolCalls = state.toolCalls.filter(Boolean);
  if (state.refusal) choice.refusal = state.refusal;
  if (state.logprobs) choice.logprobs = state.logprobs;
  if (state.extra) choice.extra = state.extra;
  return choice;
}
