import type { Catalog } from "./catalog.js";
import type { Capability, CatalogEntry, Task, Tier } from "./types.js";

export type EntryKind = "routable" | "priced" | "all";

export interface ModelFilter {
  /** Which entries: routable ones (default), priced-only ones, or all. */
  kind?: EntryKind;
  provider?: string;
  tier?: Tier;
  capabilities?: Capability[];
  task?: Task;
  /** USD per 1M input tokens, at the price in force now. */
  maxInputPrice?: number;
  minContext?: number;
  enabledOnly?: boolean;
}

/**
 * Entries (with only their matching deployments) that pass every filter. A filter on tier,
 * capabilities or task leaves out priced-only entries: theirs are unknown, not absent.
 */
export function selectModels(catalog: Catalog, filter: ModelFilter): CatalogEntry[] {
  const kind = filter.kind ?? "routable";
  const source = kind === "routable" ? catalog.models : catalog.entries;
  const now = new Date();
  const result: CatalogEntry[] = [];
  for (const model of source) {
    const entryKind = model.kind ?? "routable";
    if (kind !== "all" && entryKind !== kind) continue;
    if (filter.tier && model.tier !== filter.tier) continue;
    if (filter.task && !model.tasks?.includes(filter.task)) continue;
    if (filter.minContext && (model.contextWindow ?? 0) < filter.minContext) continue;
    if (filter.capabilities?.some((capability) => !model.capabilities?.includes(capability))) continue;
    const deployments = model.deployments.filter(
      (deployment) =>
        (!filter.provider || deployment.provider === filter.provider) &&
        (filter.maxInputPrice === undefined ||
          catalog.quote(deployment, { at: now }).price.input <= filter.maxInputPrice) &&
        (!filter.enabledOnly || catalog.getProvider(deployment.provider)?.enabled),
    );
    if (deployments.length === 0) continue;
    result.push(deployments.length === model.deployments.length ? model : { ...model, deployments });
  }
  return result;
}
