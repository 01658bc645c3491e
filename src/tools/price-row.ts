import type { Catalog } from "../catalog/catalog.js";
import { costAt, type PriceBasis } from "../catalog/deployment-price.js";
import type { CatalogEntry, Deployment } from "../catalog/types.js";
import type { TokenCount } from "../tokens/count-tokens.js";
import { roundUsd } from "../usage/round-usd.js";
import { priceOut, quoteFacts } from "./model-summary.js";

/** Price data older than this is flagged in every row it prices. */
export const STALE_PRICE_DAYS = 60;

export interface RowRequest {
  tokens: TokenCount;
  output: number;
  cached: number;
  requests: number;
  at: Date;
  basis: PriceBasis;
}

/** What a user should know before trusting a row's number. */
export function rowWarnings(entry: CatalogEntry, request: RowRequest, priceDataDate: string): string[] {
  const warnings: string[] = [];
  if (entry.contextWindow && request.tokens.tokens > entry.contextWindow)
    warnings.push(
      `input of ${request.tokens.tokens} tokens exceeds the context window of ${entry.contextWindow}`,
    );
  if (entry.maxOutput && request.output > entry.maxOutput)
    warnings.push(`expected output of ${request.output} tokens exceeds the max output of ${entry.maxOutput}`);
  if (entry.deprecated) warnings.push(`${entry.id} is deprecated by its vendor`);
  const age = (request.at.getTime() - Date.parse(priceDataDate)) / 86_400_000;
  if (Number.isFinite(age) && age > STALE_PRICE_DAYS)
    warnings.push(
      `price data is ${Math.floor(age)} days old (${priceDataDate}); run \`modelmux prices update\` for fresher prices`,
    );
  return warnings;
}

/** One priced row: the quoted price and the cost computed from that same quote. */
export function priceRow(catalog: Catalog, entry: CatalogEntry, deployment: Deployment, request: RowRequest) {
  const quote = catalog.quote(deployment, {
    at: request.at,
    basis: request.basis,
    inputTokens: request.tokens.tokens,
  });
  const perRequest = costAt(quote.price, {
    input: request.tokens.tokens,
    output: request.output,
    cached: request.cached,
  });
  return {
    model: entry.id,
    kind: entry.kind ?? ("routable" as const),
    provider: deployment.provider,
    deployment: deployment.id,
    input_tokens: request.tokens.tokens,
    output_tokens: request.output,
    tokens_exact: request.tokens.exact,
    token_method: request.tokens.method,
    price: priceOut(quote.price),
    ...quoteFacts(quote),
    cost_per_request_usd: roundUsd(perRequest),
    // From the unrounded per-request cost: rounding first would multiply the rounding error.
    cost_total_usd: roundUsd(perRequest * request.requests),
    warnings: rowWarnings(entry, request, catalog.priceData.date),
  };
}
