import type { MatchLogic, ModelInfo as PricedModelData, Provider } from "@pydantic/genai-prices";
import { familyOfModel } from "./family-of-model.js";
import { equalsOf } from "./match-rule.js";
import { modelKey, vendorOfName } from "./model-names.js";
import { type PriceSheet, quoteSheet } from "./price-sheet.js";
import type { Steps } from "./stepwise.js";
import type { CatalogEntry, Deployment, PricedModel } from "./types.js";

/** Price-data models handled between two yields of the build (under a millisecond warm, a few cold). */
const MODELS_PER_STEP = 10;

/** Price-data providers that train the models they sell: their ids are the canonical names. */
const FIRST_PARTY: Record<string, string> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "google",
  mistral: "mistral",
  deepseek: "deepseek",
  "x-ai": "xai",
  moonshotai: "moonshot",
  zai: "zhipu",
  zhipuai: "zhipu",
  cohere: "cohere",
  minimax: "minimax",
  perplexity: "perplexity",
};

/** A name rule of the price data and the entry it leads to, first-party providers first. */
export interface NameRule {
  match: MatchLogic;
  entry: CatalogEntry;
}

export interface PricedCatalog {
  models: PricedModel[];
  rules: NameRule[];
}

function isChatModel(model: PricedModelData): boolean {
  const lists = Array.isArray(model.prices) ? model.prices.map((entry) => entry.prices) : [model.prices];
  return lists.some((prices) => prices.output_mtok !== undefined && prices.input_mtok !== undefined);
}

function bareId(id: string): string {
  return id
    .slice(id.lastIndexOf("/") + 1)
    .replace(/^~/, "")
    .toLowerCase();
}

/**
 * Every chat model the price data prices, one entry per model key (see modelKey), each with
 * one priced offer per provider. Keys that a routable model already holds are left to it.
 * OpenRouter's `:free` variants are left out: rate-limited copies of entries that are here.
 * Built in steps (see stepwise.ts).
 */
export function* buildPricedModels(
  providers: readonly Provider[],
  options: {
    /** Routable entries by key: their names resolve there, not to a priced-only copy. */
    routableByKey: ReadonlyMap<string, CatalogEntry>;
    /** Price-data provider id → modelmux provider id, where they differ or exist. */
    providerIdOf: (pricesId: string) => string;
    /** Names a routable model claims; a priced-only entry never takes one as its id. */
    claimedNames: ReadonlySet<string>;
    now: Date;
  },
): Steps<PricedCatalog> {
  const ordered = [
    ...providers.filter((provider) => provider.id in FIRST_PARTY),
    ...providers.filter((provider) => !(provider.id in FIRST_PARTY)),
  ];
  const byKey = new Map<string, PricedModel>();
  const byAlias = new Map<string, PricedModel>();
  const ids = new Set<string>(options.claimedNames);
  const rules: NameRule[] = [];
  let handled = 0;
  for (const provider of ordered) {
    const providerId = options.providerIdOf(provider.id);
    for (const data of provider.models) {
      if (++handled % MODELS_PER_STEP === 0) yield;
      if (data.id.includes(":free") || !isChatModel(data)) continue;
      let key = modelKey(data.id);
      const routable = options.routableByKey.get(key);
      if (routable) {
        rules.push({ match: data.match, entry: routable });
        continue;
      }
      // A host's name the vendor's own rules state (`anthropic/claude-sonnet-4` → claude-sonnet-4-0).
      let entry = byKey.get(key) ?? byAlias.get(key);
      // Two models of one provider with one key (rare): the second keeps its own entry.
      if (entry?.deployments.some((deployment) => deployment.provider === providerId)) {
        key = data.id.toLowerCase();
        entry = byKey.get(key);
      }
      if (!entry) {
        entry = newEntry(data, provider.id, ids);
        byKey.set(key, entry);
      }
      addOffer(entry, data, providerId, options.now);
      if (provider.id in FIRST_PARTY)
        for (const alias of equalsOf(data.match))
          if (!byAlias.has(modelKey(alias))) byAlias.set(modelKey(alias), entry);
      rules.push({ match: data.match, entry });
    }
  }
  return { models: [...byKey.values()], rules };
}

function newEntry(data: PricedModelData, pricesProvider: string, ids: Set<string>): PricedModel {
  const aliases = [...equalsOf(data.match)];
  // An id a routable model already claims (`mistral-large` → Large 3) goes to a stated snapshot name.
  const bare = bareId(data.id);
  let id = bare;
  if (ids.has(id))
    id = aliases.find((alias) => !ids.has(alias) && !alias.includes("/")) ?? `${bare}-${pricesProvider}`;
  for (let suffix = 2; ids.has(id); suffix++) id = `${bare}-${pricesProvider}-${suffix}`;
  ids.add(id);
  return {
    kind: "priced",
    id,
    name: data.name ?? data.id,
    vendor: FIRST_PARTY[pricesProvider] ?? vendorOfName(data.id) ?? "unknown",
    tier: null,
    capabilities: null,
    tasks: null,
    contextWindow: data.context_window ?? null,
    maxOutput: null,
    encoding: familyOfModel(data.id),
    deprecated: data.deprecated === true,
    aliases: [],
    deployments: [],
  };
}

function addOffer(entry: PricedModel, data: PricedModelData, providerId: string, now: Date): void {
  const sheet = data.prices as PriceSheet;
  const deployment: Deployment = {
    id: `${providerId}/${entry.id}`,
    model: entry.id,
    provider: providerId,
    providerModelId: data.id,
    price: quoteSheet(sheet, now, 0),
    priceSource: "genai-prices",
    sheet,
  };
  entry.deployments.push(deployment);
  entry.aliases = [...new Set([...entry.aliases, data.id.toLowerCase(), ...equalsOf(data.match)])];
  entry.contextWindow ??= data.context_window ?? null;
}
