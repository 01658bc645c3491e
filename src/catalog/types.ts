export type Tier = "small" | "medium" | "flagship";
export const TIERS: readonly Tier[] = ["small", "medium", "flagship"];

export type Capability = "json" | "tools" | "vision" | "audio";
export const CAPABILITIES: readonly Capability[] = ["json", "tools", "vision", "audio"];

export type Task = "classification" | "extraction" | "summarization" | "chat" | "code" | "reasoning";
export const TASKS: readonly Task[] = [
  "classification",
  "extraction",
  "summarization",
  "chat",
  "code",
  "reasoning",
];

/** Exact tokenizer encodings we ship; models without one are counted approximately. */
export type Encoding = "o200k_base" | "cl100k_base";

/** USD per 1M tokens. */
export interface Price {
  input: number;
  output: number;
  /** Price of cache-read input tokens, when the provider discounts them. */
  cachedInput?: number;
}

/** Token usage of one call. `input` is the total input including `cached` and `cacheWrite`. */
export interface Usage {
  input: number;
  output: number;
  /** Of `input`, tokens read from the provider's prompt cache. */
  cached: number;
  /** Of `input`, tokens written to the provider's prompt cache (Anthropic bills them above the input price). */
  cacheWrite?: number;
  /** Of `output`, tokens spent reasoning (billed at the output price, as OpenAI counts them). */
  reasoning?: number;
  /** Of `input` / `output`, audio tokens (priced separately where the price data knows audio). */
  audioInput?: number;
  audioOutput?: number;
}

/** One model served by one provider: the unit the router picks and the health tracker watches. */
export interface Deployment {
  /** `provider/model`, e.g. `groq/llama-3.3-70b`. */
  id: string;
  model: string;
  provider: string;
  /** The model id the provider's API expects. */
  providerModelId: string;
  price: Price;
  /** Where the price came from: the genai-prices catalog, the user's config, or modelmux's own list (with its source). */
  priceSource: "genai-prices" | "config" | "curated";
}

export interface ModelInfo {
  /** Catalog id, provider-neutral (e.g. `llama-3.3-70b`). */
  id: string;
  name: string;
  /** Who trained it (openai, anthropic, google, meta, alibaba, ...). */
  vendor: string;
  tier: Tier;
  capabilities: Capability[];
  contextWindow: number;
  maxOutput: number;
  /** Tasks this model is fit for when routing `model: "auto"`. */
  tasks: Task[];
  /** Exact tokenizer, when the vendor's is public. */
  encoding: Encoding | null;
  deployments: Deployment[];
}
