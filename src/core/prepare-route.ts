import type { Catalog } from "../catalog/catalog.js";
import { SAMPLING_PROVIDER } from "../catalog/sampling-model.js";
import type { Deployment } from "../catalog/types.js";
import { requiredCapabilities } from "../chat/required-capabilities.js";
import type { Config } from "../config/schema.js";
import { isModelmuxError, ModelmuxError } from "../errors.js";
import type { HealthTracker } from "../router/health-tracker.js";
import { askedParams, createParamSupport, type ParamSupport } from "../router/param-support.js";
import { planRoute, type RoutePlan, worstCaseCost } from "../router/plan-route.js";
import type { RouteDecision, Router } from "../router/router.js";
import type { ScoredCandidate } from "../router/scorer.js";
import { countMessageTokens, loadTokenizers, tokenizersLoaded } from "../tokens/count-tokens.js";
import { assertModelAllowed, isModelAllowed } from "./access-policy.js";
import { compileSchema, type SchemaValidator } from "./json-output.js";
import type { RouteRequest, RoutingExplanation } from "./route-types.js";

export interface PreparedRoute {
  plan: RoutePlan;
  decisions: RouteDecision[];
  escalation: ScoredCandidate[][];
  explanation: RoutingExplanation;
  validate: SchemaValidator | undefined;
  /** Estimated input tokens (o200k_base; exact for OpenAI models, a proxy elsewhere). */
  inputTokens: number;
  /**
   * Upper bound of what the call may cost: the whole input (× the vendor's proxy margin where the
   * count is approximate) and the full output cap, on the priciest candidate, per billed call.
   */
  worstCaseUsd: number;
  /** Output tokens each candidate may produce (max_tokens, else the model's max output). */
  outputCap: (deployment: Deployment) => number;
  /** With `routing.unsupportedParams: "drop"`: the asked parameters a deployment does not support. */
  dropFor?: (deployment: Deployment) => string[];
}

interface PrepareDeps {
  config: Config;
  catalog: Catalog;
  health: HealthTracker;
  router: Router;
}

const paramSupports = new WeakMap<Config, ParamSupport>();

function paramSupportOf(config: Config): ParamSupport {
  let support = paramSupports.get(config);
  if (!support) {
    support = createParamSupport(config);
    paramSupports.set(config, support);
  }
  return support;
}

/** The 400 for `route` mode when every deployment that could serve the request lacks a parameter. */
function unsupportedParamError(refused: Map<string, Set<string>>): ModelmuxError {
  const [param, deployments] = [...refused][0] ?? ["", new Set<string>()];
  return new ModelmuxError(
    "INVALID_INPUT",
    `${param}: not supported by any deployment that could serve this request (${[...deployments].join(", ")} ` +
      `do${deployments.size === 1 ? "es" : ""} not support it); remove it, choose a model served by a provider that supports it, ` +
      `or set routing.unsupportedParams to "drop"`,
    { param },
  );
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

/**
 * Refuses a request naming a model (or fallback) the caller's key may not use, with the same
 * UNAUTHORIZED before routing and before a cache lookup: a cached answer is no way around it.
 */
export function assertRequestAllowed(catalog: Catalog, request: RouteRequest): void {
  const allowed = request.caller.allowedModels;
  if (!allowed) return;
  for (const reference of [request.model, ...(request.fallbackModels ?? [])]) {
    if (reference !== "auto") assertReferenceAllowed(catalog, request.caller.key, allowed, reference);
  }
}

/** How many of the catalog's nearest names are weighed for a key's "did you mean". */
const SUGGESTION_POOL = 50;

/**
 * Runs `plan`; an UNKNOWN_MODEL it throws suggests only models the caller's key may use (on at
 * least one provider), so "did you mean" never advertises what the key would be refused.
 */
function withCallerSuggestions<T>(catalog: Catalog, request: RouteRequest, plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    const allowed = request.caller.allowedModels;
    if (!allowed || allowed.includes("*") || !isModelmuxError(error) || error.code !== "UNKNOWN_MODEL")
      throw error;
    const reference = typeof error.data?.model === "string" ? error.data.model : request.model;
    const usable = catalog
      .suggest(reference, SUGGESTION_POOL)
      .filter((name) => {
        try {
          return (
            catalog
              .resolve(name)
              .model.deployments.some((deployment) => isModelAllowed(allowed, deployment.id)) &&
            (!name.includes("/") || isModelAllowed(allowed, name))
          );
        } catch {
          return false;
        }
      })
      .slice(0, 3);
    const head = error.message.split("; did you mean")[0] ?? error.message;
    const tail = usable.length > 0 ? `; did you mean ${usable.map((name) => `"${name}"`).join(", ")}?` : "";
    throw new ModelmuxError(
      "UNKNOWN_MODEL",
      `${head}${tail} (list_models shows the models key "${request.caller.key}" may use)`,
      { ...error.data, suggestions: usable },
    );
  }
}

/**
 * What resolving the request's names waits for, built in short turns (see Catalog.ready): the
 * routable models for their own ids and `auto`, the whole catalog for any other name (an alias, a
 * host's id). Undefined when it is all built already, so a request need not await a turn for it.
 */
function catalogWait(catalog: Catalog, request: RouteRequest): Promise<void> | undefined {
  if (!catalog.isReady("routable"))
    return catalog.ready("routable").then(() => catalogWait(catalog, request));
  if (catalog.isReady() || namesRoutable(catalog, request)) return undefined;
  return catalog.ready();
}

/** Whether every name the request gives is `auto` or a routable model's id. */
function namesRoutable(catalog: Catalog, request: RouteRequest): boolean {
  if (request.model !== "auto" && !catalog.getModel(request.model)) return false;
  return (request.fallbackModels ?? []).every((name) => name === "auto" || catalog.getModel(name));
}

/** Everything decided before any upstream call: the plan, the scored order, the worst-case cost. */
export async function prepareRoute(deps: PrepareDeps, request: RouteRequest): Promise<PreparedRoute> {
  // Awaited only while loading: each await is a turn of the microtask queue on every request.
  if (!tokenizersLoaded()) await loadTokenizers();
  const catalogLoading = catalogWait(deps.catalog, request);
  if (catalogLoading) await catalogLoading;
  assertRequestAllowed(deps.catalog, request);
  const allowed = request.caller.allowedModels;
  const validate = request.jsonSchema ? await compileSchema(request.jsonSchema) : undefined;
  const inputTokens = (await countMessageTokens(request.messages, null, request.params?.tools)).tokens;
  // What the request itself needs (tools, images, audio, a JSON schema), beside the caller's `needs`.
  const implied = requiredCapabilities(request.messages, request.params);
  const constraints = request.constraints ?? {};
  const needs =
    implied.length === 0 ? constraints.needs : [...new Set([...(constraints.needs ?? []), ...implied])];
  const asked = askedParams(request.params);
  const support = paramSupportOf(deps.config);
  const routeAround = asked.length > 0 && deps.config.routing.unsupportedParams === "route";
  const refused = new Map<string, Set<string>>();
  const supportsAsked = (deployment: Deployment) => {
    const missing = support.unsupported(deployment, asked);
    for (const param of missing) {
      const list = refused.get(param) ?? new Set<string>();
      list.add(deployment.id);
      refused.set(param, list);
    }
    return missing.length === 0;
  };
  let plan: RoutePlan;
  try {
    plan = withCallerSuggestions(deps.catalog, request, () =>
      planRoute(deps.catalog, {
        model: request.model,
        task: request.task,
        constraints: needs ? { ...constraints, needs } : constraints,
        fallbackModels: request.fallbackModels ?? [],
        inputTokens,
        maxOutputTokens: request.maxTokens ?? 0,
        latencyOf: (id) => deps.health.peek(id).latencyMs,
        usable: (deployment) =>
          (deployment.provider !== SAMPLING_PROVIDER.id || request.sampler !== undefined) &&
          (!allowed || isModelAllowed(allowed, deployment.id)) &&
          (!routeAround || supportsAsked(deployment)),
      }),
    );
  } catch (error) {
    if (refused.size > 0 && error instanceof ModelmuxError && error.code !== "UNKNOWN_MODEL")
      throw unsupportedParamError(refused);
    throw error;
  }

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
    ...(asked.length > 0 &&
      !routeAround && { dropFor: (deployment: Deployment) => support.unsupported(deployment, asked) }),
  };
}
