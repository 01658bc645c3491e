import type { CancelSignal } from "../cancel-signal.js";
import type { Usage } from "../catalog/types.js";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name: string; schema: Record<string, unknown> };

export interface CompletionRequest {
  /** The provider's own model id. */
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  responseFormat?: ResponseFormat;
  /** Aborts the upstream HTTP call (timeouts, client cancellation). */
  signal?: CancelSignal;
  /** When set the adapter streams and calls this with each text delta. */
  onDelta?: (text: string) => void;
}

export type FinishReason = "stop" | "length" | "content_filter" | "tool_calls" | "other";

export interface CompletionResult {
  text: string;
  usage: Usage;
  finishReason: FinishReason;
  /** Milliseconds to the first byte/token of the answer. */
  timeToFirstTokenMs: number;
  totalMs: number;
}

/** One embeddings call: strings in, one vector per string back, in the same order. */
export interface EmbeddingRequest {
  /** The provider's own model id. */
  model: string;
  input: string[];
  /** Only sent to deployments that take it (the router sees to that). */
  dimensions?: number;
  user?: string;
  /** Fields modelmux does not use itself, passed through as the caller sent them. */
  extra?: Record<string, unknown>;
  signal?: CancelSignal;
}

export interface EmbeddingResult {
  vectors: number[][];
  /** Input tokens the provider billed for the whole call. */
  inputTokens: number;
  totalMs: number;
}

/** What every provider adapter does: one chat completion (and embeddings, where the API has them). */
export interface ProviderAdapter {
  readonly provider: string;
  complete(request: CompletionRequest): Promise<CompletionResult>;
  embed?(request: EmbeddingRequest): Promise<EmbeddingResult>;
}

/** A provider as data: an OpenAI-compatible API at a base URL with a key from the environment. */
export interface ProviderSpec {
  id: string;
  name: string;
  baseURL: string;
  /** Environment variable holding the API key; null for keyless local servers. */
  keyEnv: string | null;
  /** The provider id in @pydantic/genai-prices, when it prices this provider. */
  pricesId: string | null;
  /** Local servers are enabled by configuring them, never by default. */
  local: boolean;
}
