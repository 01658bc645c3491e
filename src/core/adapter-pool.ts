import type { Catalog } from "../catalog/catalog.js";
import { ModelmuxError } from "../errors.js";
import type { ProviderAdapter } from "../providers/types.js";

// Adapters pull in the HTTP client and the openai SDK's error classes: load them on first use (or warm-up), not at start-up.
const loadAdapterModule = () => import("../providers/openai-compatible.js");

/** One adapter (one connection pool) per provider, created on first use. */
export function createAdapterPool(catalog: Catalog) {
  const adapters = new Map<string, ProviderAdapter>();
  return {
    /** Loads the SDK ahead of the first call, off the start-up path. */
    warmUp(): Promise<unknown> {
      return loadAdapterModule();
    },
    async get(providerId: string): Promise<ProviderAdapter> {
      const existing = adapters.get(providerId);
      if (existing) return existing;
      const provider = catalog.getProvider(providerId);
      if (!provider?.enabled)
        throw new ModelmuxError("NO_PROVIDER", `provider "${providerId}" is not enabled`);
      const { createOpenAICompatibleAdapter } = await loadAdapterModule();
      const adapter =
        adapters.get(providerId) ??
        createOpenAICompatibleAdapter({
          provider: provider.id,
          baseURL: provider.baseURL,
          apiKey: provider.apiKey,
          defaultHeaders: provider.headers,
        });
      adapters.set(providerId, adapter);
      return adapter;
    },
  };
}

export type AdapterPool = ReturnType<typeof createAdapterPool>;
