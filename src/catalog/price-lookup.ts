import { createRequire } from "node:module";
import type { Deployment, Price, Usage } from "./types.js";

type GenaiPrices = typeof import("@pydantic/genai-prices");
let library: GenaiPrices | undefined;

/**
 * genai-prices is ~0.8 MB of price data that takes ~100 ms to load, so it loads on the first
 * lookup (the catalog builds on first use) instead of on the start-up path. require() loads it
 * synchronously, so lookups stay plain function calls.
 */
function calcPrice(...args: Parameters<GenaiPrices["calcPrice"]>): ReturnType<GenaiPrices["calcPrice"]> {
  library ??= createRequire(import.meta.url)("@pydantic/genai-prices") as GenaiPrices;
  return library.calcPrice(...args);
}

/** Version and publish date of the bundled price data, shown to users next to every quote. */
export const PRICE_DATA = { source: "@pydantic/genai-prices", version: "0.1.8", date: "2026-09-23" } as const;

const SAMPLE_TOKENS = 1000;

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/**
 * Unit prices (USD per 1M tokens) of a provider model from genai-prices, measured on a
 * small request so tiered prices report their base tier; null when the library does not know it.
 */
export function lookupUnitPrice(providerModelId: string, pricesProviderId: string, at?: Date): Price | null {
  const options = at ? { providerId: pricesProviderId, timestamp: at } : { providerId: pricesProviderId };
  const result = calcPrice(
    { input_tokens: SAMPLE_TOKENS, output_tokens: SAMPLE_TOKENS },
    providerModelId,
    options,
  );
  if (!result) return null;
  const perMillion = 1_000_000 / SAMPLE_TOKENS;
  const price: Price = {
    input: round(result.input_price * perMillion),
    output: round(result.output_price * perMillion),
  };
  const cached = calcPrice(
    { input_tokens: SAMPLE_TOKENS, cache_read_tokens: SAMPLE_TOKENS },
    providerModelId,
    options,
  );
  if (cached && cached.input_price < result.input_price)
    price.cachedInput = round(cached.input_price * perMillion);
  return price;
}

/** Context window the price library records for a provider model, if any. */
export function lookupContextWindow(providerModelId: string, pricesProviderId: string): number | undefined {
  return calcPrice({ input_tokens: 1 }, providerModelId, { providerId: pricesProviderId })?.model
    .context_window;
}

/**
 * Cost in USD of one call. Library-priced deployments go through genai-prices itself so
 * tiered (long-context) and time-of-day prices apply; config prices are per 1M tokens.
 */
export function costOf(
  deployment: Deployment,
  pricesProviderId: string | null,
  usage: Usage,
  at?: Date,
): number {
  if (deployment.priceSource === "genai-prices" && pricesProviderId) {
    const result = calcPrice(
      {
        input_tokens: usage.input,
        output_tokens: usage.output,
        cache_read_tokens: usage.cached || undefined,
        cache_write_tokens: usage.cacheWrite || undefined,
        input_audio_tokens: usage.audioInput || undefined,
        output_audio_tokens: usage.audioOutput || undefined,
      },
      deployment.providerModelId,
      at ? { providerId: pricesProviderId, timestamp: at } : { providerId: pricesProviderId },
    );
    if (result) return round(result.total_price);
  }
  const { price } = deployment;
  const cachedPrice = price.cachedInput ?? price.input;
  // Config prices have no cache-write rate: those tokens are billed at the input price.
  const uncached = Math.max(0, usage.input - usage.cached);
  return round(
    (uncached * price.input + usage.cached * cachedPrice + usage.output * price.output) / 1_000_000,
  );
}
