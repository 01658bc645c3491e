import type { FamilyEncoding } from "../tokens/family-encodings.js";
import type { PriceSheet } from "./price-sheet.js";

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

/**
 * Exact tokenizer encodings we ship (OpenAI's, and the open families' in tokens/family-encodings.ts);
 * models without one are counted approximately.
 */
export type Encoding = "o200k_base" | "cl100k_base" | FamilyEncoding;

/** USD per 1M tokens. */
export interface Price {
  input: number;
  output: number;
  /** Price of cache-read input tokens, when the provider discounts them. */
  cachedInput?: number;
  /** A fixed fee per request in USD (e.g. search-grounded models). */
  perRequest?: number;
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
  /**
   * Price of a small request when the catalog was built: for ranking and filters only. Quotes
   * and costs go through quoteDeployment (time of day, long-context tiers).
   */
  price: Price;
  /** Where the price came from: the genai-prices catalog, the user's config, or modelmux's own list (with its source). */
  priceSource: "genai-prices" | "config" | "curated";
  /** The price data's full statement (schedules, tiers) when priceSource is genai-prices. */
  sheet?: PriceSheet;
  /** Where a curated price was read. */
  priceUrl?: string;
}

/** A model modelmux can route to: curated (or configured) with tier and capabilities. */
export interface ModelInfo {
  kind?: "routable";
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
  /** The price data marks it deprecated. */
  deprecated?: boolean;
  /** Other names that resolve to this model (`mistral-large` → `mistral-large-2512`). */
  aliases?: readonly string[];
  deployments: Deployment[];
}

/**
 * A model the price data prices but modelmux has not curated: estimate_cost and
 * compare_models price it; routing needs a provider configured for it. Tier, capabilities
 * and tasks are unknown (null), never guessed.
 */
export interface PricedModel {
  kind: "priced";
  id: string;
  name: string;
  vendor: string;
  tier: null;
  capabilities: null;
  tasks: null;
  /** From the price data, when it says. */
  contextWindow: number | null;
  maxOutput: number | null;
  encoding: Encoding | null;
  deprecated: boolean;
  /** Every name the price data matches for it (snapshots, host ids). */
  aliases: readonly string[];
  /** Priced offers: one per provider in the price data (not routable as they stand). */
  deployments: Deployment[];
}

/** Every model modelmux can price: routable ones and priced-only ones. */
export type CatalogEntry = ModelInfo | PricedModel;
