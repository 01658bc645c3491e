import type { Catalog } from "../catalog/catalog.js";
import { ModelmuxError } from "../errors.js";
import { createOpenAICompatibleAdapter } from "../providers/openai-compatible.js";
import type { ProviderAdapter } from "../providers/types.js";

/** One adapter (one SDK client, one connection pool) per provider, created on first use. */
export function createAdapterPool(catalog: Catalog) {
  const adapters = new Map<string, ProviderAdapter>();
  return {
    get(providerId: string): ProviderAdapter {
      let adapter = adapters.get(providerId);
      if (!adapter) {
        const provider = catalog.getProvider(providerId);
        if (!provider?.enabled)
          throw new ModelmuxError("NO_PROVIDER", `provider "${providerId}" is not enabled`);
        adapter = createOpenAICompatibleAdapter({
          provider: provider.id,
          baseURL: provider.baseURL,
          apiKey: provider.apiKey,
          defaultHeaders: provider.headers,
        });
        adapters.set(providerId, adapter);
      }
      return adapter;
    },
  };
}

export type AdapterPool = ReturnType<typeof createAdapterPool>;
