import type { Catalog } from "../catalog/catalog.js";
import type { EmbeddingCatalog } from "../catalog/embedding-catalog.js";
import { type Caller, isModelAllowed } from "../http/auth.js";

interface ModelEntry {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
}

/**
 * GET /v1/models: `auto`, every catalog model with an enabled provider, and each `provider/model`
 * pin, then the embedding models the same way, filtered by the caller's allowed models. Built once: the catalog does not change at run time.
 */
export function createModelList(catalog: Catalog, embeddings?: EmbeddingCatalog): (caller: Caller) => string {
  const entries: ModelEntry[] = [];
  const entry = (id: string, ownedBy: string): ModelEntry => ({
    id,
    object: "model",
    created: 0,
    owned_by: ownedBy,
  });
  for (const model of catalog.models) {
    const deployments = catalog.enabledDeployments(model);
    if (deployments.length === 0) continue;
    entries.push(entry(model.id, model.vendor));
    for (const deployment of deployments) entries.push(entry(deployment.id, deployment.provider));
  }
  if (entries.length > 0) entries.unshift(entry("auto", "modelmux"));
  // Embedding models too (for /v1/embeddings), the same way: the model and each provider pin.
  for (const model of embeddings?.models ?? []) {
    const deployments = model.deployments.filter((deployment) => embeddings?.isEnabled(deployment));
    if (deployments.length === 0) continue;
    entries.push(entry(model.id, model.vendor));
    for (const deployment of deployments) entries.push(entry(deployment.id, deployment.provider));
  }
  const everything = JSON.stringify({ object: "list", data: entries });
  return (caller) => {
    if (caller.allowedModels.includes("*")) return everything;
    const allowed = entries.filter((model) => isModelAllowed(caller.allowedModels, model.id));
    return JSON.stringify({ object: "list", data: allowed });
  };
}
