import type { Catalog } from "../catalog/catalog.js";
import { type Capability, type Deployment, type ModelInfo, type Task, TIERS } from "../catalog/types.js";
import { ModelmuxError } from "../errors.js";
import { proxyFactorOf } from "../tokens/proxy-margin.js";

export interface RouteConstraints {
  maxCostUsd?: number;
  maxLatencyMs?: number;
  minContext?: number;
  needs?: Capability[];
}

export interface RoutePlanInput {
  model: string;
  task?: Task;
  constraints: RouteConstraints;
  fallbackModels: string[];
  /** Input tokens of this request (estimated) and the output cap, to price and size-check candidates. */
  inputTokens: number;
  maxOutputTokens: number;
  /** Deployments this caller may not use (the `client` sampling provider without a sampling-capable client). */
  usable?: (deployment: Deployment) => boolean;
  /** Known typical latency per deployment id, for max_latency_ms; unknown deployments pass. */
  latencyOf: (deploymentId: string) => number | null;
}

/** One stage of the route: a set of deployments the scorer orders. Fallback models are later stages. */
export interface RouteStage {
  label: string;
  models: ModelInfo[];
  deployments: Deployment[];
}

export interface RoutePlan {
  stages: RouteStage[];
  reason: string;
  /** For cascade: the next stronger tier's stage, used when the first answer fails validation. */
  escalation: RouteStage[];
}

/**
 * The input is counted with o200k_base. That is exact for models on it; for every other model it
 * is a proxy that the vendor's own tokenizer may exceed, so worst cases (budget reservations and
 * max_cost_usd alike) count such input the vendor's measured margin over (tokens/proxy-margin.ts).
 */
/**
 * Worst-case cost of one call on a deployment: the whole input (with the margin where its count
 * is approximate for the model) plus the full output cap.
 */
export function worstCaseCost(
  catalog: Catalog,
  deployment: Deployment,
  inputTokens: number,
  maxOutputTokens: number,
): number {
  const model = catalog.getModel(deployment.model);
  const exact = model?.encoding === "o200k_base";
  const billable = exact ? inputTokens : Math.ceil(inputTokens * proxyFactorOf(model?.vendor));
  return catalog.cost(deployment, { input: billable, output: maxOutputTokens, cached: 0 });
}

function enableHint(catalog: Catalog, deployments: readonly Deployment[]): string {
  const providers = new Set(deployments.map((deployment) => deployment.provider));
  const hints = catalog.providers
    .filter((provider) => providers.has(provider.id))
    .map((provider) =>
      provider.keyEnv ? `${provider.keyEnv} (${provider.id})` : `providers.${provider.id} in config`,
    );
  return hints.join(", ");
}

/** The error for "nothing enabled can serve this": lists what would enable each provider. */
export function noProviderError(
  catalog: Catalog,
  deployments: readonly Deployment[],
  what: string,
): ModelmuxError {
  const all = catalog.providers
    .filter((provider) => !provider.local)
    .map((provider) => `${provider.keyEnv} (${provider.id})`)
    .join(", ");
  const hint = deployments.length ? enableHint(catalog, deployments) : all;
  return new ModelmuxError(
    "NO_PROVIDER",
    `no enabled provider serves ${what}. Set one of: ${hint}; or configure a local provider (ollama, vllm, lmstudio) under "providers" in the config.`,
    {
      enable_with: hint,
    },
  );
}

/** Up to 8 models with every one of `needs` and an enabled provider, for error messages. */
function modelsWith(catalog: Catalog, needs: readonly Capability[]): string {
  const ids = catalog.models
    .filter(
      (model) =>
        needs.every((need) => model.capabilities.includes(need)) &&
        catalog.enabledDeployments(model).length > 0,
    )
    .map((model) => model.id);
  if (ids.length === 0) return "no enabled model has it";
  return `models with it: ${ids.slice(0, 8).join(", ")}${ids.length > 8 ? `, and ${ids.length - 8} more` : ""}`;
}

function fits(model: ModelInfo, input: RoutePlanInput): string | null {
  const { constraints } = input;
  const missing = constraints.needs?.filter((need) => !model.capabilities.includes(need)) ?? [];
  if (missing.length > 0)
    return `lacks the ${missing.map((need) => `"${need}"`).join(" and ")} capabilit${missing.length > 1 ? "ies" : "y"}`;
  const context = Math.max(
    constraints.minContext ?? 0,
    input.inputTokens + Math.min(input.maxOutputTokens, model.maxOutput),
  );
  if (model.contextWindow < context) return `context window ${model.contextWindow} < ${context}`;
  return null;
}

function affordable(catalog: Catalog, deployments: Deployment[], input: RoutePlanInput): Deployment[] {
  const { maxCostUsd, maxLatencyMs } = input.constraints;
  return deployments.filter((deployment) => {
    if (
      maxCostUsd !== undefined &&
      worstCaseCost(catalog, deployment, input.inputTokens, input.maxOutputTokens) > maxCostUsd
    )
      return false;
    const latency = maxLatencyMs === undefined ? null : input.latencyOf(deployment.id);
    return latency === null || maxLatencyMs === undefined || latency <= maxLatencyMs;
  });
}

function explicitStage(catalog: Catalog, reference: string, input: RoutePlanInput): RouteStage {
  const { model, pinnedProvider } = catalog.resolve(reference);
  const served = model.deployments.filter(
    (deployment) => !pinnedProvider || deployment.provider === pinnedProvider,
  );
  const enabled = served.filter(
    (deployment) => catalog.getProvider(deployment.provider)?.enabled && (input.usable?.(deployment) ?? true),
  );
  if (enabled.length === 0) throw noProviderError(catalog, served, `"${reference}"`);
  const problem = fits(model, input);
  if (problem) {
    const missing = input.constraints.needs?.filter((need) => !model.capabilities.includes(need)) ?? [];
    const hint = missing.length > 0 ? ` (${modelsWith(catalog, missing)})` : "";
    throw new ModelmuxError(
      "INVALID_INPUT",
      `model "${model.id}" does not fit this request: ${problem}${hint}`,
      {
        ...(missing.length > 0 && { missing_capabilities: missing }),
      },
    );
  }
  const deployments = affordable(catalog, enabled, input);
  if (deployments.length === 0) {
    throw new ModelmuxError(
      "INVALID_INPUT",
      `model "${model.id}" breaks the constraints (max_cost_usd / max_latency_ms) on every enabled provider`,
    );
  }
  return { label: pinnedProvider ? `${pinnedProvider}/${model.id}` : model.id, models: [model], deployments };
}

/** Auto routing: the cheapest tier holding a model fit for the task and constraints. */
function autoStages(catalog: Catalog, input: RoutePlanInput): { stages: RouteStage[]; reason: string } {
  const task = input.task ?? "chat";
  const byTier: RouteStage[] = [];
  for (const tier of TIERS) {
    const models = catalog.models.filter(
      (model) => model.tier === tier && model.tasks.includes(task) && fits(model, input) === null,
    );
    const deployments = affordable(
      catalog,
      models.flatMap((model) =>
        catalog.enabledDeployments(model).filter((deployment) => input.usable?.(deployment) ?? true),
      ),
      input,
    );
    if (deployments.length > 0) {
      const servedModels = models.filter((model) =>
        deployments.some((deployment) => deployment.model === model.id),
      );
      byTier.push({ label: `auto:${tier}`, models: servedModels, deployments });
    }
  }
  if (byTier.length === 0) {
    const anyEnabled = catalog.models.some((model) => catalog.enabledDeployments(model).length > 0);
    if (!anyEnabled) throw noProviderError(catalog, [], `model "auto"`);
    const needs = input.constraints.needs ?? [];
    throw new ModelmuxError(
      "NO_PROVIDER",
      `no enabled model fits task "${task}" within the constraints; relax max_cost_usd, max_latency_ms, min_context or needs` +
        (needs.length > 0 ? ` (needs ${needs.join(", ")}: ${modelsWith(catalog, needs)})` : ""),
    );
  }
  const first = byTier[0] as RouteStage;
  return {
    stages: byTier,
    reason: `auto: task "${task}" → cheapest fitting tier ${first.label.slice(5)} (${first.models.map((model) => model.id).join(", ")})`,
  };
}

/** Decides which deployments may serve a request, in stage order; the scorer orders within a stage. */
export function planRoute(catalog: Catalog, input: RoutePlanInput): RoutePlan {
  let stages: RouteStage[];
  let reason: string;
  let escalation: RouteStage[] = [];
  if (input.model === "auto") {
    const auto = autoStages(catalog, input);
    stages = auto.stages.slice(0, 1);
    escalation = auto.stages.slice(1);
    reason = auto.reason;
  } else {
    stages = [];
    reason = `requested ${input.model}`;
  }
  // The requested model that cannot serve this request (no capable or usable deployment) gives
  // way to the fallbacks that can; its error stands when none can.
  let primaryError: unknown;
  if (input.model !== "auto") {
    try {
      stages.push(explicitStage(catalog, input.model, input));
    } catch (error) {
      if (
        input.fallbackModels.length === 0 ||
        !(error instanceof ModelmuxError) ||
        error.code === "UNKNOWN_MODEL"
      )
        throw error;
      primaryError = error;
    }
  }
  for (const fallback of input.fallbackModels) {
    try {
      stages.push({ ...explicitStage(catalog, fallback, input), label: `fallback:${fallback}` });
    } catch (error) {
      if (error instanceof ModelmuxError && error.code === "UNKNOWN_MODEL") throw error;
      // A fallback with no enabled provider is skipped, not fatal: the primary may still serve.
    }
  }
  if (stages.length === 0) throw primaryError;
  if (primaryError instanceof ModelmuxError) reason += ` (skipped: ${primaryError.message})`;
  return { stages, reason, escalation };
}
