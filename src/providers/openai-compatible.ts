import { copyOptionalChoiceFields } from "../chat/message-text.js";
import type { ChatMessage, StreamDelta } from "../chat/types.js";
import { extendableCopy } from "../extendable-copy.js";
import { VERSION } from "../version.js";
import { azureDeploymentUrl } from "./azure-deployments.js";
import { completeGuarded, malformedAnswer, readWholeStream } from "./complete-guarded.js";
import { createEmbeddingCall } from "./embedding-call.js";
import { createConnectionPool, headerRecord } from "./node-http.js";
import { createCompletionPoster } from "./post-json.js";
import { providerSecrets } from "./provider-secrets.js";
import { normaliseUsage, readChoice, type WireChoice, type WireUsage } from "./read-answer.js";
import { createStreamAssembler, type WireChunk } from "./stream-assembler.js";
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
  /**
   * Azure's deployment-style API (azure-deployments.ts): `baseURL` is the resource's endpoint,
   * each call goes to its deployment (the request's model id) with this `api-version`, and the key
   * is sent as `api-key`.
   */
  azureApiVersion?: string;
}

/** Sent when no key is configured: local servers ignore it, and it is never a real key. */
const KEYLESS_PLACEHOLDER = "not-needed";

type RequestBody = Record<string, unknown>;

interface WireCompletion {
  choices?: WireChoice[];
  usage?: WireUsage | null;
  system_fingerprint?: string | null;
  service_tier?: string | null;
}

/**
 * Messages in OpenAI's wire format. Only OpenAI knows the `developer` role; elsewhere it is the
 * system role it replaced. Two Anthropic details have no OpenAI field: a tool result's `is_error`
 * becomes an "Error:" prefix of its text, and earlier turns' `thinking_blocks` are left out
 * (Anthropic's own API ignores them too, and only it can check their signatures).
 */
function wireMessages(messages: ChatMessage[], developerRole: boolean): ChatMessage[] {
  let changes = false;
  for (const message of messages) {
    if (
      (message.role === "developer" && !developerRole) ||
      "is_error" in message ||
      "thinking_blocks" in message
    ) {
      changes = true;
      break;
    }
  }
  return changes ? messages.map((message) => wireMessage(message, developerRole)) : messages;
}

function wireMessage(message: ChatMessage, developerRole: boolean): ChatMessage {
  const {
    is_error: isError,
    thinking_blocks: _thinking,
    ...rest
  } = message as ChatMessage & {
    is_error?: unknown;
    thinking_blocks?: unknown;
  };
  const wire: ChatMessage = rest;
  if (wire.role === "developer" && !developerRole) wire.role = "system";
  if (isError === true) wire.content = errorContent(wire.content);
  return wire;
}

function errorContent(content: ChatMessage["content"]): ChatMessage["content"] {
  if (content === null || typeof content === "string") return `Error: ${content ?? ""}`;
  return [{ type: "text", text: "Error:" }, ...content];
}

/** `path` appended to the base URL's path; its query (Azure's `?api-version=…&api-key=…`) is kept. */
export function endpointUrl(baseURL: string, path: string): string {
  const url = new URL(baseURL);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${path}`;
  return url.href;
}

/**
 * Azure's first api-version that takes `max_completion_tokens` (2024-09-01-preview). Its o-series
 * and GPT-5 deployments refuse `max_tokens`, like OpenAI's; older api-versions know only `max_tokens`.
 */
const AZURE_MAX_COMPLETION_TOKENS_SINCE = "2024-09-01";

/**
 * OpenAI, and Azure's v1 API (the built-in `azure` provider), take `max_completion_tokens`; Azure's
 * deployment-style API does from AZURE_MAX_COMPLETION_TOKENS_SINCE; other compatible servers mostly
 * know only `max_tokens`.
 */
function defaultMaxTokensField(
  provider: string,
  azureApiVersion: string | undefined,
): "max_tokens" | "max_completion_tokens" {
  const newer =
    azureApiVersion !== undefined
      ? azureApiVersion >= AZURE_MAX_COMPLETION_TOKENS_SINCE
      : provider === "openai" || provider === "azure";
  return newer ? "max_completion_tokens" : "max_tokens";
}

/** One adapter for every OpenAI-compatible API: the provider is just a base URL and a key. */
export function createOpenAICompatibleAdapter(options: OpenAICompatibleAdapterOptions): ProviderAdapter {
  const { provider } = options;
  // Read once; it lives only in this closure and the request headers, never in messages or logs.
  const apiKey = options.apiKey;
  // Every credential the provider is configured with: key, header values, base URL query values.
  const secrets = providerSecrets({ apiKey, headers: options.defaultHeaders, baseURL: options.baseURL });
  // Calls go straight on node:http (see post-json.ts); the SDK lends its error classes and types.
  const azureVersion = options.azureApiVersion;
  const maxTokensField = options.maxTokensField ?? defaultMaxTokensField(provider, azureVersion);
  const headers = {
    ...headerRecord(options.defaultHeaders),
    accept: "application/json",
    "content-type": "application/json",
    "user-agent": `modelmux/${VERSION}`,
    ...(azureVersion
      ? { "api-key": apiKey ?? KEYLESS_PLACEHOLDER }
      : { authorization: `Bearer ${apiKey ?? KEYLESS_PLACEHOLDER}` }),
  };
  const pool = createConnectionPool();
  // One poster per URL: one for the provider, or one per Azure deployment (built on first use).
  const posters = new Map<string, ReturnType<typeof createCompletionPoster>>();
  const urlFor = (model: string, path: "/chat/completions" | "/embeddings") =>
    azureVersion
      ? azureDeploymentUrl(options.baseURL, model, path, azureVersion)
      : endpointUrl(options.baseURL, path);
  function posterFor(model: string, path: "/chat/completions" | "/embeddings") {
    const key = azureVersion ? `${path} ${model}` : path;
    let poster = posters.get(key);
    if (!poster) {
      poster = createCompletionPoster({ url: urlFor(model, path), headers, pool });
      posters.set(key, poster);
    }
    return poster;
  }
  // Embeddings share the provider's connections; their call is built on first use (per deployment on Azure).
  const embedCalls = new Map<string, ReturnType<typeof createEmbeddingCall>>();
  const embed = (request: EmbeddingRequest) => {
    const key = azureVersion ? request.model : "";
    let call = embedCalls.get(key);
    if (!call) {
      call = createEmbeddingCall({ provider, poster: posterFor(request.model, "/embeddings"), secrets });
      embedCalls.set(key, call);
    }
    return call(request);
  };

  function buildBody(request: CompletionRequest): RequestBody {
    // Forwarded parameters first, so the fields modelmux sets itself always win.
    const body: RequestBody = request.params ? extendableCopy(request.params) : {};
    body.model = request.model;
    body.messages = wireMessages(request.messages, provider === "openai");
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.maxTokens !== undefined) body[maxTokensField] = request.maxTokens;
    if (request.responseFormat && body.response_format === undefined)
      body.response_format = toResponseFormat(request.responseFormat);
    return body;
  }

  async function completeOnce(request: CompletionRequest, startedAt: number): Promise<CompletionResult> {
    const poster = posterFor(request.model, "/chat/completions");
    const completion = (await poster.json(buildBody(request), request.signal)) as WireCompletion | undefined;
    const wireChoices = completion?.choices;
    if (!wireChoices?.[0]?.message) throw malformedAnswer(provider, "the answer has no choices");
    const choices = wireChoices.map(readChoice);
    const totalMs = performance.now() - startedAt;
    return withMeta(choices, normaliseUsage(completion?.usage), completion ?? {}, {
      // Non-streaming answers arrive whole: the first token is the last.
      timeToFirstTokenMs: totalMs,
      totalMs,
    });
  }

  async function completeStreaming(
    request: CompletionRequest,
    onDelta: (delta: StreamDelta) => void,
    startedAt: number,
  ): Promise<CompletionResult> {
    const assembler = createStreamAssembler(onDelta);
    const body = buildBody(request);
    body.stream = true;
    body.stream_options = { include_usage: true };
    const timings = await readWholeStream<WireChunk>(
      (onEvent) => posterFor(request.model, "/chat/completions").stream(body, request.signal, onEvent),
      assembler,
      {
        provider,
        signal: request.signal,
        startedAt,
        unfinished: "the stream ended before the answer finished",
      },
    );
    return withMeta(
      assembler.choices(),
      normaliseUsage(assembler.usage()),
      { system_fingerprint: assembler.systemFingerprint(), service_tier: assembler.serviceTier() },
      timings,
    );
  }

  return {
    provider,
    embed,
    complete: (request: CompletionRequest) =>
      completeGuarded(request, { once: completeOnce, streaming: completeStreaming }, { provider, secrets }),
  };
}

/** The first choice at the top, every choice under `choices` when there are several. */
function withMeta(
  choices: CompletionResult["choices"] & {},
  usage: CompletionResult["usage"],
  meta: Pick<WireCompletion, "system_fingerprint" | "service_tier">,
  timing: Pick<CompletionResult, "timeToFirstTokenMs" | "totalMs">,
): CompletionResult {
  const first = choices[0] ?? { text: "", finishReason: "other" as const };
  const result: CompletionResult = {
    text: first.text,
    finishReason: first.finishReason,
    usage,
    timeToFirstTokenMs: timing.timeToFirstTokenMs,
    totalMs: timing.totalMs,
  };
  copyOptionalChoiceFields(result, first);
  if (choices.length > 1) result.choices = choices;
  if (meta.system_fingerprint) result.systemFingerprint = meta.system_fingerprint;
  if (meta.service_tier) result.serviceTier = meta.service_tier;
  return result;
}

function toResponseFormat(format: ResponseFormat): Record<string, unknown> {
  if (format.type !== "json_schema") return { type: format.type };
  return { type: "json_schema", json_schema: { name: format.name, schema: format.schema } };
}
