import type { Catalog } from "../catalog/catalog.js";
import type { Deployment, ModelInfo, Price } from "../catalog/types.js";

export function priceOut(price: Price): { input: number; output: number; cached_input?: number } {
  return price.cachedInput === undefined
    ? { input: price.input, output: price.output }
    : { input: price.input, output: price.output, cached_input: price.cachedInput };
}

/** Blended price used to rank deployments: 3 input tokens per output token, a common chat mix. */
export function blendedPrice(price: Price): number {
  return (price.input * 3 + price.output) / 4;
}

export function cheapestDeployment(deployments: readonly Deployment[]): Deployment | undefined {
  let best: Deployment | undefined;
  for (const deployment of deployments) {
    if (!best || blendedPrice(deployment.price) < blendedPrice(best.price)) best = deployment;
  }
  return best;
}

export function deploymentOut(deployment: Deployment, catalog: Catalog) {
  return {
    provider: deployment.provider,
    provider_model_id: deployment.providerModelId,
    price: priceOut(deployment.price),
    price_source: deployment.priceSource,
    enabled: catalog.getProvider(deployment.provider)?.enabled ?? false,
  };
}

/** The facts about one model every catalog tool shows. */
export function modelSummary(model: ModelInfo, catalog: Catalog) {
  const cheapest = cheapestDeployment(model.deployments);
  return {
    id: model.id,
    name: model.name,
    vendor: model.vendor,
    tier: model.tier,
    context_window: model.contextWindow,
    max_output: model.maxOutput,
    capabilities: model.capabilities,
    tasks: model.tasks,
    tokenizer: model.encoding ?? "approximate",
    cheapest_price: cheapest ? priceOut(cheapest.price) : null,
    providers: model.deployments.map((deployment) => deploymentOut(deployment, catalog)),
  };
}
