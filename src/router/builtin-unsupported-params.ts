/**
 * Chat parameters that built-in providers do not support, as their API documentation states
 * (read 2026-12). A provider's `unsupportedParams` in config replaces its entry.
 */

/**
 * OpenAI sampling and output options Anthropic has no counterpart for: its OpenAI-compatible
 * endpoint ignores them (docs.anthropic.com, "OpenAI SDK compatibility"), its Messages API refuses
 * them. `n` means n > 1.
 */
const NO_ANTHROPIC_COUNTERPART = [
  "logprobs",
  "top_logprobs",
  "logit_bias",
  "presence_penalty",
  "frequency_penalty",
  "seed",
  "n",
  "prediction",
  "audio",
  "modalities",
];

/**
 * OpenAI chat parameters the native Anthropic adapter neither maps (stop, user, tool_choice,
 * response_format, reasoning_effort… see to-anthropic-body.ts) nor can forward: the Messages API
 * has no such field and refuses unknown ones. `metadata` is OpenAI's string map (Anthropic's
 * takes only `user_id`, which `user` fills).
 */
export const NATIVE_ANTHROPIC_UNSUPPORTED: readonly string[] = [
  ...NO_ANTHROPIC_COUNTERPART,
  "metadata",
  "store",
  "prompt_cache_key",
  "prompt_cache_retention",
  "safety_identifier",
  "verbosity",
  "web_search_options",
  "functions",
  "function_call",
];

/**
 * Anthropic's sampling and reasoning fields (they come in through /v1/messages) that OpenAI's chat
 * format lacks. An OpenAI-compatible provider supports one only where its API documents it.
 */
const ANTHROPIC_ONLY = ["top_k", "thinking"] as const;

/** Built-in OpenAI-compatible providers whose API documents an Anthropic-only field. */
const TAKES_ANTHROPIC_FIELD: Record<(typeof ANTHROPIC_ONLY)[number], readonly string[]> = {
  // Each documents `top_k` among its chat-completions sampling parameters.
  top_k: [
    "together",
    "fireworks",
    "openrouter",
    "deepinfra",
    "sambanova",
    "novita",
    "hyperbolic",
    "perplexity",
    "alibaba",
    "vllm",
    "lmstudio",
  ],
  // `thinking: {type: "enabled" | "disabled"}` in their OpenAI format (budget_tokens is theirs to ignore);
  // Anthropic's OpenAI-compatible endpoint (`"api": "openai"` on it) takes its own `thinking`.
  thinking: ["deepseek", "zai", "zhipu", "anthropic"],
};

/** What a built-in OpenAI-compatible provider's own docs list as unsupported or ignored. */
const DOCUMENTED: Readonly<Record<string, readonly string[]>> = {
  // Anthropic's OpenAI-compatible endpoint (`"api": "openai"` on it) ignores these; n must be 1.
  anthropic: NO_ANTHROPIC_COUNTERPART,
  // console.groq.com, "OpenAI compatibility": not supported; n must be 1.
  groq: ["logprobs", "top_logprobs", "logit_bias", "n"],
};

function openAICompatibleList(provider: string): string[] {
  const list = [...(DOCUMENTED[provider] ?? [])];
  for (const field of ANTHROPIC_ONLY) if (!TAKES_ANTHROPIC_FIELD[field].includes(provider)) list.push(field);
  return list;
}

/**
 * The built-in list of a provider speaking `api`: the native adapter's for the Messages API; for
 * OpenAI's format, what a built-in provider's docs say it lacks plus the Anthropic-only fields it
 * does not document; none for a configured OpenAI-compatible server (modelmux cannot know).
 */
export function builtinUnsupportedParams(
  provider: string,
  api: "openai" | "anthropic",
  builtin: boolean,
): readonly string[] {
  if (api === "anthropic") return NATIVE_ANTHROPIC_UNSUPPORTED;
  return builtin ? openAICompatibleList(provider) : [];
}
