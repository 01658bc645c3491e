import type { FinishReason } from "./types.js";

/** Maps an OpenAI-compatible `finish_reason` (vendors add their own spellings) to ours. */
export function mapFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "stop":
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "length":
    case "max_tokens":
      return "length";
    case "content_filter":
      return "content_filter";
    case "tool_calls":
    case "function_call":
    case "tool_use":
      return "tool_calls";
    default:
      return "other";
  }
}
