import {
  dailyWindows,
  momentIn,
  type PriceTier,
  type PriceWindow,
  quoteSheet,
  tiersOf,
  type UnitPrice,
} from "./price-sheet.js";
import type { Deployment, Usage } from "./types.js";

/** How a quote picks its time of day: the given moment, or the day's peak, off-peak or average. */
export type PriceBasis = "at" | "peak" | "off_peak" | "average";

export interface PriceQuery {
  /** Moment of the quote (default: now). */
  at?: Date;
  basis?: PriceBasis;
  /** The request's input size, which picks a long-context tier. */
  inputTokens?: number;
}

/** What one deployment costs under a query, with the facts that would change it. */
export interface DeploymentQuote {
  price: UnitPrice;
  /** Present when the price changes within the UTC day. */
  offPeak?: PriceWindow;
  peak?: PriceWindow;
  /** Present when larger requests are priced higher. */
  tiers?: PriceTier[];
}

function averageOf(deployment: Deployment, windows: PriceWindow[], at: Date, inputTokens: number): UnitPrice {
  const sheet = deployment.sheet;
  if (!sheet) return deployment.price;
  const total: UnitPrice = { input: 0, output: 0 };
  let cached = 0;
  let hasCached = false;
  for (const window of windows) {
    const price = quoteSheet(sheet, momentIn(window, at), inputTokens);
    total.input += price.input * window.share;
    total.output += price.output * window.share;
    if (price.cachedInput !== undefined) hasCached = true;
    cached += (price.cachedInput ?? price.input) * window.share;
    if (price.perRequest) total.perRequest = price.perRequest;
  }
  if (hasCached) total.cachedInput = cached;
  return total;
}

/**
 * Price of deployment D at time T for a request of N input tokens: every row, list and cost
 * goes through here, so no row shows a price its cost does not use.
 */
export function quoteDeployment(deployment: Deployment, query: PriceQuery = {}): DeploymentQuote {
  const at = query.at ?? new Date();
  const inputTokens = query.inputTokens ?? 0;
  const sheet = deployment.sheet;
  if (!sheet) return { price: deployment.price };
  const windows = dailyWindows(sheet, at, inputTokens);
  const tiers = tiersOf(sheet, at);
  const quote: DeploymentQuote = { price: quoteSheet(sheet, at, inputTokens) };
  if (windows) {
    quote.offPeak = windows[0];
    quote.peak = windows.at(-1);
    const basis = query.basis ?? "at";
    if (basis === "average") quote.price = averageOf(deployment, windows, at, inputTokens);
    else if (basis === "peak" && quote.peak)
      quote.price = quoteSheet(sheet, momentIn(quote.peak, at), inputTokens);
    else if (basis === "off_peak" && quote.offPeak)
      quote.price = quoteSheet(sheet, momentIn(quote.offPeak, at), inputTokens);
  }
  if (tiers.length > 0) quote.tiers = tiers;
  return quote;
}

/** USD for one call at a unit price, unrounded (volume totals multiply this, then round once). */
export function costAt(price: UnitPrice, usage: Usage): number {
  const cached = Math.min(usage.cached, usage.input);
  // Prompt-cache writes are part of input, at the cache-write rate where the data states one.
  const written = Math.min(usage.cacheWrite ?? 0, usage.input - cached);
  // Audio tokens are part of input/output and priced apart where the data says (else as text).
  const audioIn = Math.min(usage.audioInput ?? 0, usage.input - cached - written);
  const audioOut = Math.min(usage.audioOutput ?? 0, usage.output);
  const text = usage.input - cached - written - audioIn;
  return (
    (text * price.input +
      cached * (price.cachedInput ?? price.input) +
      written * (price.cacheWrite ?? price.input) +
      audioIn * (price.inputAudio ?? price.input) +
      (usage.output - audioOut) * price.output +
      audioOut * (price.outputAudio ?? price.output)) /
      1_000_000 +
    (price.perRequest ?? 0)
  );
}

/** USD for one call on a deployment at a moment (default now), unrounded. */
export function costOf(deployment: Deployment, usage: Usage, at?: Date): number {
  return costAt(quoteDeployment(deployment, { at, inputTokens: usage.input }).price, usage);
}
