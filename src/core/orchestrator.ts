import { isCacheable } from "../cache/is-cacheable.js";
import { resolveCacheOptions } from "../cache/resolve-cache-options.js";
import type { Catalog } from "../catalog/catalog.js";
import type { Usage } from "../catalog/types.js";
import { choiceOf, copyOptionalChoiceFields } from "../chat/message-text.js";
import type { AnswerChoice } from "../chat/types.js";
import type { Config } from "../config/schema.js";
import { isModelmuxError, ModelmuxError } from "../errors.js";
import { createGuardJudge, type GuardJudge } from "../guardrails/attacks/judge.js";
import { type LazyGuardrails, loadDetectors } from "../guardrails/lazy-guardrails.js";
import type { Logger } from "../logger.js";
import type { HealthTracker } from "../router/health-tracker.js";
import type { Router } from "../router/router.js";
import { roundUsd } from "../usage/round-usd.js";
import { assertTotalText, requestTexts } from "../validation/text-limits.js";
import { mayUseModel } from "./access-policy.js";
import type { AdapterPool } from "./adapter-pool.js";
import type { ChangeFeed } from "./change-feed.js";
import {
  type BudgetGate,
  type CachedAnswer,
  NO_BUDGET,
  NO_LEDGER,
  type ResponseCache,
  type UsageLedger,
} from "./hooks.js";
import {
  assertRequestAllowed,
  EXPECTED_OUTPUT_TOKENS,
  type PreparedRoute,
  prepareRoute,
} from "./prepare-route.js";
import { createRequestRecorder } from "./record-request.js";
import type { CacheStatus, RouteQuote, RouteRequest, RouteResult } from "./route-types.js";
import { type AttemptsOutcome, runAttempts } from "./run-attempts.js";
import { screenInput, screenOutput, streamBlocked, strictest, textsToScreen } from "./screen-guardrails.js";
import { createStreamScreen } from "./screen-stream.js";

export interface OrchestratorDeps {
  config: Config;
  catalog: Catalog;
  health: HealthTracker;
  router: Router;
  adapters: AdapterPool;
  logger: Logger;
  cache?: ResponseCache;
  ledger?: UsageLedger;
  budget?: BudgetGate;
  guardrails?: LazyGuardrails;
  /** Told after every finished request (resource subscriptions, metrics). */
  changes?: ChangeFeed;
  now?: () => number;
}

export interface Orchestrator {
  run(request: RouteRequest): Promise<RouteResult>;
  /** The guard judge, when `guardrails.judge` is configured: asks its model through `run`. */
  readonly guardJudge?: GuardJudge;
  /** The route and cost range of a request, without calling upstream. */
  quote(request: RouteRequest): Promise<RouteQuote>;
  /**
   * Input tokens of a request on the deployment routing would pick: the provider's own count where
   * its API has one (Anthropic), else modelmux's estimate (`exact` says which).
   */
  countInputTokens(request: RouteRequest): Promise<{ tokens: number; exact: boolean; model: string }>;
}

const messageTexts = (request: RouteRequest) => requestTexts(request.messages);

/**
 * The parsed answer; re-parsed only when output guardrails changed the text (redaction inside JSON
 * strings): parsing a long answer again held the event loop (6,000 objects: 45 ms on a busy host).
 */
function jsonOf(text: string, answered: string, parsed: unknown): unknown {
  if (text === answered) return parsed;
  try {
    return JSON.parse(text);
  } catch {
    return parsed;
  }
}

/** Forwarded parameters that never change the answer (accounting and storage), left out of the cache key. */
const NOT_OUTPUT_PARAMS = new Set([
  "user",
  "metadata",
  "store",
  "service_tier",
  "safety_identifier",
  "prompt_cache_key",
  "prompt_cache_retention",
]);

function outputParams(params: RouteRequest["params"]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  if (!params) return kept;
  for (const [name, value] of Object.entries(params)) if (!NOT_OUTPUT_PARAMS.has(name)) kept[name] = value;
  return kept;
}

function toCachedAnswer(outcome: AttemptsOutcome, at: number): CachedAnswer {
  const { result } = outcome;
  // Built by assignment, not spreads: see copyOptionalChoiceFields.
  const answer: CachedAnswer = {
    text: result.text,
    finishReason: result.finishReason,
    model: outcome.deployment.model,
    provider: outcome.deployment.provider,
    deployment: outcome.deployment.id,
    usage: outcome.usage,
    costUsd: roundUsd(outcome.costUsd),
    createdAt: at,
  };
  copyOptionalChoiceFields(answer, result);
  if (result.choices) answer.choices = result.choices.map(choiceOf);
  if (result.systemFingerprint) answer.systemFingerprint = result.systemFingerprint;
  if (outcome.droppedParams) answer.droppedParams = outcome.droppedParams;
  if (outcome.json !== undefined) answer.json = outcome.json;
  return answer;
}

/** The whole pipeline behind route_completion and /v1/chat/completions. */
export function createOrchestrator(deps: OrchestratorDeps): Orchestrator {
  const now = deps.now ?? Date.now;
  const ledger = deps.ledger ?? NO_LEDGER;
  const budget = deps.budget ?? NO_BUDGET;
  const { routing } = deps.config;
  const judgeConfig = deps.config.guardrails.judge;
  // The judge's call goes through this same pipeline (routing, failover, budgets, ledger as tool
  // `guardrails_judge`), unscreened: its input is the suspect text itself.
  const guardJudge = judgeConfig
    ? createGuardJudge(judgeConfig, async (messages, key) => {
        const answer = await run({
          messages,
          model: judgeConfig.model,
          temperature: 0,
          maxTokens: 8,
          cache: { mode: "bypass" },
          caller: { key: key ?? "local", tool: "guardrails_judge" },
          skipGuardrails: true,
        });
        return answer.text;
      })
    : undefined;

  /** What the same usage would have cost on the requested model's first-party provider, or the baseline model for auto. */
  function baselineCost(request: RouteRequest, usage: Usage): number | null {
    const reference = request.model === "auto" ? routing.baselineModel : request.model;
    try {
      const { model } = deps.catalog.resolve(reference);
      const deployment =
        model.deployments.find((candidate) => candidate.provider === model.vendor) ?? model.deployments[0];
      return deployment ? roundUsd(deps.catalog.cost(deployment, usage)) : null;
    } catch {
      return null;
    }
  }

  const recorder = createRequestRecorder({ ledger, changes: deps.changes, now });

  const run = (request: RouteRequest): Promise<RouteResult> =>
    recorder.track(request, (started) => execute(request, started));

  async function execute(original: RouteRequest, started: number): Promise<RouteResult> {
    // Before any scan or count: their cost grows with the text.
    assertTotalText(messageTexts(original), "messages");
    // Guardrails first: a blocked request never reaches a model, a redacted one reaches it (and
    // the cache key) only with placeholders.
    const { detectors, waitedMs } = await loadDetectors(
      original.skipGuardrails ? undefined : deps.guardrails,
      now,
    );
    const verdicts =
      guardJudge && detectors
        ? await guardJudge.review(detectors, textsToScreen(original.messages), original.caller.key)
        : undefined;
    const screenedInput = await screenInput(detectors, original.messages, undefined, verdicts);
    // A streamed answer is screened as it goes: the caller gets its deltas through the screen.
    const streamScreen =
      detectors && original.onDelta
        ? createStreamScreen(detectors, screenedInput.placeholders, original.onDelta)
        : undefined;
    const request: RouteRequest = { ...original, messages: screenedInput.messages };
    if (streamScreen) request.onDelta = streamScreen.push;
    /** The answer's choices screened (and placeholders restored), first choice first. */
    const answer = async (
      source: AnswerChoice & { choices?: AnswerChoice[] },
      spent: Record<string, unknown>,
    ) => {
      const choices = source.choices ?? [choiceOf(source)];
      const output = await screenOutput(detectors, choices, screenedInput.placeholders, spent);
      const guardrails = { input: screenedInput.report, output: output.report };
      const [first = choiceOf(source)] = output.choices;
      return {
        first,
        choices: source.choices ? output.choices : undefined,
        guardrails,
        action: strictest(guardrails.input, guardrails.output),
      };
    };
    // Routing is decided only on a cache miss: a hit needs no token counting or scoring.
    let prepared: PreparedRoute | undefined;
    const upstream = async (): Promise<AttemptsOutcome> => {
      prepared = await prepareRoute(deps, request);
      const { decisions, escalation, validate, worstCaseUsd, dropFor } = prepared;
      const reservedUsd = roundUsd(worstCaseUsd);
      const reservation = await budget.reserve(request.caller, reservedUsd);
      try {
        const outcome = await runAttempts(
          { catalog: deps.catalog, health: deps.health, adapters: deps.adapters, now },
          {
            queue: decisions.flatMap((decision) => decision.ordered),
            escalation,
            maxAttempts: routing.maxAttempts,
            deadline: started + waitedMs + routing.timeoutMs,
            attemptTimeoutMs: routing.attemptTimeoutMs,
            reservedUsd,
          },
          {
            requestedModel: request.model,
            messages: request.messages,
            temperature: request.temperature,
            maxTokens: request.maxTokens,
            validate,
            jsonSchema: request.jsonSchema,
            params: request.params,
            ...(request.anthropicBeta && { anthropicBeta: request.anthropicBeta }),
            ...(dropFor && { dropFor }),
            cascade: request.cascade ?? false,
            signal: request.signal,
            onProgress: request.onProgress,
            onDelta: request.onDelta,
            onAttempt: request.onAttempt,
            ...(streamScreen && { stream: streamScreen }),
            sampler: request.sampler,
          },
        );
        settle(outcome.costUsd);
        return outcome;
      } catch (error) {
        settle(isModelmuxError(error) ? ((error.data?.costUsd as number | undefined) ?? 0) : 0);
        throw error;
      }
      /** Settles the true cost, never capped: budgets then refuse later calls if it broke them. */
      function settle(actualUsd: number): void {
        reservation.settle(actualUsd);
        if (actualUsd > reservedUsd)
          deps.logger.warn(
            { key: request.caller.key, reserved_usd: reservedUsd, actual_usd: roundUsd(actualUsd) },
            "reported usage cost more than the call reserved; recorded at its true cost",
          );
      }
    };

    const cache = deps.cache;
    if (!cache || (cache.enabled && !(await cache.enabled()))) return finish(await upstream(), "off");
    const { mode, ttlSeconds } = resolveCacheOptions(request.cache, deps.config.cache);
    if (!isCacheable(request, deps.config.cache)) return finish(await upstream(), "bypass");

    const key = cache.key({
      route: {
        model: request.model,
        task: request.task ?? null,
        fallbacks: request.fallbackModels ?? [],
        preset: request.preset ?? null,
        constraints: request.constraints ?? {},
      },
      messages: request.messages,
      params: {
        temperature: request.temperature ?? null,
        maxTokens: request.maxTokens ?? null,
        cascade: request.cascade ?? false,
        forwarded: outputParams(request.params),
      },
      ...(request.jsonSchema && { jsonSchema: request.jsonSchema }),
      namespace: request.caller.key,
    });
    if (mode === "use") {
      // A hit is checked against the key's allow-list like a fresh call: the same refusal for a
      // model the key may no longer use, and a miss when the answer came from such a deployment.
      assertRequestAllowed(deps.catalog, request);
      const hit = await cache.get(key);
      if (hit && mayUseModel(request.caller, hit.deployment)) return fromCache(hit);
    }
    const store = (outcome: AttemptsOutcome) => {
      void cache.set(key, toCachedAnswer(outcome, now()), ttlSeconds);
    };
    // Streaming callers need their own deltas, so they do not join another caller's flight.
    if (request.onDelta) {
      const outcome = await upstream();
      store(outcome);
      return finish(outcome, "miss");
    }
    let ranHere = false;
    const outcome = await cache.singleFlight(key, () => {
      ranHere = true;
      return upstream();
    });
    if (!ranHere) return fromCache(toCachedAnswer(outcome, now()));
    store(outcome);
    return finish(outcome, "miss");

    async function fromCache(hit: CachedAnswer): Promise<RouteResult> {
      // Chat keys never meet a stored vector; the check only narrows the type.
      const finishReason = hit.finishReason === "embedding" ? "other" : hit.finishReason;
      const screened = await answer({ ...hit, finishReason }, {});
      const latencyMs = Math.round(now() - started);
      const requestId = recorder.record(request, started, {
        guardrailAction: screened.action,
        model: hit.model,
        provider: hit.provider,
        tokensIn: hit.usage.input,
        tokensOut: hit.usage.output,
        tokensCached: hit.usage.cached,
        savedByCacheUsd: hit.costUsd,
        latencyMs,
        cache: "hit",
      });
      return {
        requestId,
        ...screened.first,
        ...(screened.choices && { choices: screened.choices }),
        ...(hit.systemFingerprint && { systemFingerprint: hit.systemFingerprint }),
        ...(hit.droppedParams && { droppedParams: hit.droppedParams }),
        ...(hit.json !== undefined && { json: jsonOf(screened.first.text, hit.text, hit.json) }),
        guardrails: screened.guardrails,
        model: hit.model,
        provider: hit.provider,
        deployment: hit.deployment,
        usage: hit.usage,
        costUsd: 0,
        latencyMs,
        attempts: [],
        routing: {
          reason: `cache hit (originally served by ${hit.deployment})`,
          explored: false,
          candidates: [],
        },
        cache: "hit",
      };
    }

    async function finish(outcome: AttemptsOutcome, cacheStatus: CacheStatus): Promise<RouteResult> {
      const { deployment, result } = outcome;
      const costUsd = roundUsd(outcome.costUsd);
      const spent = { usage: outcome.usage, costUsd: outcome.costUsd, attempts: outcome.attempts };
      const screened = await answer(result, spent);
      if (streamScreen) {
        streamScreen.end();
        if (streamScreen.blockedBy) throw streamBlocked(streamScreen.blockedBy, spent);
      }
      const latencyMs = Math.round(now() - started);
      const requestId = recorder.record(request, started, {
        guardrailAction: screened.action,
        model: deployment.model,
        provider: deployment.provider,
        tokensIn: outcome.usage.input,
        tokensOut: outcome.usage.output,
        tokensCached: outcome.usage.cached,
        costUsd,
        baselineCostUsd: baselineCost(request, outcome.usage),
        latencyMs,
        attempts: outcome.attempts.length,
        cache: cacheStatus,
      });
      const routeResult: RouteResult = {
        requestId,
        text: screened.first.text,
        finishReason: screened.first.finishReason,
        guardrails: screened.guardrails,
        model: deployment.model,
        provider: deployment.provider,
        deployment: deployment.id,
        usage: outcome.usage,
        costUsd,
        latencyMs,
        attempts: outcome.attempts,
        routing: prepared?.explanation ?? { reason: "", explored: false, candidates: [] },
        cache: cacheStatus,
      };
      copyOptionalChoiceFields(routeResult, screened.first);
      if (screened.choices) routeResult.choices = screened.choices;
      if (result.systemFingerprint) routeResult.systemFingerprint = result.systemFingerprint;
      if (result.serviceTier) routeResult.serviceTier = result.serviceTier;
      if (outcome.droppedParams) routeResult.droppedParams = outcome.droppedParams;
      if (outcome.json !== undefined)
        routeResult.json = jsonOf(screened.first.text, result.text, outcome.json);
      return routeResult;
    }
  }

  async function quote(request: RouteRequest): Promise<RouteQuote> {
    assertTotalText(messageTexts(request), "messages");
    const prepared = await prepareRoute(deps, request);
    const first = prepared.decisions.flatMap((decision) => decision.ordered)[0];
    if (!first) throw new ModelmuxError("NO_PROVIDER", "no deployment can serve this request");
    const { deployment } = first;
    const model = deps.catalog.getModel(deployment.model);
    const expectedOutput = Math.min(prepared.outputCap(deployment), EXPECTED_OUTPUT_TOKENS);
    const cost = (output: number) =>
      deps.catalog.cost(deployment, { input: prepared.inputTokens, output, cached: 0 });
    return {
      model: deployment.model,
      provider: deployment.provider,
      deployment: deployment.id,
      routing: prepared.explanation,
      inputTokens: prepared.inputTokens,
      // Routing counts with o200k_base (prepare-route.ts): exact only for the models on it.
      tokensExact: model?.encoding === "o200k_base",
      maxOutputTokens: prepared.outputCap(deployment),
      cost: {
        minUsd: roundUsd(cost(0)),
        expectedUsd: roundUsd(cost(expectedOutput)),
        maxUsd: roundUsd(prepared.worstCaseUsd),
      },
      priceData: { ...deps.catalog.priceData },
    };
  }

  async function countInputTokens(request: RouteRequest) {
    const quoted = await quote(request);
    const estimate = { tokens: quoted.inputTokens, exact: quoted.tokensExact, model: quoted.model };
    const deployment = deps.catalog
      .getModel(quoted.model)
      ?.deployments.find((entry) => entry.id === quoted.deployment);
    const adapter = deployment
      ? await deps.adapters.get(deployment.provider).catch(() => undefined)
      : undefined;
    if (!deployment || !adapter?.countTokens) return estimate;
    try {
      const tokens = await adapter.countTokens({
        model: deployment.providerModelId,
        requestedModel: request.model,
        messages: request.messages,
        ...(request.params && { params: request.params }),
        ...(request.anthropicBeta && { anthropicBeta: request.anthropicBeta }),
        ...(request.signal && { signal: request.signal }),
      });
      return { tokens, exact: true, model: quoted.model };
    } catch (error) {
      // Counting is advisory: the estimate still answers when the provider's count fails.
      deps.logger.debug(
        { err: isModelmuxError(error) ? error.message : String(error) },
        "provider token count failed; estimating",
      );
      return estimate;
    }
  }

  return { run, quote, countInputTokens, ...(guardJudge && { guardJudge }) };
}
