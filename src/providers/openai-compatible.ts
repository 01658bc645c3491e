import OpenAI from "openai";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsBase,
} from "openai/resources/chat/completions";
import { throwIfCancelled, toAbortSignal } from "../cancel-signal.js";
import type { Usage } from "../catalog/types.js";
import { VERSION } from "../version.js";
import { mapFinishReason } from "./map-finish-reason.js";
import { createConnectionPool, createNodeFetch, headerRecord } from "./node-fetch.js";
import { createJsonPoster } from "./post-json.js";
import { ProviderError } from "./provider-error.js";
import { toProviderError } from "./to-provider-error.js";
import type { CompletionRequest, CompletionResult, ProviderAdapter, ResponseFormat } from "./types.js";

export interface OpenAICompatibleAdapterOptions {
  provider: string;
  baseURL: string;
  /** Omit for keyless local servers. */
  apiKey?: string;
  defaultHeaders?: Record<string, string>;
  /** Which field carries `maxTokens`; OpenAI's newer models reject `max_tokens`. */
  maxTokensField?: "max_tokens" | "max_completion_tokens";
}

/** Largest delay setTimeout accepts: the SDK's own timer must never fire before the caller's signal. */
const NO_SDK_TIMEOUT_MS = 2_147_483_647;
/** The SDK refuses to start without a key; local servers ignore it. */
const KEYLESS_PLACEHOLDER = "not-needed";

type RequestBody = Omit<ChatCompletionCreateParamsBase, "stream">;

/** One adapter for every OpenAI-compatible API: the provider is just a base URL and a key. */
export function createOpenAICompatibleAdapter(options: OpenAICompatibleAdapterOptions): ProviderAdapter {
  const { provider } = options;
  // Read once; it lives only in this closure and the SDK client, never in messages or logs.
  const apiKey = options.apiKey;
  const secrets = [apiKey];
  const maxTokensField =
    options.maxTokensField ?? (provider === "openai" ? "max_completion_tokens" : "max_tokens");
  // One set of keep-alive connections for both paths below (streams through the SDK, plain posts).
  const pool = createConnectionPool();
  const client = new OpenAI({
    baseURL: options.baseURL,
    // Explicit so the SDK never falls back to OPENAI_API_KEY / OPENAI_ORG_ID and sends them elsewhere.
    apiKey: apiKey ?? KEYLESS_PLACEHOLDER,
    organization: null,
    project: null,
    maxRetries: 0, // retries and failover are the router's job
    timeout: NO_SDK_TIMEOUT_MS,
    logLevel: "off", // stdout is the MCP protocol; we log ourselves
    ...(options.defaultHeaders && { defaultHeaders: options.defaultHeaders }),
    // node:http under the SDK: Node 20's fetch costs ~0.4 ms CPU a call, most of the gateway's overhead.
    fetch: createNodeFetch(globalThis.fetch, pool),
  });
  // Non-streaming calls skip the SDK's request pipeline (see post-json.ts); streams keep its SSE reader.
  const postCompletion = createJsonPoster({
    url: `${options.baseURL.replace(/\/+$/, "")}/chat/completions`,
    headers: {
      ...headerRecord(options.defaultHeaders),
      accept: "application/json",
      "content-type": "application/json",
      "user-agent": `modelmux/${VERSION}`,
      authorization: `Bearer ${apiKey ?? KEYLESS_PLACEHOLDER}`,
    },
    pool,
  });

  function buildBody(request: CompletionRequest): RequestBody {
    const body: RequestBody = { model: request.model, messages: request.messages };
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.maxTokens !== undefined) body[maxTokensField] = request.maxTokens;
    if (request.responseFormat) body.response_format = toResponseFormat(request.responseFormat);
    return body;
  }

  async function completeOnce(request: CompletionRequest, startedAt: number): Promise<CompletionResult> {
    const completion = (await postCompletion(buildBody(request), request.signal)) as
      | ChatCompletion
      | undefined;
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
    const stream = await client.chat.completions.create(
      { ...buildBody(request), stream: true, stream_options: { include_usage: true } },
      { signal: toAbortSignal(request.signal) },
    );
    let text = "";
    let firstTokenAt: number | undefined;
    let finishReason: string | null | undefined;
    let usage: ChatCompletionChunk["usage"];
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      if (choice.finish_reason) finishReason = choice.finish_reason;
      const delta = choice.delta?.content;
      if (delta) {
        firstTokenAt ??= performance.now();
        text += delta;
        onDelta(delta);
      }
    }
    // The SDK ends an aborted stream quietly; a partial answer must not pass as a success.
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
