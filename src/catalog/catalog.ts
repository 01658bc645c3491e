import type { Provider } from "@pydantic/genai-prices";
import { distance } from "fastest-levenshtein";
import { resolveHeaders, resolveSecret } from "../config/load-config.js";
import type { Config, ProviderModelConfig } from "../config/schema.js";
import { ModelmuxError } from "../errors.js";
import { type AzureDeploymentsConfig, azureEndpoint } from "../providers/azure-deployments.js";
import { BUILTIN_PROVIDERS } from "../providers/registry.js";
import type { ProviderSpec } from "../providers/types.js";
import { clip } from "../validation/clip.js";
import { costOf, type DeploymentQuote, type PriceQuery, quoteDeployment } from "./deployment-price.js";
import { findPricedModel } from "./match-rule.js";
import { CURATED_MODELS, type CuratedModel, type Serving } from "./model-list.js";
import { modelKey } from "./model-names.js";
import { createNameIndex } from "./name-index.js";
import { loadPriceData, type PriceData, type PriceDataInfo } from "./price-data.js";
import { type PriceSheet, quoteSheet } from "./price-sheet.js";
import { buildPricedModels } from "./priced-models.js";
import { SAMPLING_MODEL, SAMPLING_PROVIDER } from "./sampling-model.js";
import { createStepwise, type Steps } from "./stepwise.js";
import type { CatalogEntry, Deployment, ModelInfo, Usage } from "./types.js";

/** Names longer than any real model id get no "did you mean": it would cost seconds. */
const MAX_SUGGESTED_NAME = 100;

/** A provider with what this process knows about it: enabled or not, and its key (never shown). */
export interface ResolvedProvider extends ProviderSpec {
  enabled: boolean;
  apiKey: string | undefined;
  headers: Record<string, string>;
  /** Set for Azure's deployment-style API (`providers.<id>.azure`): the `api-version` every call names. */
  azureApiVersion?: string;
}

export interface ModelRef {
  model: ModelInfo;
  /** Set when the reference pinned one provider (`groq/llama-3.3-70b`). */
  pinnedProvider?: string;
}

export interface EntryRef {
  entry: CatalogEntry;
  pinnedProvider?: string;
}

export interface Catalog {
  /** The routable models: curated or configured, with tier and capabilities. */
  readonly models: readonly ModelInfo[];
  /** Every priced model: the routable ones, then priced-only ones (built on first use). */
  readonly entries: readonly CatalogEntry[];
  /**
   * Resolves once every entry is built, building what is left in short turns that give the event
   * loop back (the whole catalog takes a few hundred ms): await it before a request needs
   * `entries` or a name outside the routable models, so that request does not stall others.
   * `routable`: only the routable models (curated and configured), which build first.
   */
  ready(scope?: "routable" | "all"): Promise<void>;
  /** True once `ready(scope)` would resolve at once: a request then need not wait a turn for it. */
  isReady(scope?: "routable" | "all"): boolean;
  readonly providers: readonly ResolvedProvider[];
  /** Problems found while building (a model the price data does not know); shown in logs. */
  readonly warnings: readonly string[];
  /** Source, version and date of the price data in use. */
  readonly priceData: PriceDataInfo;
  getModel(id: string): ModelInfo | undefined;
  getProvider(id: string): ResolvedProvider | undefined;
  /**
   * Resolves a name to a routable model (`model` or `provider/model`); UNKNOWN_MODEL with the
   * closest names, or NO_PROVIDER for a priced-only model, saying how to make it routable.
   */
  resolve(reference: string): ModelRef;
  /** Resolves a name to any entry, routable or priced-only; throws UNKNOWN_MODEL. */
  lookup(reference: string): EntryRef;
  suggest(name: string, count?: number): string[];
  /** The one price function: deployment D at time T for N input tokens (default now, N = 0). */
  quote(deployment: Deployment, query?: PriceQuery): DeploymentQuote;
  /** USD of one call, unrounded, priced at `at` (default now). */
  cost(deployment: Deployment, usage: Usage, at?: Date): number;
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
    if (!entry.baseURL && !entry.azure) {
      throw new ModelmuxError(
        "INVALID_CONFIG",
        `providers.${id}.baseURL: required for a custom provider (not one of ${[...specs.keys()].join(", ")})`,
      );
    }
    const baseURL = entry.baseURL ?? azureEndpoint(entry.azure as AzureDeploymentsConfig);
    specs.set(id, { id, name: id, baseURL, keyEnv: null, pricesId: null, local: !entry.azure });
  }
  if (config.sampling.enabled) specs.set(SAMPLING_PROVIDER.id, SAMPLING_PROVIDER);
  return [...specs.values()].map((spec) => {
    const entry = config.providers[spec.id];
    if (entry?.baseURL && entry.azure)
      throw new ModelmuxError(
        "INVALID_CONFIG",
        `providers.${spec.id}: give baseURL (an OpenAI-compatible URL, Azure's v1 API included) or azure (deployment-style URLs), not both`,
      );
    const apiKey =
      resolveSecret(entry?.apiKey, env) ?? (spec.keyEnv ? env[spec.keyEnv] || undefined : undefined);
    const configured = entry !== undefined && (spec.local || apiKey !== undefined);
    // A per-account URL (Azure's resource) has no usable default: without one the provider stays off.
    const accountURL =
      entry?.baseURL ??
      (entry?.azure && azureEndpoint(entry.azure)) ??
      (spec.baseURLEnv ? env[spec.baseURLEnv] || undefined : undefined);
    const reachable = !spec.baseURLEnv || accountURL !== undefined;
    const enabled =
      spec.id === SAMPLING_PROVIDER.id ||
      forceEnabled.includes(spec.id) ||
      (reachable && (entry?.enabled ?? (configured || (!spec.local && apiKey !== undefined))));
    return {
      ...spec,
      baseURL: accountURL ?? spec.baseURL,
      api: entry?.api ?? spec.api ?? "openai",
      enabled,
      apiKey,
      headers: resolveHeaders(entry?.headers, env),
      ...(entry?.azure && { azureApiVersion: entry.azure.apiVersion }),
    };
  });
}

function curatedToInfo(curated: CuratedModel): ModelInfo {
  const { servedBy: _servedBy, ...info } = curated;
  return { ...info, capabilities: [...info.capabilities], tasks: [...info.tasks], deployments: [] };
}

interface BuildContext {
  priceData: readonly Provider[];
  providerById: ReadonlyMap<string, ResolvedProvider>;
  now: Date;
  warnings: string[];
}

function priceDeployment(
  model: ModelInfo,
  provider: ResolvedProvider,
  serving: Serving,
  override: ProviderModelConfig | undefined,
  context: BuildContext,
): Deployment | null {
  const how = typeof serving === "string" ? { id: serving } : serving;
  const providerModelId = how.id;
  const base = { id: `${provider.id}/${model.id}`, model: model.id, provider: provider.id, providerModelId };
  if (override?.price) return { ...base, price: override.price, priceSource: "config" };
  const pricesProvider = how.priceFrom?.provider ?? provider.pricesId;
  const pricesModel = how.priceFrom?.id ?? how.priceId ?? providerModelId;
  const data = pricesProvider ? findPricedModel(context.priceData, pricesProvider, pricesModel) : undefined;
  if (data) {
    const sheet = data.prices as PriceSheet;
    if (model.contextWindow === 0) model.contextWindow = data.context_window ?? 0;
    if (data.deprecated) model.deprecated = true;
    return { ...base, price: quoteSheet(sheet, context.now, 0), priceSource: "genai-prices", sheet };
  }
  if (how.price) {
    const { source, ...price } = how.price;
    return { ...base, price, priceSource: "curated", priceUrl: source };
  }
  // Self-hosted models cost nothing per token unless the config says otherwise.
  if (provider.local) return { ...base, price: { input: 0, output: 0 }, priceSource: "config" };
  context.warnings.push(
    `no price for ${providerModelId} on ${provider.id}: deployment ${base.id} left out (set providers.${provider.id}.models.${model.id}.price)`,
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

function priceOnlyError(entry: CatalogEntry): ModelmuxError {
  const offers = entry.deployments
    .slice(0, 5)
    .map((deployment) => `${deployment.provider} ("${deployment.providerModelId}")`);
  const example = entry.deployments[0];
  return new ModelmuxError(
    "NO_PROVIDER",
    `model "${entry.id}" is priced only: modelmux knows its price (${offers.join(", ")}) but routes only curated or configured models, ` +
      `so no enabled provider serves it. Add it in the config under the provider you have a key for, e.g. ` +
      `providers.${example?.provider ?? "<provider>"}.models["${entry.id}"] = { "id": "${example?.providerModelId ?? entry.id}", "tier": "medium" } ` +
      `(a provider outside the built-in list also needs baseURL and apiKey)`,
    {
      model: entry.id,
      kind: "priced",
      providers: entry.deployments.map((deployment) => deployment.provider),
    },
  );
}

/**
 * Builds the model catalog: curated models priced from the price data, config additions and
 * overrides, and (on first need) every other chat model the price data prices. Providers (and
 * so every config error) resolve at once; the price data loads on first use, which keeps it
 * (~100 ms) off the server's start-up path. `onBuild` hears when that happens, with the
 * warnings (models the price data does not know).
 */
export function createCatalog(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
  options: {
    forceEnabled?: readonly string[];
    onBuild?: (warnings: readonly string[]) => void;
    /** Where `modelmux prices update` stores fresher price data. */
    dataDir?: string;
  } = {},
): Catalog {
  const providers = resolveProviders(config, env, options.forceEnabled ?? []);
  const providerById = new Map(providers.map((provider) => [provider.id, provider]));
  const providerIdByPricesId = new Map(
    providers.flatMap((provider) => (provider.pricesId ? [[provider.pricesId, provider.id] as const] : [])),
  );
  // Both layers build in steps: at once for a caller that needs them now, or in short turns
  // (ready(), the warm-up) that never hold the event loop for long.
  const built = createStepwise(() => buildModels(config, providerById, options.dataDir, options.onBuild));
  const models = () => built.get();
  const everything = createStepwise(function* () {
    const { list, priceData } = yield* built.steps();
    const routableByKey = new Map<string, CatalogEntry>();
    const claimed = new Set<string>();
    for (const model of list) {
      // Aliases are claimed as names only: the price data's older `mistral-large` stays its own entry.
      for (const name of model.aliases ?? []) claimed.add(name.toLowerCase());
      for (const name of [model.id, ...model.deployments.map((deployment) => deployment.providerModelId)]) {
        if (!routableByKey.has(modelKey(name))) routableByKey.set(modelKey(name), model);
        claimed.add(name.toLowerCase());
      }
    }
    yield;
    const priced = yield* buildPricedModels(priceData.providers, {
      routableByKey,
      claimedNames: claimed,
      providerIdOf: (pricesId) => providerIdByPricesId.get(pricesId) ?? pricesId,
      now: new Date(),
    });
    const entries: CatalogEntry[] = [...list, ...priced.models];
    return { entries, names: yield* createNameIndex(entries, priced.rules) };
  });
  const all = () => everything.get();

  function suggest(name: string, count = 3): string[] {
    // Edit distance costs name × candidate length per candidate: 500,000 characters took 6.8 s.
    if (name.length > MAX_SUGGESTED_NAME) return [];
    // `lab/m2`: the closest models that provider serves, as `provider/model`.
    const slash = name.indexOf("/");
    const pinned =
      slash > 0
        ? (providerById.get(name.slice(0, slash))?.id ?? providerIdByPricesId.get(name.slice(0, slash)))
        : undefined;
    if (pinned) {
      const wanted = modelKey(name.slice(slash + 1));
      const served = all()
        .entries.filter((entry) => entry.deployments.some((deployment) => deployment.provider === pinned))
        .map((entry) => ({ id: `${pinned}/${entry.id}`, distance: distance(wanted, modelKey(entry.id)) }))
        .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id));
      if (served.length > 0) return served.slice(0, count).map((entry) => entry.id);
    }
    return all().names.suggest(name, count);
  }

  function unknown(reference: string): ModelmuxError {
    const suggestions = suggest(reference);
    const hint = suggestions.length
      ? `did you mean ${suggestions.map((name) => `"${name}"`).join(", ")}? (list_models shows all)`
      : "list_models shows all";
    return new ModelmuxError("UNKNOWN_MODEL", `unknown model "${clip(reference)}"; ${hint}`, {
      model: clip(reference),
      suggestions,
    });
  }

  function lookup(reference: string): EntryRef {
    const direct = models().byId.get(reference);
    if (direct) return { entry: direct };
    const slash = reference.indexOf("/");
    const providerId = slash > 0 ? reference.slice(0, slash) : "";
    const pinned = providerById.get(providerId)?.id ?? providerIdByPricesId.get(providerId);
    if (pinned) {
      const entry = all().names.find(reference.slice(slash + 1));
      if (entry?.deployments.some((deployment) => deployment.provider === pinned))
        return { entry, pinnedProvider: pinned };
      // `openai/gpt-oss-120b` is also a host's name for the model itself.
      const whole = all().names.findExact(reference);
      if (whole) return { entry: whole };
      if (entry) {
        const servers = entry.deployments.map((deployment) => deployment.provider).join(", ");
        throw new ModelmuxError(
          "UNKNOWN_MODEL",
          `model "${entry.id}" is not served by provider "${pinned}"; it is served by: ${servers}`,
          { model: entry.id, provider: pinned },
        );
      }
    }
    const entry = all().names.find(reference);
    if (entry) return { entry };
    throw unknown(reference);
  }

  function resolve(reference: string): ModelRef {
    const { entry, pinnedProvider } = lookup(reference);
    if (entry.kind === "priced") throw priceOnlyError(entry);
    return pinnedProvider ? { model: entry, pinnedProvider } : { model: entry };
  }

  return {
    get models() {
      return models().list;
    },
    get entries() {
      return all().entries;
    },
    ready: (scope = "all") => (scope === "routable" ? built : everything).ready().then(() => undefined),
    isReady: (scope = "all") => (scope === "routable" ? built : everything).done,
    providers,
    get warnings() {
      return models().warnings;
    },
    get priceData() {
      return models().priceData.info;
    },
    getModel: (id) => models().byId.get(id),
    getProvider: (id) => providerById.get(id),
    resolve,
    lookup,
    suggest,
    quote: quoteDeployment,
    cost: (deployment, usage, at) => costOf(deployment, usage, at),
    enabledDeployments: (model) =>
      model.deployments.filter((deployment) => providerById.get(deployment.provider)?.enabled),
  };
}

function* buildModels(
  config: Config,
  providerById: ReadonlyMap<string, ResolvedProvider>,
  dataDir: string | undefined,
  onBuild: ((warnings: readonly string[]) => void) | undefined,
): Steps<BuiltModels> {
  const priceData = loadPriceData(dataDir);
  yield;
  const context: BuildContext = {
    priceData: priceData.providers,
    providerById,
    now: new Date(),
    warnings: [],
  };
  const models = new Map<string, ModelInfo>();

  for (const curated of CURATED_MODELS) {
    const model = curatedToInfo(curated);
    for (const [providerId, serving] of Object.entries(curated.servedBy)) {
      const provider = providerById.get(providerId);
      if (!provider) continue;
      const deployment = priceDeployment(model, provider, serving, undefined, context);
      if (deployment) model.deployments.push(deployment);
    }
    models.set(model.id, model);
    yield;
  }

  for (const [providerId, entry] of Object.entries(config.providers)) {
    const provider = providerById.get(providerId);
    if (!provider) continue;
    for (const [modelId, override] of Object.entries(entry.models ?? {})) {
      const model = models.get(modelId) ?? customModel(modelId, override);
      applyOverride(model, override);
      models.set(modelId, model);
      // An Azure deployment's name is the caller's own: its price is the model's at Azure.
      const previous = model.deployments.find((existing) => existing.provider === providerId);
      const serving: Serving =
        override.id && provider.azureApiVersion
          ? { id: override.id, priceId: previous?.providerModelId ?? modelId }
          : (override.id ?? modelId);
      const deployment = priceDeployment(model, provider, serving, override, context);
      if (!deployment) continue;
      model.deployments = model.deployments.filter((existing) => existing.provider !== providerId);
      model.deployments.push(deployment);
    }
  }

  if (config.sampling.enabled)
    models.set(SAMPLING_MODEL.id, { ...SAMPLING_MODEL, deployments: [...SAMPLING_MODEL.deployments] });

  onBuild?.(context.warnings);
  return { byId: models, list: [...models.values()], warnings: context.warnings, priceData };
}

interface BuiltModels {
  byId: Map<string, ModelInfo>;
  list: ModelInfo[];
  warnings: string[];
  priceData: PriceData;
}
