import type { ValidateFunction } from "ajv";
import type { Catalog } from "../catalog/catalog.js";
import { SAMPLING_PROVIDER } from "../catalog/sampling-model.js";
import type { Deployment } from "../catalog/types.js";
import type { Config } from "../config/schema.js";
import { assertModelAllowed, isModelAllowed } from "../http/auth.js";
import type { HealthTracker } from "../router/health-tracker.js";
import { planRoute, type RoutePlan, worstCaseCost } from "../router/plan-route.js";
import type { RouteDecision, Router } from "../router/router.js";
import type { ScoredCandidate } from "../router/scorer.js";
import { countMessageTokens, loadTokenizers } from "../tokens/count-tokens.js";
import { compileSchema } from "./json-output.js";
import type { RouteRequest, RoutingExplanation } from "./route-types.js";

export interface PreparedRoute {
  plan: RoutePlan;
  decisions: RouteDecision[];
  escalation: ScoredCandidate[][];
  explanation: RoutingExplanation;
  validate: ValidateFunction | undefined;
  /** Estimated input tokens (o200k_base; exact for OpenAI models, a proxy elsewhere). */
  inputTokens: number;
  /** Upper bound of what the call may cost: the whole input and the full output cap, on the priciest candidate, per billed call. */
  worstCaseUsd: number;
  /** Output tokens each candidate may produce (max_tokens, else the model's max output). */
  outputCap: (deployment: Deployment) => number;
}

interface PrepareDeps {
  config: Config;
  catalog: Catalog;
  health: HealthTracker;
  router: Router;
}

/** Tokens expected back when the caller sets no max_tokens, for ranking and quotes. */
export const EXPECTED_OUTPUT_TOKENS = 256;

function explain(plan: RoutePlan, decisions: RouteDecision[]): RoutingExplanation {
  const first = decisions[0];
  return {
    reason: `${plan.reason}; ${first?.reason ?? "no candidates"}`,
    explored: first?.explored ?? false,
    candidates: decisions.flatMap((decision) =>
      decision.ordered.map((candidate) => ({
        deployment: candidate.deployment.id,
        score: Math.round(candidate.score * 1000) / 1000,
        components: candidate.components,
        available: candidate.available,
        ...(candidate.unavailableReason && { unavailable_reason: candidate.unavailableReason }),
      })),
    ),
  };
}

/** A model reference passes when the key may use it on at least one provider that serves it. */
function assertReferenceAllowed(
  catalog: Catalog,
  key: string,
  allowed: readonly string[],
  reference: string,
): void {
  let deployments: string[] = [];
  try {
    const { model, pinnedProvider } = catalog.resolve(reference);
    deployments = model.deployments
      .filter((deployment) => !pinnedProvider || deployment.provider === pinnedProvider)
      .map((deployment) => deployment.id);
  } catch {
    return; // unknown models are reported by the planner, with suggestions
  }
  if (!deployments.some((id) => isModelAllowed(allowed, id)))
    assertModelAllowed({ key, allowedModels: [...allowed] }, reference);
}

/** Everything decided before any upstream call: the plan, the scored order, the worst-case cost. */
export async function prepareRoute(deps: PrepareDeps, request: RouteRequest): Promise<PreparedRoute> {
  await loadTokenizers();
  const allowed = request.caller.allowedModels;
  if (allowed) {
    for (const reference of [request.model, ...(request.fallbackModels ?? [])]) {
      if (reference !== "auto") assertReferenceAllowed(deps.catalog, request.caller.key, allowed, reference);
    }
  }
  const validate = request.jsonSchema ? await compileSchema(request.jsonSchema) : undefined;
  const inputTokens = countMessageTokens(request.messages, null, request.params?.tools).tokens;
  const plan = planRoute(deps.catalog, {
    model: request.model,
    task: request.task,
    constraints: request.constraints ?? {},
    fallbackModels: request.fallbackModels ?? [],
    inputTokens,
    maxOutputTokens: request.maxTokens ?? 0,
    latencyOf: (id) => deps.health.peek(id).latencyMs,
    usable: (deployment) =>
      (deployment.provider !== SAMPLING_PROVIDER.id || request.sampler !== undefined) &&
      (!allowed || isModelAllowed(allowed, deployment.id)),
  });

  const outputCap = (deployment: Deployment) =>
    request.maxTokens ?? deps.catalog.getModel(deployment.model)?.maxOutput ?? 4096;
  const reachable = [...plan.stages, ...(request.cascade ? plan.escalation : [])].flatMap(
    (stage) => stage.deployments,
  );
  // Failed calls are not billed, but re-asks after invalid output are: they may use the whole cap.
  const billedCalls = validate || request.cascade ? deps.config.routing.maxAttempts : 1;
  const perCall = Math.max(
    0,
    ...reachable.map((deployment) =>
      worstCaseCost(deps.catalog, deployment, inputTokens, outputCap(deployment)),
    ),
  );

  const decisions = plan.stages.map((stage) =>
    deps.router.pick(stage.deployments, {
      preset: request.preset,
      expectedTokens: { input: inputTokens, output: request.maxTokens ?? EXPECTED_OUTPUT_TOKENS },
      streaming: request.onDelta !== undefined,
    }),
  );
  const escalation = request.cascade
    ? plan.escalation.map((stage) => deps.router.pick(stage.deployments, { preset: request.preset }).ordered)
    : [];
  return {
    plan,
    decisions,
    escalation,
    explanation: explain(plan, decisions),
    validate,
    inputTokens,
    worstCaseUsd: perCall * billedCalls,
    outputCap,
  };
}
