import type { StreamDelta } from "../../chat/types.js";
import { VERSION } from "../../version.js";
import { completeGuarded, malformedAnswer, readWholeStream } from "../complete-guarded.js";
import { createConnectionPool, headerRecord } from "../node-http.js";
import { endpointUrl } from "../openai-compatible.js";
import { createCompletionPoster } from "../post-json.js";
import { providerSecrets } from "../provider-secrets.js";
import { toProviderError } from "../to-provider-error.js";
import type { CompletionRequest, CompletionResult, ProviderAdapter } from "../types.js";
import { anthropicSnapshot } from "./anthropic-snapshot.js";
import { createAnthropicStreamReader } from "./anthropic-stream.js";
import { type AnthropicMessage, readAnthropicAnswer, usageOf } from "./read-anthropic-answer.js";
import { toAnthropicBody } from "./to-anthropic-body.js";

export interface AnthropicAdapterOptions {
  provider: string;
  /** Ends in `/v1`; the adapter calls `{baseURL}/messages`. */
  baseURL: string;
  apiKey?: string;
  defaultHeaders?: Record<string, string>;
  /** max_tokens when the caller sets none (Anthropic requires it): the model's output limit. */
  maxOutputOf?: (providerModelId: string) => number | undefined;
}

/** The Messages API version this adapter speaks. */
export const ANTHROPIC_VERSION = "2023-06-01";
const FALLBACK_MAX_TOKENS = 4096;
/** Distinct `anthropic-beta` sets whose posters are kept (clients send a handful). */
const MAX_BETA_SETS = 32;

/**
 * Anthropic's native Messages API (not its OpenAI-compatible endpoint), so prompt caching
 * (`cache_control`), thinking blocks with their signatures and cache-write usage survive. Calls
 * share the same node:http poster, SSE parser and error mapping as the OpenAI-compatible adapter.
 */
export function createAnthropicAdapter(options: AnthropicAdapterOptions): ProviderAdapter {
  const { provider } = options;
  const secrets = providerSecrets({
    apiKey: options.apiKey,
    headers: options.defaultHeaders,
    baseURL: options.baseURL,
  });
  const url = endpointUrl(options.baseURL, "/messages");
  const headers = {
    "anthropic-version": ANTHROPIC_VERSION,
    ...headerRecord(options.defaultHeaders),
    accept: "application/json",
    "content-type": "application/json",
    "user-agent": `modelmux/${VERSION}`,
    ...(options.apiKey !== undefined && { "x-api-key": options.apiKey }),
  };
  const pool = createConnectionPool();
  const poster = createCompletionPoster({ url, headers, pool });
  // Headers are fixed per poster: one more poster (same connections) per set of beta flags seen.
  const betaPosters = new Map<string, ReturnType<typeof createCompletionPoster>>();
  const posterFor = (request: CompletionRequest) => {
    if (!request.anthropicBeta || request.anthropicBeta.length === 0) return poster;
    const beta = request.anthropicBeta.join(",");
    let found = betaPosters.get(beta);
    if (!found) {
      found = createCompletionPoster({ url, headers: { ...headers, "anthropic-beta": beta }, pool });
      if (betaPosters.size < MAX_BETA_SETS) betaPosters.set(beta, found);
    }
    return found;
  };
  let countPoster: ReturnType<typeof createCompletionPoster> | undefined;
  const bodyOf = (request: CompletionRequest) => {
    const body = toAnthropicBody(
      request,
      provider,
      options.maxOutputOf?.(request.model) ?? FALLBACK_MAX_TOKENS,
    );
    // A dated snapshot the caller pinned resolves to its alias in the catalog: send the snapshot.
    const snapshot = anthropicSnapshot(request.model, request.requestedModel);
    if (snapshot) body.model = snapshot;
    return body;
  };

  async function completeOnce(request: CompletionRequest, startedAt: number): Promise<CompletionResult> {
    const message = (await posterFor(request).json(bodyOf(request), request.signal)) as
      | AnthropicMessage
      | undefined;
    if (!message || !Array.isArray(message.content))
      throw malformedAnswer(provider, "the answer has no content");
    const totalMs = performance.now() - startedAt;
    return {
      ...readAnthropicAnswer(message),
      usage: usageOf(message.usage),
      timeToFirstTokenMs: totalMs,
      totalMs,
    };
  }

  async function completeStreaming(
    request: CompletionRequest,
    onDelta: (delta: StreamDelta) => void,
    startedAt: number,
  ): Promise<CompletionResult> {
    const reader = createAnthropicStreamReader(onDelta);
    const timings = await readWholeStream(
      (onEvent) => posterFor(request).stream({ ...bodyOf(request), stream: true }, request.signal, onEvent),
      reader,
      { provider, signal: request.signal, startedAt, unfinished: "the stream ended before message_stop" },
    );
    return { ...reader.answer(), usage: usageOf(reader.usage()), ...timings };
  }

  return {
    provider,
    async countTokens(request) {
      countPoster ??= createCompletionPoster({
        url: endpointUrl(options.baseURL, "/messages/count_tokens"),
        headers,
        pool,
      });
      try {
        const counted = (await countPoster.json(countTokensBody(bodyOf(request)), request.signal)) as
          | { input_tokens?: unknown }
          | undefined;
        if (typeof counted?.input_tokens !== "number")
          throw malformedAnswer(provider, "count_tokens answered no input_tokens");
        return counted.input_tokens;
      } catch (error) {
        throw toProviderError(error, { provider, signal: request.signal, secrets });
      }
    },
    complete: (request) =>
      completeGuarded(request, { once: completeOnce, streaming: completeStreaming }, { provider, secrets }),
  };
}

/** Fields Anthropic's count_tokens takes; the output controls (max_tokens, sampling, stop) it refuses. */
const COUNTED_FIELDS = [
  "model",
  "messages",
  "system",
  "tools",
  "tool_choice",
  "thinking",
  "output_config",
  "mcp_servers",
  "context_management",
];

function countTokensBody(body: Record<string, unknown>): Record<string, unknown> {
  const counted: Record<string, unknown> = {};
  for (const field of COUNTED_FIELDS) if (body[field] !== undefined) counted[field] = body[field];
  return counted;
}
