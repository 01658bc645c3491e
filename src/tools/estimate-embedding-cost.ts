import type { EmbeddingCatalog, EmbeddingDeployment, EmbeddingModel } from "../catalog/embedding-catalog.js";
import { PRICE_DATA } from "../catalog/price-lookup.js";
import { ModelmuxError } from "../errors.js";
import { createInputCounter } from "../tokens/count-input.js";
import { roundUsd } from "../usage/round-usd.js";
import { cheapestFirst, compareCosts, onProvider } from "./cost-comparison.js";

/** What estimate_cost takes that applies to an embedding workload. */
export interface EmbeddingEstimateInput {
  text?: string;
  messages?: unknown;
  input_tokens?: number;
  expected_output_tokens?: number;
  output_ratio?: number;
  models?: string[];
  provider?: string;
  tier?: string;
  capabilities?: string[];
  requests: number;
  cached_input_fraction: number;
  baseline_model?: string;
}

/** Fields that mean nothing for embeddings: refused rather than ignored. */
const CHAT_ONLY = ["messages", "expected_output_tokens", "output_ratio", "tier", "capabilities"] as const;

// OpenAI's embedding models use cl100k_base; the others publish no tokenizer for JS.
const encodingOf = (model: EmbeddingModel) => ({
  encoding: model.cl100kTokens ? ("cl100k_base" as const) : null,
});

/**
 * estimate_cost with `embedding: true`: prices input tokens (embeddings bill nothing else) on
 * every embedding deployment, or the models named, in estimate_cost's own answer shape.
 * Needs the cl100k_base and o200k_base tokenizers loaded when `text` is given.
 */
export async function estimateEmbeddingCost(embeddings: EmbeddingCatalog, input: EmbeddingEstimateInput) {
  for (const field of CHAT_ONLY)
    if (input[field] !== undefined)
      throw new ModelmuxError(
        "INVALID_INPUT",
        `${field}: does not apply to embedding workloads (embedding: true)`,
      );
  if ((input.text === undefined) === (input.input_tokens === undefined))
    throw new ModelmuxError(
      "INVALID_INPUT",
      "with embedding: true, give exactly one of `text` or `input_tokens`",
    );
  if (input.cached_input_fraction > 0)
    throw new ModelmuxError(
      "INVALID_INPUT",
      "cached_input_fraction: embedding providers have no prompt cache discount",
    );
  const targets = input.models
    ? input.models.map((reference) => {
        const { model, pinnedProvider } = embeddings.resolve(reference);
        return {
          model,
          deployments: model.deployments.filter((d) => !pinnedProvider || d.provider === pinnedProvider),
        };
      })
    : embeddings.models.map((model) => ({ model, deployments: model.deployments }));
  const baselineRef = input.baseline_model ? embeddings.resolve(input.baseline_model) : undefined;
  // Counted up front, once per encoding, yielding to the event loop on long text.
  const count = await createInputCounter(
    { text: input.text, inputTokens: input.input_tokens },
    [...targets.map((target) => target.model), ...(baselineRef ? [baselineRef.model] : [])].map(encodingOf),
  );

  const price = (model: EmbeddingModel, deployment: EmbeddingDeployment) => {
    const tokens = count(encodingOf(model));
    const perRequest = embeddings.cost(deployment, tokens.tokens);
    return {
      model: model.id,
      kind: "routable" as const,
      provider: deployment.provider,
      deployment: deployment.id,
      input_tokens: tokens.tokens,
      output_tokens: 0,
      tokens_exact: tokens.exact,
      token_method: tokens.method,
      price: { input: deployment.price.input, output: 0 },
      ...(deployment.priceUrl && { price_source: deployment.priceUrl }),
      cost_per_request_usd: roundUsd(perRequest),
      cost_total_usd: roundUsd(perRequest * input.requests),
      warnings: [] as string[],
    };
  };
  const rows = cheapestFirst(
    targets.flatMap(({ model, deployments }) =>
      deployments
        .filter((deployment) => !input.provider || deployment.provider === input.provider)
        .map((deployment) => price(model, deployment)),
    ),
  );
  const baselineRows =
    baselineRef &&
    onProvider(baselineRef.model.deployments, baselineRef.pinnedProvider).map((deployment) =>
      price(baselineRef.model, deployment),
    );
  return {
    requests: input.requests,
    output_tokens_assumed: false,
    rows,
    ...compareCosts(rows, baselineRows),
    price_data: { ...PRICE_DATA },
    priced_at: new Date().toISOString(),
    price_basis: "at" as const,
    errors: [] as { model: string; error: string; suggestions: string[] }[],
  };
}
