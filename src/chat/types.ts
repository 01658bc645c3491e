/**
 * The one chat model every layer shares (front doors, core, router, cache, guardrails, ledger,
 * adapters): OpenAI's chat-completions format in full, with OpenAI's own field names so an
 * OpenAI-compatible provider takes it as is. Fields modelmux does not know ride along unchanged.
 */

export type ImageDetail = "auto" | "low" | "high";

export type ContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: ImageDetail } }
  | { type: "input_audio"; input_audio: { data: string; format: string } }
  | { type: "file"; file: { file_data?: string; file_id?: string; filename?: string } }
  /** Assistant messages may carry a refusal as a part. */
  | { type: "refusal"; refusal: string };

export interface FunctionToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** A call of a custom (free-form input) tool. */
export interface CustomToolCall {
  id: string;
  type: "custom";
  custom: { name: string; input: string };
}

export type ToolCall = FunctionToolCall | CustomToolCall;

export type ChatRole = "system" | "developer" | "user" | "assistant" | "tool";

export interface ChatMessage {
  role: ChatRole;
  /** A string, content parts, or null (an assistant message that only calls tools). */
  content: string | ContentPart[] | null;
  name?: string;
  /** Assistant: the tools it asked to call. */
  tool_calls?: ToolCall[];
  /** Tool: which call this message answers. */
  tool_call_id?: string;
  refusal?: string | null;
}

export type ToolDefinition =
  | {
      type: "function";
      function: {
        name: string;
        description?: string;
        parameters?: Record<string, unknown>;
        strict?: boolean;
      };
    }
  /** A custom tool: free-form text input, optionally constrained by a grammar `format`. */
  | { type: "custom"; custom: { name: string; description?: string; format?: unknown } };

/**
 * Chat parameters modelmux does not act on itself: sent to the provider unchanged (tools,
 * tool_choice, stop, seed, top_p, logprobs, …, and fields no one here knows yet).
 */
export interface ForwardedParams {
  tools?: ToolDefinition[];
  n?: number;
  [name: string]: unknown;
}

/** One answer choice: text, tool calls, refusal and logprobs as the provider gave them. */
export interface AnswerChoice {
  text: string;
  /** Null when the model only called tools (OpenAI's `content: null`). */
  textIsNull?: boolean;
  toolCalls?: ToolCall[];
  refusal?: string;
  logprobs?: unknown;
  finishReason: FinishReason;
  /** Message fields modelmux does not model (audio, annotations, a vendor's reasoning_content…), as sent. */
  extra?: Record<string, unknown>;
}

export type FinishReason = "stop" | "length" | "content_filter" | "tool_calls" | "other";

/** A streamed tool-call fragment: the first carries id and name, later ones argument pieces. */
export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: "function" | "custom";
  function?: { name?: string; arguments?: string };
  custom?: { name?: string; input?: string };
}

/** One streamed piece of an answer, for one choice. */
export interface StreamDelta {
  choice: number;
  content?: string;
  refusal?: string;
  toolCalls?: ToolCallDelta[];
  logprobs?: unknown;
  /** Delta fields modelmux does not model, as sent. */
  extra?: Record<string, unknown>;
}
