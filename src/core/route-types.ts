import type { CancelSignal } from "../cancel-signal.js";
import type { Capability, Deployment, Task, Usage } from "../catalog/types.js";
import type { AnswerChoice, ChatMessage, ForwardedParams, StreamDelta } from "../chat/types.js";
import type { CompletionRequest, CompletionResult } from "../providers/types.js";
import type { RouteConstraints } from "../router/plan-route.js";
import type { RoutingPreset } from "../router/presets.js";
import type { ScreenReport } from "./screen-guardrails.js";

export type CacheMode = "use" | "refresh" | "bypass";
export type CacheStatus = "hit" | "miss" | "bypass" | "off";

/** Who is asking: the virtual key (or `local`), the front door, and the MCP session if any. */
export interface CallerContext {
  key: string;
  tool: string;
  sessionId?: string;
  /** Models the virtual key may use (`*`, `provider/*`, `provider/model`, bare ids); absent means all. */
  allowedModels?: readonly string[];
  /** The operator, who sees every tenant (core/access-policy.ts); absent for a tenant's key. */
  admin?: boolean;
}

/** One orchestrated completion, as both front doors (MCP tools and /v1) describe it. */
export interface RouteRequest {
  messages: ChatMessage[];
  /** `auto`, a catalog id, or `provider/model`. */
  model: string;
  task?: Task;
  fallbackModels?: string[];
  preset?: RoutingPreset;
  constraints?: RouteConstraints & { needs?: Capability[] };
  temperature?: number;
  maxTokens?: number;
  jsonSchema?: Record<string, unknown>;
  /** Every other chat parameter (tools, tool_choice, stop, seed, …): sent to the provider as given. */
  params?: ForwardedParams;
  /** Run the cheapest fitting tier first and escalate when its answer fails validation (auto only). */
  cascade?: boolean;
  cache?: { mode?: CacheMode; ttlSeconds?: number };
  metadata?: Record<string, unknown>;
  caller: CallerContext;
  /** Aborts the upstream call (client cancellation). */
  signal?: CancelSignal;
  /** Human-readable progress ("groq: 500 → trying together"). */
  onProgress?: (message: string) => void;
  /** Answers through the MCP client's own model (`sampling/createMessage`), when it offers sampling. */
  sampler?: (request: CompletionRequest) => Promise<CompletionResult>;
  /** Internal: the guard judge's own call, whose input is the suspect text itself, is not screened. */
  skipGuardrails?: boolean;
  /** Anthropic beta flags (a /v1/messages request's `anthropic-beta` header): sent on to Anthropic-API deployments. */
  anthropicBeta?: string[];
  /** Streams the answer as it arrives (text, tool-call fragments); failover happens only before the first delta. */
  onDelta?: (delta: StreamDelta) => void;
  /**
   * Called as each upstream attempt begins: the deltas onDelta gets come from the latest one, so
   * a stream can name the model serving it before the answer is whole.
   */
  onAttempt?: (deployment: Deployment) => void;
}

export type AttemptOutcome = "ok" | "error" | "timeout" | "invalid_output" | "cancelled";

export interface Attempt {
  provider: string;
  model: string;
  deployment: string;
  outcome: AttemptOutcome;
  status?: number;
  latency_ms: number;
  error?: string;
}

export interface RoutingExplanation {
  reason: string;
  explored: boolean;
  candidates: {
    deployment: string;
    score: number;
    components: { uptime: number; throughput: number; price: number; latency: number; tier: number };
    available: boolean;
    unavailable_reason?: string;
  }[];
}

/** The answer: the first choice's text, tool calls, refusal and logprobs at the top level. */
export interface RouteResult extends AnswerChoice {
  /** The request's id in the usage ledger (also the `x-modelmux-request-id` header on /v1). */
  requestId?: string;
  /** Every choice, when the caller asked for n > 1. */
  choices?: AnswerChoice[];
  systemFingerprint?: string;
  serviceTier?: string;
  /** Parameters removed because the serving deployment does not support them (`unsupportedParams: "drop"`). */
  droppedParams?: string[];
  /** What the guardrails found on the way out and on the way back (masked previews only). */
  guardrails?: { input: ScreenReport; output: ScreenReport };
  json?: unknown;
  model: string;
  provider: string;
  deployment: string;
  usage: Usage;
  costUsd: number;
  latencyMs: number;
  attempts: Attempt[];
  routing: RoutingExplanation;
  cache: CacheStatus;
}

/** What a call would do and cost, decided without calling upstream (dry_run and the approval gate). */
export interface RouteQuote {
  model: string;
  provider: string;
  deployment: string;
  routing: RoutingExplanation;
  inputTokens: number;
  tokensExact: boolean;
  /** Output cap the worst case assumes (max_tokens, else the model's max output). */
  maxOutputTokens: number;
  cost: {
    /** Input only, on the chosen deployment. */
    minUsd: number;
    /** Input plus the expected output (max_tokens or 256, whichever is smaller). */
    expectedUsd: number;
    /** Whole input and full output cap on the priciest reachable candidate, per billed call. */
    maxUsd: number;
  };
  priceData: { source: string; version: string; date: string };
}
