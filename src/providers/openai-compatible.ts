import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsBase,
} from "openai/resources/chat/completions";
import { throwIfCancelled } from "../cancel-signal.js";
import type { Usage } from "../catalog/types.js";
import { VERSION } from "../version.js";
import { createEmbeddingCall } from "./embedding-call.js";
import { mapFinishReason } from "./map-finish-reason.js";
import { createConnectionPool, headerRecord } from "./node-http.js";
import { createCompletionPoster } from "./post-json.js";
import { ProviderError } from "./provider-error.js";
import { toProviderError } from "./to-provider-error.js";
import type {
  CompletionRequest,
  CompletionResult,
  EmbeddingRequest,
  ProviderAdapter,
  ResponseFormat,
} from "./types.js";

export interface OpenAICompatibleAdapterOptions {
  provider: string;
  baseURL: string;
  /** Omit for keyless local servers. */
  apiKey?: string;
  defaultHeaders?: Record<string, string>;
  /** Which field carries `maxTokens`; OpenAI's newer models reject `max_tokens`. */
  maxTokensField?: "max_tokens" | "max_completion_tokens";
}

/** Sent when no key is configured: local servers ignore it, and it is never a real key. */
const KEYLESS_PLACEHOLDER = "not-needed";

type RequestBody = Omit<ChatCompletionCreateParamsBase, "stream">;

/** One adapter for every OpenAI-compatible API: the provider is just a base URL and a key. */
export function createOpenAICompatibleAdapter(options: OpenAICompatibleAdapterOptions): ProviderAdapter {
  const { provider } = options;
  // Read once; it lives only in this closure and the request headers, never in messages or logs.
  const apiKey = options.apiKey;
  const secrets = [apiKey];
  const maxTokensField =
    options.maxTokensField ?? (provider === "openai" ? "max_completion_tokens" : "max_tokens");
  // Calls go straight on node:http (see post-json.ts); the SDK lends its error classes and types.
  const baseURL = options.baseURL.replace(/\/+$/, "");
  const headers = {
    ...headerRecord(options.defaultHeaders),
    accept: "application/json",
    "content-type": "application/json",
    "user-agent": `modelmux/${VERSION}`,
    authorization: `Bearer ${apiKey ?? KEYLESS_PLACEHOLDER}`,
  };
  const pool = createConnectionPool();
  const poster = createCompletionPoster({ url: `${baseURL}/chat/completions`, headers, pool });
  // Embeddings share the provider's connections; their poster is built on first use.
  let embedCall: ReturnType<typeof createEmbeddingCall> | undefined;
  const embed = (request: EmbeddingRequest) => {
    embedCall ??= createEmbeddingCall({
      provider,
      poster: createCompletionPoster({ url: `${baseURL}/embeddings`, headers, pool }),
      secrets,
    });
    return embedCall(request);
  };

  function buildBody(request: CompletionRequest): RequestBody {
    const body: RequestBody = { model: request.model, messages: request.messages };
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.maxTokens !== undefined) body[maxTokensField] = request.maxTokens;
    if (request.responseFormat) body.response_format = toResponseFormat(request.responseFormat);
    return body;
  }

  async function completeOnce(request: CompletionRequest, startedAt: number): Promise<CompletionResult> {
    const completion = (await poster.json(buildBody(request), request.signal)) as ChatCompletion | undefined;
    const choice = completion?.choices?.[0];
    if (!choice?.message) throw malformed(provider, "the answer has no choices");
    const totalMs = performance.now() - startedAt;
    return {
      text: choice.message.content ?? "",
      usage: normaliseUsage(completion?.usage),
      finishReason: mapFinishReason(choice.finish_reason),
      // Non-streaming answers arrive whole: the first token is the last.
      timeToFirstTokenMs: totalMs,
      totalMs,
    };
  }

  async function completeStreaming(
    request: CompletionRequest,
    onDelta: (text: string) => void,
    startedAt: number,
  ): Promise<CompletionResult> {
    let text = "";
    let firstTokenAt: number | undefined;
    let finishReason: string | null | undefined;
    let usage: ChatCompletionChunk["usage"];
    const body = { ...buildBody(request), stream: true, stream_options: { include_usage: true } };
    await poster.stream(body, request.signal, (event) => {
      const chunk = event as ChatCompletionChunk;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (!choice) return;
      if (choice.finish_reason) finishReason = choice.finish_reason;
      const delta = choice.delta?.content;
      if (delta) {
        firstTokenAt ??= performance.now();
        text += delta;
        onDelta(delta);
      }
    });
    // A partial answer must never pass as a success.
    throwIfCancelled(request.signal);
    if (finishReason === undefined) throw malformed(provider, "the stream ended before the answer finished");
    const totalMs = performance.now() - startedAt;
    return {
      text,
      usage: normaliseUsage(usage),
      finishReason: mapFinishReason(finishReason),
      timeToFirstTokenMs: (firstTokenAt ?? performance.now()) - startedAt,
      totalMs,
    };
  }

  return {
    provider,
    embed,
    async complete(request: CompletionRequest): Promise<CompletionResult> {
      const startedAt = performance.now();
      const onDelta = request.onDelta;
      let callerError: { error: unknown } | undefined;
      // Errors thrown by the caller's onDelta are theirs, not the provider's: rethrow them untouched.
      const guardedDelta = onDelta
        ? (text: string) => {
            try {
              onDelta(text);
            } catch (error) {
              callerError = { error };
              throw error;
            }
          }
        : undefined;
      try {
        return guardedDelta
          ? await completeStreaming(request, guardedDelta, startedAt)
          : await completeOnce(request, startedAt);
      } catch (error) {
        if (callerError) throw callerError.error;
        throw toProviderError(error, { provider, signal: request.signal, secrets });
      }
    },
  };
}

function normaliseUsage(usage: ChatCompletion["usage"] | null | undefined): Usage {
  return {
    input: usage?.prompt_tokens ?? 0,
    output: usage?.completion_tokens ?? 0,
    cached: usage?.prompt_tokens_details?.cached_tokens ?? 0,
  };
}

function toResponseFormat(format: ResponseFormat): NonNullable<RequestBody["response_format"]> {
  if (format.type !== "json_schema") return { type: format.type };
  return { type: "json_schema", json_schema: { name: format.name, schema: format.schema } };
}

function malformed(provider: string, detail: string): ProviderError {
  return new ProviderError(`${provider} sent a malformed response: ${detail}`, {
    provider,
    kind: "malformed",
    isRetryable: true,
  });
}
