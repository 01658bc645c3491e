import type { Catalog, ResolvedProvider } from "../catalog/catalog.js";
import { ModelmuxError } from "../errors.js";
import type { ProviderAdapter } from "../providers/types.js";

// Adapters pull in the HTTP client and the openai SDK's error classes: load them on first use (or warm-up), not at start-up.
const loadAdapterModule = () => import("../providers/openai-compatible.js");
const loadAnthropicModule = () => import("../providers/anthropic/anthropic-adapter.js");

/** The output limit of the model a provider serves under `providerModelId` (Anthropic requires max_tokens). */
function maxOutputLookup(catalog: Catalog, providerId: string) {
  const known = new Map<string, number | undefined>();
  return (providerModelId: string) => {
    if (!known.has(providerModelId)) {
      const model = catalog.models.find((entry) =>
        entry.deployments.some(
          (deployment) =>
            deployment.provider === providerId && deployment.providerModelId === providerModelId,
        ),
      );
      known.set(providerModelId, model?.maxOutput);
    }
    return known.get(providerModelId);
  };
}

async function createAdapter(catalog: Catalog, provider: ResolvedProvider): Promise<ProviderAdapter> {
  const common = {
    provider: provider.id,
    baseURL: provider.baseURL,
    apiKey: provider.apiKey,
    defaultHeaders: provider.headers,
  };
  if (provider.api === "anthropic") {
    const { createAnthropicAdapter } = await loadAnthropicModule();
    return createAnthropicAdapter({ ...common, maxOutputOf: maxOutputLookup(catalog, provider.id) });
  }
  const { createOpenAICompatibleAdapter } = await loadAdapterModule();
  return createOpenAICompatibleAdapter({
    ...common,
    ...(provider.azureApiVersion && { azureApiVersion: provider.azureApiVersion }),
  });
}

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
      const adapter = adapters.get(providerId) ?? (await createAdapter(catalog, provider));
      adapters.set(providerId, adapter);
      return adapter;
    },
  };
}

export type AdapterPool = ReturnType<typeof createAdapterPool>;
