import type { CachedAnswer } from "../../src/core/hooks.js";

export function answer(text = "Bonjour", overrides: Partial<CachedAnswer> = {}): CachedAnswer {
  return {
    text,
    model: "llama-3.3-70b",
    provider: "groq",
    deployment: "groq/llama-3.3-70b",
    usage: { input: 12, output: 3, cached: 0 },
    costUsd: 0.000123,
    finishReason: "stop",
    createdAt: 1_700_000_000_000,
    ...overrides,
  };
}
