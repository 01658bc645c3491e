import { closest } from "fastest-levenshtein";
import type { Config, ProviderEmbeddingModelConfig } from "../config/schema.js";
import { ModelmuxError } from "../errors.js";
import { clip } from "../validation/clip.js";
import type { Catalog, ResolvedProvider } from "./catalog.js";
import { EMBEDDING_MODELS, type EmbeddingModelSpec, type EmbeddingServing } from "./embedding-models.js";
import { MAX_NAME_LENGTH } from "./model-names.js";
import { lookupUnitPrice } from "./price-lookup.js";
import type { Deployment } from "./types.js";

/** An embedding model served by one provider: priced per input token, with what `dimensions` it takes. */
export interface EmbeddingDeployment extends Deployment {
  /** `dimensions` values this deployment accepts; null when it does not take the parameter. */
  dimensionsRange: { min: number; max: number } | null;
  /** Where a curated price was read. */
  priceUrl?: string;
}

export interface EmbeddingModel {
  id: string;
  name: string;
  vendor: string;
  dimensions: number;
  maxInputTokens: number;
  cl100kTokens: boolean;
  deployments: EmbeddingDeployment[];
}

export interface EmbeddingCatalog {
  readonly models: readonly EmbeddingModel[];
  readonly warnings: readonly string[];
  get(id: string): EmbeddingModel | undefined;
  /** `model` or `provider/model`; throws UNKNOWN_MODEL with the closest embedding model names. */
  resolve(reference: string): { model: EmbeddingModel; pinnedProvider?: string };
  isEnabled(deployment: EmbeddingDeployment): boolean;
  /** USD for `tokens` input tokens (embeddings bill input only). */
  cost(deployment: EmbeddingDeployment, tokens: number): number;
}

function round(value: number): number {
  return Math.round(value * 1e12) / 1e12;
}

function priceOf(
  provider: ResolvedProvider,
  serving: EmbeddingServing,
  override: ProviderEmbeddingModelConfig | undefined,
): Pick<EmbeddingDeployment, "price" | "priceSource" | "priceUrl"> | null {
  if (override?.price) return { price: { input: override.price.input, output: 0 }, priceSource: "config" };
  const looked = provider.pricesId ? lookupUnitPrice(serving.id, provider.pricesId) : null;
  if (looked) return { price: { input: looked.input, output: 0 }, priceSource: "genai-prices" };
  if (serving.price)
    return {
      price: { input: serving.price.input, output: 0 },
      priceSource: "curated",
      priceUrl: serving.price.source,
    };
  // Self-hosted models cost nothing per token unless the config says otherwise.
  if (provider.local) return { price: { input: 0, output: 0 }, priceSource: "config" };
  return null;
}

function deploymentOf(
  model: EmbeddingModel,
  provider: ResolvedProvider,
  serving: EmbeddingServing,
  override: ProviderEmbeddingModelConfig | undefined,
  warnings: string[],
): EmbeddingDeployment | null {
  const priced = priceOf(provider, serving, override);
  const id = `${provider.id}/${model.id}`;
  if (!priced) {
    warnings.push(
      `no price for embedding model ${serving.id} on ${provider.id}: ${id} left out (set providers.${provider.id}.embeddingModels.${model.id}.price)`,
    );
    return null;
  }
  return {
    id,
    model: model.id,
    provider: provider.id,
    providerModelId: serving.id,
    dimensionsRange: serving.dimensions ?? null,
    ...priced,
  };
}

function fromSpec(spec: EmbeddingModelSpec): EmbeddingModel {
  const { servedBy: _servedBy, ...rest } = spec;
  return { ...rest, deployments: [] };
}

function build(config: Config, catalog: Catalog) {
  const warnings: string[] = [];
  const models = new Map<string, EmbeddingModel>();
  for (const spec of EMBEDDING_MODELS) {
    const model = fromSpec(spec);
    for (const [providerId, serving] of Object.entries(spec.servedBy)) {
      const provider = catalog.getProvider(providerId);
      if (!provider) continue;
      const override = config.providers[providerId]?.embeddingModels?.[spec.id];
      const deployment = deploymentOf(model, provider, serving, override, warnings);
      if (deployment) model.deployments.push(deployment);
    }
    models.set(model.id, model);
  }
  // Config adds models (local Ollama/vLLM ones) and overrides curated ones per provider.
  for (const [providerId, entry] of Object.entries(config.providers)) {
    const provider = catalog.getProvider(providerId);
    if (!provider) continue;
    for (const [modelId, override] of Object.entries(entry.embeddingModels ?? {})) {
      let model = models.get(modelId);
      if (!model) {
        if (override.dimensions === undefined)
          throw new ModelmuxError(
            "INVALID_CONFIG",
            `providers.${providerId}.embeddingModels.${modelId}.dimensions: required for a model modelmux does not know`,
          );
        model = {
          id: modelId,
          name: modelId,
          vendor: "custom",
          dimensions: override.dimensions,
          maxInputTokens: override.maxInputTokens ?? 8192,
          cl100kTokens: false,
          deployments: [],
        };
        models.set(modelId, model);
      }
      const curated = model.deployments.find((deployment) => deployment.provider === providerId);
      const serving: EmbeddingServing = {
        id: override.id ?? curated?.providerModelId ?? modelId,
        ...((override.dimensionsRange ?? curated?.dimensionsRange) && {
          dimensions: override.dimensionsRange ?? curated?.dimensionsRange ?? undefined,
        }),
      };
      const deployment = deploymentOf(model, provider, serving, override, warnings);
      if (!deployment) continue;
      if (curated?.priceSource === "curated" && !override.price) {
        deployment.price = curated.price;
        deployment.priceSource = "curated";
        if (curated.priceUrl) deployment.priceUrl = curated.priceUrl;
      }
      model.deployments = model.deployments.filter((existing) => existing.provider !== providerId);
      model.deployments.push(deployment);
    }
  }
  return { models, list: [...models.values()], warnings };
}

/**
 * The embedding models, apart from the chat catalog so chat routing (`auto`) never picks one.
 * Providers (keys, base URLs, enabled or not) are the chat catalog's; prices are looked up on
 * first use, like the chat catalog's.
 */
export function createEmbeddingCatalog(config: Config, catalog: Catalog): EmbeddingCatalog {
  let built: ReturnType<typeof build> | undefined;
  const models = () => {
    built ??= build(config, catalog);
    return built;
  };

  function unknown(reference: string): ModelmuxError {
    const names = models().list.map((model) => model.id);
    // A name longer than any model name has no near one, and an edit distance over it costs its length.
    const near =
      names.length > 0 && reference.length <= MAX_NAME_LENGTH
        ? closest(reference.toLowerCase(), names)
        : undefined;
    return new ModelmuxError(
      "UNKNOWN_MODEL",
      `unknown embedding model "${clip(reference)}"${near ? `; did you mean "${near}"?` : ""} (embedding models: ${names.join(", ")})`,
      { model: clip(reference), ...(near && { suggestions: [near] }) },
    );
  }

  return {
    get models() {
      return models().list;
    },
    get warnings() {
      return models().warnings;
    },
    get: (id) => models().models.get(id),
    resolve(reference) {
      const direct = models().models.get(reference);
      if (direct) return { model: direct };
      const slash = reference.indexOf("/");
      if (slash > 0) {
        const providerId = reference.slice(0, slash);
        const model = models().models.get(reference.slice(slash + 1));
        if (model && catalog.getProvider(providerId)) {
          if (!model.deployments.some((deployment) => deployment.provider === providerId)) {
            const servers = model.deployments.map((deployment) => deployment.provider).join(", ");
            throw new ModelmuxError(
              "UNKNOWN_MODEL",
              `embedding model "${model.id}" is not served by provider "${providerId}"; it is served by: ${servers}`,
              { model: model.id, provider: providerId },
            );
          }
          return { model, pinnedProvider: providerId };
        }
      }
      throw unknown(reference);
    },
    isEnabled: (deployment) => catalog.getProvider(deployment.provider)?.enabled ?? false,
    cost: (deployment, tokens) => round((tokens * deployment.price.input) / 1_000_000),
  };
}
