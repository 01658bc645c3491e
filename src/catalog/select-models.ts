import type { Catalog } from "./catalog.js";
import type { Capability, ModelInfo, Task, Tier } from "./types.js";

export interface ModelFilter {
  provider?: string;
  tier?: Tier;
  capabilities?: Capability[];
  task?: Task;
  maxInputPrice?: number;
  minContext?: number;
  enabledOnly?: boolean;
}

/** Models (with only their matching deployments) that pass every filter. */
export function selectModels(catalog: Catalog, filter: ModelFilter): ModelInfo[] {
  const result: ModelInfo[] = [];
  for (const model of catalog.models) {
    if (filter.tier && model.tier !== filter.tier) continue;
    if (filter.task && !model.tasks.includes(filter.task)) continue;
    if (filter.minContext && model.contextWindow < filter.minContext) continue;
    if (filter.capabilities?.some((capability) => !model.capabilities.includes(capability))) continue;
    const deployments = model.deployments.filter(
      (deployment) =>
        (!filter.provider || deployment.provider === filter.provider) &&
        (filter.maxInputPrice === undefined || deployment.price.input <= filter.maxInputPrice) &&
        (!filter.enabledOnly || catalog.getProvider(deployment.provider)?.enabled),
    );
    if (deployments.length === 0) continue;
    result.push(deployments.length === model.deployments.length ? model : { ...model, deployments });
  }
  return result;
}
