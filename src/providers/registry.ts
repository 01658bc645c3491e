import type { ProviderSpec } from "./types.js";

/**
 * Built-in OpenAI-compatible providers. Base URLs are each vendor's documented
 * OpenAI-compatible endpoint; local servers use their default ports.
 */
export const BUILTIN_PROVIDERS: readonly ProviderSpec[] = [
  {
    id: "openai",
    name: "OpenAI",
    baseURL: "https://api.openai.com/v1",
    keyEnv: "OPENAI_API_KEY",
    pricesId: "openai",
    local: false,
  },
  {
    id: "anthropic",
    name: "Anthropic",
    baseURL: "https://api.anthropic.com/v1",
    keyEnv: "ANTHROPIC_API_KEY",
    pricesId: "anthropic",
    local: false,
  },
  {
    id: "google",
    name: "Google Gemini",
    baseURL: "https://generativelanguage.googleapis.com/v1beta/openai",
    keyEnv: "GEMINI_API_KEY",
    pricesId: "google",
    local: false,
  },
  {
    id: "groq",
    name: "Groq",
    baseURL: "https://api.groq.com/openai/v1",
    keyEnv: "GROQ_API_KEY",
    pricesId: "groq",
    local: false,
  },
  {
    id: "together",
    name: "Together AI",
    baseURL: "https://api.together.xyz/v1",
    keyEnv: "TOGETHER_API_KEY",
    pricesId: "together",
    local: false,
  },
  {
    id: "fireworks",
    name: "Fireworks",
    baseURL: "https://api.fireworks.ai/inference/v1",
    keyEnv: "FIREWORKS_API_KEY",
    pricesId: "fireworks",
    local: false,
  },
  {
    id: "deepseek",
    name: "DeepSeek",
    baseURL: "https://api.deepseek.com/v1",
    keyEnv: "DEEPSEEK_API_KEY",
    pricesId: "deepseek",
    local: false,
  },
  {
    id: "mistral",
    name: "Mistral",
    baseURL: "https://api.mistral.ai/v1",
    keyEnv: "MISTRAL_API_KEY",
    pricesId: "mistral",
    local: false,
  },
  {
    id: "xai",
    name: "xAI",
    baseURL: "https://api.x.ai/v1",
    keyEnv: "XAI_API_KEY",
    pricesId: "x-ai",
    local: false,
  },
  {
    id: "openrouter",
    name: "OpenRouter",
    baseURL: "https://openrouter.ai/api/v1",
    keyEnv: "OPENROUTER_API_KEY",
    pricesId: "openrouter",
    local: false,
  },
  {
    id: "deepinfra",
    name: "DeepInfra",
    baseURL: "https://api.deepinfra.com/v1/openai",
    keyEnv: "DEEPINFRA_API_KEY",
    pricesId: null,
    local: false,
  },
  {
    id: "ollama",
    name: "Ollama",
    baseURL: "http://127.0.0.1:11434/v1",
    keyEnv: null,
    pricesId: null,
    local: true,
  },
  {
    id: "vllm",
    name: "vLLM",
    baseURL: "http://127.0.0.1:8000/v1",
    keyEnv: null,
    pricesId: null,
    local: true,
  },
  {
    id: "lmstudio",
    name: "LM Studio",
    baseURL: "http://127.0.0.1:1234/v1",
    keyEnv: null,
    pricesId: null,
    local: true,
  },
];

export function findBuiltinProvider(id: string): ProviderSpec | undefined {
  return BUILTIN_PROVIDERS.find((provider) => provider.id === id);
}
