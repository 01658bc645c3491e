import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Provider } from "@pydantic/genai-prices";

type GenaiPrices = typeof import("@pydantic/genai-prices");

/** Where a quote's prices come from, shown next to every quote. */
export interface PriceDataInfo {
  source: string;
  version: string;
  /** Publication (bundled) or download (`modelmux prices update`) date, YYYY-MM-DD. */
  date: string;
}

export interface PriceData {
  providers: readonly Provider[];
  info: PriceDataInfo;
}

/** The price data bundled with the pinned library version. */
export const BUNDLED_PRICE_DATA: PriceDataInfo = {
  source: "@pydantic/genai-prices",
  version: "0.1.8",
  date: "2026-09-23",
};

/**
 * Provider ids in the bundled data of @pydantic/genai-prices 0.1.8. The library exports no
 * synchronous list of its providers (only `findProvider` by id), and the catalog is built
 * synchronously on first use, so the ids are listed here; a test checks them against the
 * library's own list, so a version bump that adds a provider fails loudly.
 */
export const BUNDLED_PROVIDER_IDS = [
  "anthropic",
  "arcee",
  "avian",
  "aws",
  "azure",
  "baseten",
  "cerebras",
  "cloudflare",
  "cohere",
  "cursor",
  "deepseek",
  "doubleword",
  "fireworks",
  "github-copilot",
  "google",
  "groq",
  "huggingface_cerebras",
  "huggingface_fireworks-ai",
  "huggingface_groq",
  "huggingface_hyperbolic",
  "huggingface_nebius",
  "huggingface_novita",
  "huggingface_nscale",
  "huggingface_ovhcloud",
  "huggingface_publicai",
  "huggingface_sambanova",
  "huggingface_together",
  "minimax",
  "mistral",
  "modal",
  "moonshotai",
  "novita",
  "openai",
  "openrouter",
  "ovhcloud",
  "perplexity",
  "quicksilverpro",
  "together",
  "typesafe",
  "voyageai",
  "x-ai",
  "zai",
  "zhipuai",
] as const;

/** Files `modelmux prices update` writes in the data dir. */
export const STORED_PRICES_FILE = "genai-prices-data.json";
export const STORED_PRICES_META = "genai-prices-data.meta.json";

/**
 * Loads the price data: the file `modelmux prices update` stored in the data dir when there is
 * a valid one, else the library's bundled data. ~100 ms, so the catalog calls it on first use.
 */
export function loadPriceData(dataDir?: string): PriceData {
  if (dataDir) {
    const stored = readStoredPriceData(dataDir);
    if (stored) return stored;
  }
  bundled ??= loadBundled();
  return bundled;
}

let bundled: PriceData | undefined;

/**
 * The build writes the library's data beside the bundle as JSON (scripts/build.mjs): parsing it
 * holds the event loop about a tenth as long as running the library's module (~60 ms), which is
 * what a run from source does.
 */
export const BUNDLED_PRICES_FILE = "genai-prices-bundled.json";

function loadBundled(): PriceData {
  const built = join(import.meta.dirname, BUNDLED_PRICES_FILE);
  const providers = existsSync(built)
    ? (JSON.parse(readFileSync(built, "utf8")) as Provider[])
    : fromLibrary();
  return { providers, info: { ...BUNDLED_PRICE_DATA } };
}

function fromLibrary(): Provider[] {
  const library = createRequire(import.meta.url)("@pydantic/genai-prices") as GenaiPrices;
  return BUNDLED_PROVIDER_IDS.flatMap((id) => library.findProvider({ providerId: id }) ?? []);
}

function readStoredPriceData(dataDir: string): PriceData | null {
  const file = join(dataDir, STORED_PRICES_FILE);
  if (!existsSync(file)) return null;
  try {
    const providers = parseProviderData(readFileSync(file, "utf8"));
    const meta = JSON.parse(
      readFileSync(join(dataDir, STORED_PRICES_META), "utf8"),
    ) as Partial<PriceDataInfo>;
    return {
      providers,
      info: {
        source: String(meta.source ?? file),
        version: String(meta.version ?? "data.json"),
        date: String(meta.date ?? "unknown"),
      },
    };
  } catch {
    // A damaged file must not take pricing down: the bundled data still answers.
    return null;
  }
}

/** Checks the shape of a genai-prices data file (a list of providers with models) and parses it. */
export function parseProviderData(text: string): Provider[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data) || data.length === 0)
    throw new Error("expected a non-empty JSON array of providers");
  for (const [index, provider] of data.entries()) {
    const candidate = provider as Partial<Provider> | null;
    if (
      typeof candidate !== "object" ||
      candidate === null ||
      typeof candidate.id !== "string" ||
      !Array.isArray(candidate.models)
    )
      throw new Error(`providers[${index}]: expected an object with a string id and a models array`);
    for (const [modelIndex, model] of candidate.models.entries()) {
      if (typeof model?.id !== "string" || typeof model.match !== "object" || model.prices === undefined)
        throw new Error(`providers[${index}].models[${modelIndex}]: expected id, match and prices`);
    }
  }
  return data as Provider[];
}
