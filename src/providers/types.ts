import type { CancelSignal } from "../cancel-signal.js";
import type { Usage } from "../catalog/types.js";
import type { AnswerChoice, ChatMessage, ForwardedParams, StreamDelta } from "../chat/types.js";

export type { ChatMessage, FinishReason } from "../chat/types.js";

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name: string; schema: Record<string, unknown> };

export interface CompletionRequest {
  /** The provider's own model id. */
  model: string;
  /** The name the caller asked for (the native Anthropic adapter sends a dated snapshot as named). */
  requestedModel?: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  responseFormat?: ResponseFormat;
  /** Every other chat parameter, sent as given (a `response_format` here wins over `responseFormat`). */
  params?: ForwardedParams;
  /** Anthropic beta flags, sent as the `anthropic-beta` header by the native Anthropic adapter (others have no such header). */
  anthropicBeta?: string[];
  /** Aborts the upstream HTTP call (timeouts, client cancellation). */
  signal?: CancelSignal;
  /** When set the adapter streams and calls this with each delta (text, tool-call fragments, …). */
  onDelta?: (delta: StreamDelta) => void;
}

/** The first choice's fields at the top; every choice in `choices` when the caller asked for n > 1. */
export interface CompletionResult extends AnswerChoice {
  usage: Usage;
  choices?: AnswerChoice[];
  systemFingerprint?: string;
  /** The service tier the provider says it used, when it says. */
  serviceTier?: string;
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
  /** The provider's own count of a request's input tokens, where its API has one (Anthropic's count_tokens). */
  countTokens?(request: CompletionRequest): Promise<number>;
}

/** A provider as data: an OpenAI-compatible API at a base URL with a key from the environment. */
export interface ProviderSpec {
  id: string;
  name: string;
  baseURL: string;
  /** Environment variable with the base URL, for providers whose URL is per account (Azure). */
  baseURLEnv?: string;
  /** Environment variable holding the API key; null for keyless local servers. */
  keyEnv: string | null;
  /** The provider id in @pydantic/genai-prices, when it prices this provider. */
  pricesId: string | null;
  /** Local servers are enabled by configuring them, never by default. */
  local: boolean;
  /** The API spoken: OpenAI's chat completions (default) or Anthropic's native Messages API. */
  api?: ProviderApi;
}

export type ProviderApi = "openai" | "anthropic";
