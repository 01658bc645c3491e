import { isCacheable } from "../cache/is-cacheable.js";
import { resolveCacheOptions } from "../cache/resolve-cache-options.js";
import type { CancelSignal } from "../cancel-signal.js";
import type { Catalog } from "../catalog/catalog.js";
import type { EmbeddingCatalog, EmbeddingDeployment } from "../catalog/embedding-catalog.js";
import type { Config } from "../config/schema.js";
import { isModelmuxError, ModelmuxError } from "../errors.js";
import { type LazyGuardrails, loadDetectors } from "../guardrails/lazy-guardrails.js";
import { ProviderError } from "../providers/provider-error.js";
import type { HealthTracker } from "../router/health-tracker.js";
import type { RoutingPreset } from "../router/presets.js";
import type { Router } from "../router/router.js";
import { createTurn } from "../tokens/bounded-count.js";
import { countTextTokens, loadTokenizers } from "../tokens/count-tokens.js";
import { roundUsd } from "../usage/round-usd.js";
import type { AdapterPool } from "./adapter-pool.js";
import type { ChangeFeed } from "./change-feed.js";
import { type CachedVector, embeddingKey, vectorFromCache, vectorToCache } from "./embed-cache.js";
import { planEmbedRoute } from "./embed-route.js";
import { type BudgetGate, NO_BUDGET, NO_LEDGER, type ResponseCache, type UsageLedger } from "./hooks.js";
import { createRequestRecorder } from "./record-request.js";
import type { Attempt, CacheMode, CacheStatus, CallerContext } from "./route-types.js";
import { overReservation, runAttempts } from "./run-attempts.js";
import { type ScreenReport, screenInput } from "./screen-guardrails.js";

export interface EmbedRequest {
  /** A catalog embedding model id, or `provider/model` to pin a provider. */
  model: string;
  input: string[];
  dimensions?: number;
  user?: string;
  /** Body fields modelmux does not use, passed through to the provider (and part of the cache key). */
  extra?: Record<string, unknown>;
  preset?: RoutingPreset;
  cache?: { mode?: CacheMode; ttlSeconds?: number };
  caller: CallerContext;
  signal?: CancelSignal;
  onProgress?: (message: string) => void;
}

export interface EmbedResult {
  /** The request's ledger row id (the `x-modelmux-request-id` header), as on chat answers. */
  requestId: string;
  /** One vector per input, in input order. */
  vectors: number[][];
  model: string;
  /** What served the inputs that went upstream; for an all-hit answer, what first served them. */
  provider: string;
  deployment: string;
  /** Tokens of every input, cached ones included (as first billed). */
  inputTokens: number;
  /** What this request spent upstream (cache hits cost nothing). */
  costUsd: number;
  latencyMs: number;
  attempts: Attempt[];
  cache: CacheStatus;
  /** How many inputs came from the cache. */
  cachedInputs: number;
  guardrails: ScreenReport;
}

export interface Embedder {
  embed(request: EmbedRequest): Promise<EmbedResult>;
}

export interface EmbedderDeps {
  config: Config;
  catalog: Catalog;
  embeddings: EmbeddingCatalog;
  health: HealthTracker;
  router: Router;
  adapters: AdapterPool;
  cache?: ResponseCache;
  ledger?: UsageLedger;
  budget?: BudgetGate;
  guardrails?: LazyGuardrails;
  changes?: ChangeFeed;
  now?: () => number;
}

/** An embedding model follows no instructions: only the secret and PII policies apply to its input. */
const EMBED_OVERRIDES = { prompt_injection: "allow", jailbreak: "allow" } as const;
/** Vector values per upstream call (65 inputs of 1,536 dimensions): each answer parses in ~10 ms. */
const FLOATS_PER_CALL = 100_000;
/** Sub-batches of one request in flight at once. */
const UPSTREAM_CONCURRENCY = 4;

/** Counted with one turn, so the whole batch yields to the event loop as one long text does. */
async function countTokens(texts: readonly string[]): Promise<number[]> {
  await loadTokenizers();
  const turn = createTurn();
  const counts: number[] = [];
  for (const text of texts) counts.push((await countTextTokens(text, null, turn)).tokens);
  return counts;
}

/** Runs `work` on every item, at most `limit` at once; after a failure no new item starts, and it rejects. */
async function runPooled<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      try {
        await work(items[next++] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejected = results.find((result) => result.status === "rejected");
  if (rejected) throw rejected.reason;
}

/** A failure after some sub-batches were answered still carries what they cost, for the ledger. */
function withSpend(
  error: ModelmuxError,
  costUsd: number,
  tokens: number,
  attempts: Attempt[],
): ModelmuxError {
  return new ModelmuxError(error.code, error.message, {
    ...error.data,
    costUsd,
    usage: { input: tokens, output: 0, cached: 0 },
    attempts: [...attempts, ...((error.data?.attempts as Attempt[] | undefined) ?? [])],
  });
}

/** Splits a call's billed tokens over its inputs, in proportion to their own counts. */
function shares(total: number, counts: readonly number[]): number[] {
  const sum = counts.reduce((acc, count) => acc + count, 0);
  return counts.map((count) => (sum === 0 ? 0 : Math.round((total * count) / sum)));
}

/**
 * The embeddings pipeline behind /v1/embeddings and the `embed` tool: guardrails on the input,
 * a cache lookup per input (only the missing, distinct texts go upstream), the budget reserved
 * for them, routing with failover across the model's providers, the new vectors cached, one
 * ledger row.
 */
export function createEmbedder(deps: EmbedderDeps): Embedder {
  const now = deps.now ?? Date.now;
  const ledger = deps.ledger ?? NO_LEDGER;
  const budget = deps.budget ?? NO_BUDGET;
  const { routing } = deps.config;

  const recorder = createRequestRecorder({ ledger, changes: deps.changes, now });

  const embed = (request: EmbedRequest): Promise<EmbedResult> =>
    recorder.track(request, (started) => execute(request, started));

  async function execute(request: EmbedRequest, started: number): Promise<EmbedResult> {
    const route = planEmbedRoute(deps.catalog, deps.embeddings, request);
    const { model } = route;
    const { detectors, waitedMs } = await loadDetectors(deps.guardrails, now);
    const screened = await screenInput(
      detectors,
      request.input.map((content) => ({ role: "user" as const, content })),
      EMBED_OVERRIDES,
    );
    const texts = screened.messages.map((message) => message.content);
    const extra = request.extra ?? {};

    // Per input: a cached vector, or the index of its (distinct) text in the upstream call.
    const found: (CachedVector | undefined)[] = texts.map(() => undefined);
    const cache = deps.cache;
    const cacheOn = cache !== undefined && (!cache.enabled || (await cache.enabled()));
    const options = resolveCacheOptions(request.cache, deps.config.cache);
    const useCache =
      cacheOn && isCacheable({ ...(request.cache && { cache: request.cache }) }, deps.config.cache);
    const keys = useCache
      ? texts.map((text) =>
          embeddingKey(
            cache,
            { model: model.id, dimensions: route.dimensions, extra, namespace: request.caller.key },
            text,
          ),
        )
      : [];
    if (useCache && options.mode === "use") {
      const hits = await Promise.all(keys.map((key) => cache.get(key)));
      hits.forEach((hit, index) => {
        found[index] = vectorFromCache(hit, route.vectorLength);
      });
    }
    const fromCache = found.map((entry) => entry !== undefined);
    const missing = [...new Set(texts.filter((_, index) => !fromCache[index]))];

    let attempts: Attempt[] = [];
    let costUsd = 0;
    let upstreamTokens = 0;
    let served: EmbeddingDeployment | undefined;
    if (missing.length > 0) {
      const counts = await countTokens(missing);
      const estimate = counts.reduce((sum, count) => sum + count, 0);
      const worstCase = Math.max(
        ...route.deployments.map((deployment) => deps.embeddings.cost(deployment, estimate)),
      );
      const reservedUsd = roundUsd(worstCase);
      const reservation = await budget.reserve(request.caller, reservedUsd);
      const fresh = new Map<string, CachedVector>();
      const firstIndex = new Map<string, number>();
      texts.forEach((text, index) => {
        if (!firstIndex.has(text)) firstIndex.set(text, index);
      });
      // Each distinct text is stored once, under the key of its first position.
      const store = (text: string, entry: CachedVector) => {
        fresh.set(text, entry);
        const index = firstIndex.get(text);
        if (useCache && index !== undefined)
          void cache.set(keys[index] as string, vectorToCache(entry, now()), options.ttlSeconds);
      };
      // Sub-batches keep each upstream answer small enough to parse without holding the event loop.
      const perCall = Math.max(1, Math.floor(FLOATS_PER_CALL / route.vectorLength));
      const batches: number[][] = [];
      for (let first = 0; first < missing.length; first += perCall)
        batches.push(
          Array.from({ length: Math.min(perCall, missing.length - first) }, (_, offset) => first + offset),
        );
      try {
        await runPooled(batches, UPSTREAM_CONCURRENCY, async (batch) => {
          // As in chat: once reported usage cost more than the reservation, no further call is made.
          if (costUsd > reservedUsd)
            throw overReservation(reservedUsd, {
              attempts,
              usage: { input: upstreamTokens, output: 0, cached: 0 },
              costUsd,
            });
          const batchTexts = batch.map((index) => missing[index] as string);
          const batchEstimate = batch.reduce((sum, index) => sum + (counts[index] ?? 0), 0);
          const { outcome, vectors } = await callUpstream(request, route, batchTexts, batchEstimate, {
            deadline: started + waitedMs + routing.timeoutMs,
            reservedUsd: reservedUsd - costUsd,
          });
          const deployment = outcome.deployment as EmbeddingDeployment;
          served ??= deployment;
          attempts = [...attempts, ...outcome.attempts];
          const tokens = outcome.usage.input;
          upstreamTokens += tokens;
          costUsd += outcome.costUsd;
          const tokenShares = shares(
            tokens,
            batch.map((index) => counts[index] ?? 0),
          );
          batch.forEach((index, position) => {
            const share = tokenShares[position] ?? 0;
            store(missing[index] as string, {
              vector: vectors[position] as number[],
              model: model.id,
              provider: deployment.provider,
              deployment: deployment.id,
              tokens: share,
              costUsd: roundUsd(deps.embeddings.cost(deployment, share)),
            });
          });
        });
      } catch (error) {
        // Sub-batches that were answered are billed (and cached); a failed call is not.
        reservation.settle(costUsd);
        if (isModelmuxError(error) && costUsd > 0) throw withSpend(error, costUsd, upstreamTokens, attempts);
        throw error;
      }
      reservation.settle(costUsd);
      texts.forEach((text, index) => {
        if (!found[index]) found[index] = fresh.get(text);
      });
    }

    const entries = found as CachedVector[];
    const hits = entries.filter((_, index) => fromCache[index]);
    const cacheStatus: CacheStatus = !useCache
      ? cacheOn
        ? "bypass"
        : "off"
      : missing.length === 0
        ? "hit"
        : "miss";
    const latencyMs = Math.round(now() - started);
    const provider = served?.provider ?? hits[0]?.provider ?? "";
    const deployment = served?.id ?? hits[0]?.deployment ?? "";
    const requestId = recorder.record(request, started, {
      guardrailAction: screened.report.action,
      model: model.id,
      provider,
      tokensIn: upstreamTokens,
      costUsd: roundUsd(costUsd),
      savedByCacheUsd: roundUsd(hits.reduce((sum, entry) => sum + entry.costUsd, 0)),
      latencyMs,
      attempts: attempts.length,
      cache: cacheStatus,
    });
    return {
      requestId,
      vectors: entries.map((entry) => entry.vector),
      model: model.id,
      provider,
      deployment,
      inputTokens: upstreamTokens + hits.reduce((sum, entry) => sum + entry.tokens, 0),
      costUsd: roundUsd(costUsd),
      latencyMs,
      attempts,
      cache: cacheStatus,
      cachedInputs: hits.length,
      guardrails: screened.report,
    };
  }

  /** One sub-batch through chat's attempt loop (src/core/run-attempts.ts): one set of failover rules. */
  async function callUpstream(
    request: EmbedRequest,
    route: ReturnType<typeof planEmbedRoute>,
    texts: string[],
    estimate: number,
    budget: { deadline: number; reservedUsd: number },
  ) {
    const decision = deps.router.pick(route.deployments, {
      preset: request.preset,
      expectedTokens: { input: estimate, output: 0 },
    });
    // The vectors of the attempt that answered (an answered attempt ends the loop).
    let vectors: number[][] = [];
    const outcome = await runAttempts(
      { catalog: deps.catalog, health: deps.health, adapters: deps.adapters, now },
      {
        queue: decision.ordered,
        escalation: [],
        maxAttempts: routing.maxAttempts,
        deadline: budget.deadline,
        attemptTimeoutMs: routing.attemptTimeoutMs,
        reservedUsd: budget.reservedUsd,
      },
      {
        messages: [],
        cascade: false,
        ...(request.signal && { signal: request.signal }),
        ...(request.onProgress && { onProgress: request.onProgress }),
        costOf: (deployment, usage) => deps.embeddings.cost(deployment as EmbeddingDeployment, usage.input),
        async invoke(deployment, signal) {
          const adapter = await deps.adapters.get(deployment.provider);
          if (!adapter.embed)
            throw new ProviderError(`${deployment.provider} cannot serve embeddings in this mode`, {
              provider: deployment.provider,
              kind: "http",
              isRetryable: true,
            });
          const result = await adapter.embed({
            model: deployment.providerModelId,
            input: texts,
            ...(route.dimensions !== undefined && { dimensions: route.dimensions }),
            ...(request.user !== undefined && { user: request.user }),
            ...(request.extra && { extra: request.extra }),
            signal,
          });
          const wrong = result.vectors.findIndex((vector) => vector.length !== route.vectorLength);
          if (wrong >= 0)
            throw new ProviderError(
              `${deployment.provider} sent a vector of ${result.vectors[wrong]?.length} dimensions for input ${wrong}; expected ${route.vectorLength}`,
              { provider: deployment.provider, kind: "malformed", isRetryable: true },
            );
          vectors = result.vectors;
          // A provider that reports no usage is billed at modelmux's own count.
          const usage = { input: result.inputTokens || estimate, output: 0, cached: 0 };
          return {
            text: "",
            finishReason: "stop",
            usage,
            timeToFirstTokenMs: result.totalMs,
            totalMs: result.totalMs,
          };
        },
      },
    );
    return { outcome, vectors };
  }

  return { embed };
}
