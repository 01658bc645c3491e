import type { CachedAnswer, ResponseCache } from "./hooks.js";

/** What the cache keeps per input text: its vector and what it cost to get it. */
export interface CachedVector {
  vector: number[];
  model: string;
  provider: string;
  deployment: string;
  tokens: number;
  costUsd: number;
}

/** Marks the stored answer as a vector, so a chat answer can never be read back as one. */
export const EMBEDDING_FINISH = "embedding";

/**
 * One cache key per input: the model (vectors of one model are the same whichever provider
 * serves it), the `dimensions` and pass-through fields that change the vector, and the text, in
 * the caller's namespace. The route names the endpoint, so no chat key can ever equal one.
 */
export function embeddingKey(
  cache: ResponseCache,
  input: { model: string; dimensions: number | undefined; extra: Record<string, unknown>; namespace: string },
  text: string,
): string {
  return cache.key({
    route: { endpoint: "embeddings", model: input.model },
    messages: [{ role: "input", content: text }],
    params: { dimensions: input.dimensions ?? null, extra: input.extra },
    namespace: input.namespace,
  });
}

/** The vector in a stored answer, when it is one of the expected length; anything else is a miss. */
export function vectorFromCache(answer: CachedAnswer | undefined, length: number): CachedVector | undefined {
  if (!answer || answer.finishReason !== EMBEDDING_FINISH) return undefined;
  const vector = answer.json;
  if (!Array.isArray(vector) || vector.length !== length || typeof vector[0] !== "number") return undefined;
  return {
    vector: vector as number[],
    model: answer.model,
    provider: answer.provider,
    deployment: answer.deployment,
    tokens: answer.usage.input,
    costUsd: answer.costUsd,
  };
}

export function vectorToCache(entry: CachedVector, at: number): CachedAnswer {
  return {
    text: "",
    json: entry.vector,
    model: entry.model,
    provider: entry.provider,
    deployment: entry.deployment,
    usage: { input: entry.tokens, output: 0, cached: 0 },
    costUsd: entry.costUsd,
    finishReason: EMBEDDING_FINISH,
    createdAt: at,
  };
}
