/**
 * The curated embedding models modelmux routes /v1/embeddings and the `embed` tool to, and which
 * providers serve each. Prices come from @pydantic/genai-prices where it has them (OpenAI,
 * Mistral, Google); elsewhere they are typed here with the page they were read from
 * (read 2026-11; a config `price` overrides either). Dimensions and input limits are from each
 * vendor's model page: platform.openai.com/docs/guides/embeddings, docs.mistral.ai/capabilities/embeddings,
 * ai.google.dev/gemini-api/docs/embeddings, the model cards on huggingface.co (BAAI, nomic-ai,
 * togethercomputer) and each host's model list.
 */
export interface EmbeddingServing {
  /** The provider's own model id. */
  id: string;
  /**
   * The `dimensions` values this provider accepts for the model (Matryoshka models shorten their
   * vectors); absent when it does not take the parameter, so such requests are routed elsewhere.
   */
  dimensions?: { min: number; max: number };
  /** USD per 1M input tokens, for providers genai-prices does not price, and where it was read. */
  price?: { input: number; source: string };
}

export interface EmbeddingModelSpec {
  /** Catalog id, provider-neutral. */
  id: string;
  name: string;
  vendor: string;
  /** Length of the vectors when no `dimensions` is asked for. */
  dimensions: number;
  /** Longest single input the model takes, in its own tokens. */
  maxInputTokens: number;
  /** True when the model's tokenizer is cl100k_base, so token-array inputs mean the same thing to it. */
  cl100kTokens: boolean;
  servedBy: Record<string, EmbeddingServing>;
}

const TOGETHER_PRICING = "https://www.together.ai/pricing (embeddings)";
const FIREWORKS_PRICING = "https://fireworks.ai/pricing (embeddings, 150M–350M parameters and below)";
const DEEPINFRA_PRICING = "https://deepinfra.com/pricing (embeddings)";

export const EMBEDDING_MODELS: readonly EmbeddingModelSpec[] = [
  {
    id: "text-embedding-3-small",
    name: "OpenAI text-embedding-3-small",
    vendor: "openai",
    dimensions: 1536,
    maxInputTokens: 8191,
    cl100kTokens: true,
    servedBy: { openai: { id: "text-embedding-3-small", dimensions: { min: 1, max: 1536 } } },
  },
  {
    id: "text-embedding-3-large",
    name: "OpenAI text-embedding-3-large",
    vendor: "openai",
    dimensions: 3072,
    maxInputTokens: 8191,
    cl100kTokens: true,
    servedBy: { openai: { id: "text-embedding-3-large", dimensions: { min: 1, max: 3072 } } },
  },
  {
    id: "text-embedding-ada-002",
    name: "OpenAI text-embedding-ada-002",
    vendor: "openai",
    dimensions: 1536,
    maxInputTokens: 8191,
    cl100kTokens: true,
    servedBy: { openai: { id: "text-embedding-ada-002" } },
  },
  {
    id: "mistral-embed",
    name: "Mistral Embed",
    vendor: "mistral",
    dimensions: 1024,
    maxInputTokens: 8192,
    cl100kTokens: false,
    servedBy: { mistral: { id: "mistral-embed" } },
  },
  {
    id: "gemini-embedding-001",
    name: "Gemini Embedding 001",
    vendor: "google",
    dimensions: 3072,
    maxInputTokens: 2048,
    cl100kTokens: false,
    // Google's OpenAI-compatible endpoint takes `dimensions` (128–3072; 768, 1536 and 3072 recommended).
    servedBy: { google: { id: "gemini-embedding-001", dimensions: { min: 128, max: 3072 } } },
  },
  {
    id: "bge-large-en-v1.5",
    name: "BAAI bge-large-en-v1.5",
    vendor: "baai",
    dimensions: 1024,
    maxInputTokens: 512,
    cl100kTokens: false,
    servedBy: {
      together: { id: "BAAI/bge-large-en-v1.5", price: { input: 0.016, source: TOGETHER_PRICING } },
      deepinfra: { id: "BAAI/bge-large-en-v1.5", price: { input: 0.01, source: DEEPINFRA_PRICING } },
    },
  },
  {
    id: "bge-base-en-v1.5",
    name: "BAAI bge-base-en-v1.5",
    vendor: "baai",
    dimensions: 768,
    maxInputTokens: 512,
    cl100kTokens: false,
    servedBy: {
      together: { id: "BAAI/bge-base-en-v1.5", price: { input: 0.008, source: TOGETHER_PRICING } },
      deepinfra: { id: "BAAI/bge-base-en-v1.5", price: { input: 0.005, source: DEEPINFRA_PRICING } },
    },
  },
  {
    id: "bge-m3",
    name: "BAAI bge-m3",
    vendor: "baai",
    dimensions: 1024,
    maxInputTokens: 8192,
    cl100kTokens: false,
    servedBy: { deepinfra: { id: "BAAI/bge-m3", price: { input: 0.01, source: DEEPINFRA_PRICING } } },
  },
  {
    id: "m2-bert-80m-8k-retrieval",
    name: "Together M2-BERT 80M 8k retrieval",
    vendor: "together",
    dimensions: 768,
    maxInputTokens: 8192,
    cl100kTokens: false,
    servedBy: {
      together: {
        id: "togethercomputer/m2-bert-80M-8k-retrieval",
        price: { input: 0.008, source: TOGETHER_PRICING },
      },
    },
  },
  {
    id: "nomic-embed-text-v1.5",
    name: "Nomic Embed Text v1.5",
    vendor: "nomic",
    dimensions: 768,
    maxInputTokens: 8192,
    cl100kTokens: false,
    servedBy: {
      fireworks: {
        id: "nomic-ai/nomic-embed-text-v1.5",
        dimensions: { min: 64, max: 768 },
        price: { input: 0.008, source: FIREWORKS_PRICING },
      },
    },
  },
];
