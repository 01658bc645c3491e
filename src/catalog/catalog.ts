import { closest, distance } from "fastest-levenshtein";
import { resolveHeaders, resolveSecret } from "../config/load-config.js";
import type { Config, ProviderModelConfig } from "../config/schema.js";
import { ModelmuxError } from "../errors.js";
import { BUILTIN_PROVIDERS } from "../providers/registry.js";
import type { ProviderSpec } from "../providers/types.js";
import { clip } from "../validation/clip.js";
import { CURATED_MODELS, type CuratedModel } from "./model-list.js";
import { costOf, lookupContextWindow, lookupUnitPrice } from "./price-lookup.js";
import { SAMPLING_MODEL, SAMPLING_PROVIDER } from "./sampling-model.js";
import type { Deployment, ModelInfo, Usage } from "./types.js";

/** Names longer than any real model id get no "did you mean": it would cost seconds. */
const MAX_SUGGESTED_NAME = 100;

/** A provider with what this process knows about it: enabled or not, and its key (never shown). */
export interface ResolvedProvider extends ProviderSpec {
  enabled: boolean;
  apiKey: string | undefined;
  headers: Record<string, string>;
}

export interface ModelRef {
  model: ModelInfo;
  /** Set when the reference pinned one provider (`groq/llama-3.3-70b`). */
  pinnedProvider?: string;
}

export interface Catalog {
  readonly models: readonly ModelInfo[];
  readonly providers: readonly ResolvedProvider[];
  /** Problems found while building (a model the price data does not know); shown in logs. */
  readonly warnings: readonly string[];
  getModel(id: string): ModelInfo | undefined;
  getProvider(id: string): ResolvedProvider | undefined;
  /** Resolves `model` or `provider/model`; throws UNKNOWN_MODEL with the closest names. */
  resolve(reference: string): ModelRef;
  suggest(name: string, count?: number): string[];
  cost(deployment: Deployment, usage: Usage): number;
  enabledDeployments(model: ModelInfo): Deployment[];
}

function resolveProviders(
  config: Config,
  env: NodeJS.ProcessEnv,
  forceEnabled: readonly string[],
): ResolvedProvider[] {
  const specs = new Map<string, ProviderSpec>(BUILTIN_PROVIDERS.map((spec) => [spec.id, spec]));
  for (const [id, entry] of Object.entries(config.providers)) {
    if (specs.has(id)) continue;
    if (!entry.baseURL) {
      throw new ModelmuxError(
        "INVALID_CONFIG",
        `providers.${id}.baseURL: required for a custom provider (not one of ${[...specs.keys()].join(", ")})`,
      );
    }
    specs.set(id, { id, name: id, baseURL: entry.baseURL, keyEnv: null, pricesId: null, local: true });
  }
  if (config.sampling.enabled) specs.set(SAMPLING_PROVIDER.id, SAMPLING_PROVIDER);
  return [...specs.values()].map((spec) => {
    const entry = config.providers[spec.id];
    const apiKey =
      resolveSecret(entry?.apiKey, env) ?? (spec.keyEnv ? env[spec.keyEnv] || undefined : undefined);
    const configured = entry !== undefined && (spec.local || apiKey !== undefined);
    const enabled =
      spec.id === SAMPLING_PROVIDER.id ||
      forceEnabled.includes(spec.id) ||
      (entry?.enabled ?? (configured || (!spec.local && apiKey !== undefined)));
    return {
      ...spec,
      baseURL: entry?.baseURL ?? spec.baseURL,
      enabled,
      apiKey,
      headers: resolveHeaders(entry?.headers, env),
    };
  });
}

function curatedToInfo(curated: CuratedModel): ModelInfo {
  const { servedBy: _servedBy, ...info } = curated;
  return { ...info, capabilities: [...info.capabilities], tasks: [...info.tasks], deployments: [] };
}

function priceDeployment(
  model: ModelInfo,
  provider: ResolvedProvider,
  providerModelId: string,
  override: ProviderModelConfig | undefined,
  warnings: string[],
): Deployment | null {
  const id = `${provider.id}/${model.id}`;
  if (override?.price) {
    return {
      id,
      model: model.id,
      provider: provider.id,
      providerModelId,
      price: override.price,
      priceSource: "config",
    };
  }
  const price = provider.pricesId ? lookupUnitPrice(providerModelId, provider.pricesId) : null;
  if (price)
    return {
      id,
      model: model.id,
      provider: provider.id,
      providerModelId,
      price,
      priceSource: "genai-prices",
    };
  if (provider.local) {
    // Self-hosted models cost nothing per token unless the config says otherwise.
    return {
      id,
      model: model.id,
      provider: provider.id,
      providerModelId,
      price: { input: 0, output: 0 },
      priceSource: "config",
    };
  }
  warnings.push(
    `no price for ${providerModelId} on ${provider.id}: deployment ${id} left out (set providers.${provider.id}.models.${model.id}.price)`,
  );
  return null;
}

function applyOverride(model: ModelInfo, override: ProviderModelConfig): void {
  if (override.contextWindow) model.contextWindow = override.contextWindow;
  if (override.maxOutput) model.maxOutput = override.maxOutput;
  if (override.tier) model.tier = override.tier;
  if (override.capabilities) model.capabilities = [...override.capabilities];
  if (override.tasks) model.tasks = [...override.tasks];
}

function customModel(id: string, override: ProviderModelConfig): ModelInfo {
  return {
    id,
    name: id,
    vendor: "custom",
    tier: override.tier ?? "medium",
    capabilities: override.capabilities ?? [],
    contextWindow: override.contextWindow ?? 8192,
    maxOutput: override.maxOutput ?? 4096,
    tasks: override.tasks ?? ["classification", "extraction", "summarization", "chat", "code", "reasoning"],
    encoding: null,
    deployments: [],
  };
}

/**
 * Builds the model catalog: curated models priced by genai-prices, plus config additions and
 * overrides. Providers (and so every config error) resolve at once; the models are priced on
 * first use, which keeps genai-prices and ~240 price lookups off the server's start-up path.
 * `onBuild` hears when that happens, with the warnings (models the price data does not know).
 */
export function createCatalog(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
  options: { forceEnabled?: readonly string[]; onBuild?: (warnings: readonly string[]) => void } = {},
): Catalog {
  const providers = resolveProviders(config, env, options.forceEnabled ?? []);
  const providerById = new Map(providers.map((provider) => [provider.id, provider]));
  let built: ReturnType<typeof buildModels> | undefined;
  const models = () => {
    if (!built) {
      built = buildModels(config, providerById);
      options.onBuild?.(built.warnings);
    }
    return built;
  };

  function suggest(name: string, count = 3): string[] {
    // Edit distance costs name × candidate length per candidate: 500,000 characters took 6.8 s.
    if (name.length > MAX_SUGGESTED_NAME) return [];
    const { names, deploymentIds } = models();
    const needle = name.toLowerCase();
    const candidates = [...names, ...deploymentIds];
    const contains = candidates.filter(
      (candidate) => candidate.includes(needle) || needle.includes(candidate),
    );
    const ranked = candidates
      .map((candidate) => ({ candidate, score: distance(needle, candidate) }))
      .sort((a, b) => a.score - b.score)
      .map((entry) => entry.candidate);
    const best = closest(needle, candidates);
    return [...new Set([...contains.slice(0, count), best, ...ranked])].slice(0, count);
  }

  function resolve(reference: string): ModelRef {
    const { byId } = models();
    const direct = byId.get(reference);
    if (direct) return { model: direct };
    const slash = reference.indexOf("/");
    if (slash > 0) {
      const providerId = reference.slice(0, slash);
      const model = byId.get(reference.slice(slash + 1));
      if (model && providerById.has(providerId)) {
        if (!model.deployments.some((deployment) => deployment.provider === providerId)) {
          const servers = model.deployments.map((deployment) => deployment.provider).join(", ");
          throw new ModelmuxError(
            "UNKNOWN_MODEL",
            `model "${model.id}" is not served by provider "${providerId}"; it is served by: ${servers}`,
            {
              model: model.id,
              provider: providerId,
            },
          );
        }
        return { model, pinnedProvider: providerId };
      }
    }
    const suggestions = suggest(reference);
    const hint = suggestions.length
      ? `did you mean ${suggestions.map((name) => `"${name}"`).join(", ")}? (list_models shows all)`
      : "list_models shows all";
    throw new ModelmuxError("UNKNOWN_MODEL", `unknown model "${clip(reference)}"; ${hint}`, {
      model: clip(reference),
      suggestions,
    });
  }

  return {
    get models() {
      return models().list;
    },
    providers,
    get warnings() {
      return models().warnings;
    },
    getModel: (id) => models().byId.get(id),
    getProvider: (id) => providerById.get(id),
    resolve,
    suggest,
    cost: (deployment, usage) =>
      costOf(deployment, providerById.get(deployment.provider)?.pricesId ?? null, usage),
    enabledDeployments: (model) =>
      model.deployments.filter((deployment) => providerById.get(deployment.provider)?.enabled),
  };
}

function buildModels(config: Config, providerById: ReadonlyMap<string, ResolvedProvider>) {
  const warnings: string[] = [];
  const models = new Map<string, ModelInfo>();

  for (const curated of CURATED_MODELS) {
    const model = curatedToInfo(curated);
    for (const [providerId, providerModelId] of Object.entries(curated.servedBy)) {
      const provider = providerById.get(providerId);
      if (!provider) continue;
      const deployment = priceDeployment(model, provider, providerModelId, undefined, warnings);
      if (deployment) model.deployments.push(deployment);
      if (provider.pricesId && model.contextWindow === 0)
        model.contextWindow = lookupContextWindow(providerModelId, provider.pricesId) ?? 0;
    }
    models.set(model.id, model);
  }

  for (const [providerId, entry] of Object.entries(config.providers)) {
    const provider = providerById.get(providerId);
    if (!provider) continue;
    for (const [modelId, override] of Object.entries(entry.models ?? {})) {
      const model = models.get(modelId) ?? customModel(modelId, override);
      applyOverride(model, override);
      models.set(modelId, model);
      const deployment = priceDeployment(model, provider, override.id ?? modelId, override, warnings);
      if (!deployment) continue;
      model.deployments = model.deployments.filter((existing) => existing.provider !== providerId);
      model.deployments.push(deployment);
    }
  }

  if (config.sampling.enabled)
    models.set(SAMPLING_MODEL.id, { ...SAMPLING_MODEL, deployments: [...SAMPLING_MODEL.deployments] });

  const list = [...models.values()];
  return {
    byId: models,
    list,
    warnings,
    names: list.map((model) => model.id),
    deploymentIds: list.flatMap((model) => model.deployments.map((deployment) => deployment.id)),
  };
}
