import type { Catalog } from "../catalog/catalog.js";
import type { EmbeddingCatalog, EmbeddingDeployment, EmbeddingModel } from "../catalog/embedding-catalog.js";
import { ModelmuxError } from "../errors.js";
import { assertModelAllowed, isModelAllowed } from "../http/auth.js";
import { noProviderError } from "../router/plan-route.js";

export interface EmbedRoute {
  model: EmbeddingModel;
  /** Enabled, allowed deployments that can honour the request's `dimensions`. */
  deployments: EmbeddingDeployment[];
  /** The `dimensions` to send upstream: absent when the caller asked for none or for the model's own size. */
  dimensions: number | undefined;
  /** Length every returned vector must have. */
  vectorLength: number;
}

function dimensionsError(
  model: EmbeddingModel,
  dimensions: number,
  deployments: EmbeddingDeployment[],
): ModelmuxError {
  const ranges = deployments
    .filter((deployment) => deployment.dimensionsRange)
    .map(
      (deployment) =>
        `${deployment.provider}: ${deployment.dimensionsRange?.min}–${deployment.dimensionsRange?.max}`,
    );
  const detail =
    ranges.length > 0
      ? `expected ${ranges.join("; ")}`
      : `no enabled provider of it takes the parameter; its vectors have ${model.dimensions} dimensions`;
  return new ModelmuxError(
    "INVALID_INPUT",
    `dimensions: ${dimensions} is not available for "${model.id}": ${detail}`,
    { param: "dimensions" },
  );
}

/**
 * Which deployments may serve an embeddings request: the model's (or the pinned provider's)
 * enabled deployments the caller's key may use, keeping only those that take the requested
 * `dimensions`. Nothing is dropped silently: a request no deployment can honour is refused.
 */
export function planEmbedRoute(
  catalog: Catalog,
  embeddings: EmbeddingCatalog,
  request: { model: string; dimensions?: number; caller: { key: string; allowedModels?: readonly string[] } },
): EmbedRoute {
  const { model, pinnedProvider } = embeddings.resolve(request.model);
  const served = model.deployments.filter(
    (deployment) => !pinnedProvider || deployment.provider === pinnedProvider,
  );
  const enabled = served.filter((deployment) => embeddings.isEnabled(deployment));
  if (enabled.length === 0) throw noProviderError(catalog, served, `embedding model "${request.model}"`);
  const allowed = request.caller.allowedModels;
  const permitted = allowed
    ? enabled.filter((deployment) => isModelAllowed(allowed, deployment.id))
    : enabled;
  if (permitted.length === 0)
    assertModelAllowed({ key: request.caller.key, allowedModels: [...(allowed ?? [])] }, request.model);
  const asked = request.dimensions;
  // The model's own size needs no parameter: every deployment gives it.
  if (asked === undefined || asked === model.dimensions)
    return { model, deployments: permitted, dimensions: undefined, vectorLength: model.dimensions };
  const fitting = permitted.filter(
    (deployment) =>
      deployment.dimensionsRange !== null &&
      asked >= deployment.dimensionsRange.min &&
      asked <= deployment.dimensionsRange.max,
  );
  if (fitting.length === 0) throw dimensionsError(model, asked, permitted);
  return { model, deployments: fitting, dimensions: asked, vectorLength: asked };
}
