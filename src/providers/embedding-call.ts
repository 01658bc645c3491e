import { decodeBase64Floats } from "./base64-floats.js";
import type { CompletionPoster } from "./post-json.js";
import { ProviderError } from "./provider-error.js";
import { toProviderError } from "./to-provider-error.js";
import type { EmbeddingRequest, EmbeddingResult } from "./types.js";

interface EmbeddingItem {
  index?: unknown;
  embedding?: unknown;
}

function malformed(provider: string, detail: string): ProviderError {
  return new ProviderError(`${provider} sent a malformed embeddings response: ${detail}`, {
    provider,
    kind: "malformed",
    isRetryable: true,
  });
}

function vectorOf(provider: string, item: EmbeddingItem, position: number): number[] {
  const { embedding } = item;
  if (typeof embedding === "string") return decodeBase64Floats(embedding);
  if (!Array.isArray(embedding) || embedding.length === 0)
    throw malformed(provider, `data[${position}].embedding is not a list of numbers`);
  for (const value of embedding)
    if (typeof value !== "number")
      throw malformed(provider, `data[${position}].embedding holds a non-number`);
  return embedding as number[];
}

/** Reads an OpenAI-style embeddings answer into one vector per input, in input order. */
export function parseEmbeddings(
  provider: string,
  answer: unknown,
  inputs: number,
): Omit<EmbeddingResult, "totalMs"> {
  const body = answer as {
    data?: unknown;
    usage?: { prompt_tokens?: unknown; total_tokens?: unknown };
  } | null;
  if (!body || !Array.isArray(body.data)) throw malformed(provider, "no data list");
  if (body.data.length !== inputs)
    throw malformed(provider, `${body.data.length} embeddings for ${inputs} input(s)`);
  const vectors: number[][] = new Array(inputs);
  body.data.forEach((item: EmbeddingItem, position) => {
    const index = item?.index === undefined ? position : item.index;
    if (
      typeof index !== "number" ||
      !Number.isInteger(index) ||
      index < 0 ||
      index >= inputs ||
      vectors[index]
    )
      throw malformed(provider, `data[${position}].index is missing, repeated or out of range`);
    vectors[index] = vectorOf(provider, item, position);
  });
  const tokens = body.usage?.prompt_tokens ?? body.usage?.total_tokens;
  return { vectors, inputTokens: typeof tokens === "number" && tokens >= 0 ? tokens : 0 };
}

/** POST {baseURL}/embeddings on a provider's poster: floats asked for, errors mapped like chat's. */
export function createEmbeddingCall(options: {
  provider: string;
  poster: CompletionPoster;
  secrets: (string | undefined)[];
}): (request: EmbeddingRequest) => Promise<EmbeddingResult> {
  const { provider, poster, secrets } = options;
  return async function embed(request: EmbeddingRequest): Promise<EmbeddingResult> {
    const startedAt = performance.now();
    const body: Record<string, unknown> = { ...request.extra, model: request.model, input: request.input };
    if (request.dimensions !== undefined) body.dimensions = request.dimensions;
    if (request.user !== undefined) body.user = request.user;
    try {
      const answer = await poster.json(body, request.signal);
      return {
        ...parseEmbeddings(provider, answer, request.input.length),
        totalMs: performance.now() - startedAt,
      };
    } catch (error) {
      throw toProviderError(error, { provider, signal: request.signal, secrets });
    }
  };
}
