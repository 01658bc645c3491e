import { findPricedModel } from "./match-rule.js";
import { BUNDLED_PRICE_DATA, loadPriceData } from "./price-data.js";
import { type PriceSheet, quoteSheet } from "./price-sheet.js";
import type { Price } from "./types.js";

/**
 * Unit prices (USD per 1M tokens) of a provider model in the bundled price data, for a small
 * request now; null when the data does not know it. Chat quotes go through quoteDeployment.
 */
export function lookupUnitPrice(
  providerModelId: string,
  pricesProviderId: string,
  at = new Date(),
): Price | null {
  const model = findPricedModel(loadPriceData().providers, pricesProviderId, providerModelId);
  return model ? quoteSheet(model.prices as PriceSheet, at, 0) : null;
}

/** The bundled price data's source and date (embedding quotes; chat quotes show the catalog's). */
export const PRICE_DATA = BUNDLED_PRICE_DATA;
