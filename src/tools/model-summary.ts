import type { Catalog } from "../catalog/catalog.js";
import type { DeploymentQuote, PriceQuery } from "../catalog/deployment-price.js";
import type { PriceWindow } from "../catalog/price-sheet.js";
import type { CatalogEntry, Deployment, Price } from "../catalog/types.js";

export function priceOut(price: Price): {
  input: number;
  output: number;
  cached_input?: number;
  per_request?: number;
} {
  return {
    input: price.input,
    output: price.output,
    ...(price.cachedInput !== undefined && { cached_input: price.cachedInput }),
    ...(price.perRequest !== undefined && { per_request: price.perRequest }),
  };
}

function windowOut(window: PriceWindow) {
  return { hours_utc: window.hours_utc, input: window.input, output: window.output };
}

/** The schedule and tiers of a quote, as every row shows them (absent when the price is flat). */
export function quoteFacts(quote: DeploymentQuote) {
  return {
    ...(quote.offPeak && { off_peak: windowOut(quote.offPeak) }),
    ...(quote.peak && { peak: windowOut(quote.peak) }),
    ...(quote.tiers && { tiers: quote.tiers }),
  };
}

/** Blended price used to rank deployments: 3 input tokens per output token, a common chat mix. */
export function blendedPrice(price: Price): number {
  return (price.input * 3 + price.output) / 4;
}

/** The cheapest deployment at the quote's moment (default now), by blended price. */
export function cheapestDeployment(
  deployments: readonly Deployment[],
  catalog: Catalog,
  query: PriceQuery = {},
): { deployment: Deployment; quote: DeploymentQuote } | undefined {
  let best: { deployment: Deployment; quote: DeploymentQuote } | undefined;
  for (const deployment of deployments) {
    const quote = catalog.quote(deployment, query);
    if (!best || blendedPrice(quote.price) < blendedPrice(best.quote.price)) best = { deployment, quote };
  }
  return best;
}

export function deploymentOut(deployment: Deployment, catalog: Catalog, query: PriceQuery = {}) {
  const quote = catalog.quote(deployment, query);
  return {
    provider: deployment.provider,
    provider_model_id: deployment.providerModelId,
    price: priceOut(quote.price),
    ...quoteFacts(quote),
    price_source: deployment.priceSource,
    enabled: catalog.getProvider(deployment.provider)?.enabled ?? false,
  };
}

/** The facts about one model every catalog tool shows; prices are quoted at `query.at` (default now). */
export function modelSummary(entry: CatalogEntry, catalog: Catalog, query: PriceQuery = {}) {
  const cheapest = cheapestDeployment(entry.deployments, catalog, query);
  return {
    id: entry.id,
    kind: entry.kind ?? "routable",
    name: entry.name,
    vendor: entry.vendor,
    tier: entry.tier,
    context_window: entry.contextWindow || null,
    max_output: entry.maxOutput || null,
    capabilities: entry.capabilities,
    tasks: entry.tasks,
    deprecated: entry.deprecated ?? false,
    tokenizer: entry.encoding ?? "approximate",
    cheapest_price: cheapest ? priceOut(cheapest.quote.price) : null,
    providers: entry.deployments.map((deployment) => deploymentOut(deployment, catalog, query)),
  };
}
