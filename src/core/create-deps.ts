import { createResponseStore } from "../api/responses/response-store.js";
import { createLazyCache } from "../cache/lazy-cache.js";
import { createCatalog } from "../catalog/catalog.js";
import { createEmbeddingCatalog } from "../catalog/embedding-catalog.js";
import type { LoadedConfig } from "../config/load-config.js";
import { createLazyGuardrails, type LazyGuardrails } from "../guardrails/lazy-guardrails.js";
import type { Logger } from "../logger.js";
import { createRequestLog } from "../observability/request-log.js";
import { teeLedger } from "../observability/tee-ledger.js";
import { recordedProviders, withRecordReplay } from "../providers/record-replay.js";
import { createHealthTracker } from "../router/health-tracker.js";
import { createRouter } from "../router/router.js";
import type { ServerDeps } from "../server.js";
import { loadTokenizers } from "../tokens/count-tokens.js";
import { createBudgetGate, createLedger } from "../usage/index.js";
import { createAdapterPool } from "./adapter-pool.js";
import { createChangeFeed } from "./change-feed.js";
import { createEmbedder } from "./embed.js";
import { createOrchestrator } from "./orchestrator.js";
import { composeBudgetGates, createSessionBudgets } from "./session-budgets.js";

const WARM_UP_DELAY_MS = 1000;

/** Builds the shared process-wide dependencies from a loaded config. */
export async function createDeps(
  loaded: LoadedConfig,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
  options: {
    metrics?: boolean;
    warmUp?: "soon" | "on-first-use";
    /** The detectors, when not the config's own (a test's whose first load is as slow as on a loaded machine). */
    guardrails?: LazyGuardrails;
  } = {},
): Promise<ServerDeps> {
  const { config } = loaded;
  const warmUp = options.warmUp ?? "soon";
  let warmedUp = false;
  const replay = env.MODELMUX_REPLAY;
  // Replay enables exactly the providers on record and never explores, so routes repeat.
  // The models are priced on first use (see createCatalog); that first use also starts the warm-up.
  const catalog = createCatalog(config, env, {
    ...(replay && { forceEnabled: recordedProviders(replay) }),
    // `modelmux prices update` leaves fresher price data here.
    dataDir: loaded.dataDir,
    onBuild(warnings) {
      for (const warning of warnings) logger.warn({ warning }, "catalog");
      // After this first call has answered: its own work comes first.
      if (warmUp === "on-first-use") setImmediate(startWarmUp);
    },
  });
  const localHealth = createHealthTracker({
    failureThreshold: config.routing.breaker.failureThreshold,
    cooldownMs: config.routing.breaker.cooldownMs,
  });
  // With Redis, every instance scores from the same shared outcomes.
  const sharedHealth = config.cache.redisUrl
    ? await (await import("../router/shared-health.js")).createSharedHealth(localHealth, {
        redisUrl: config.cache.redisUrl,
        logger,
      })
    : undefined;
  const health = sharedHealth ?? localHealth;
  const router = createRouter({
    health,
    preset: config.routing.preset,
    weights: config.routing.weights,
    exploration: replay ? 0 : config.routing.exploration,
    tierOf: (model) => catalog.getModel(model)?.tier,
  });
  const adapters = withRecordReplay(createAdapterPool(catalog), { record: env.MODELMUX_RECORD, replay });
  const guardrails = options.guardrails ?? createLazyGuardrails(config.guardrails);
  const changes = createChangeFeed();
  const sessionBudgets = createSessionBudgets(config.budgets.session?.usd);
  // PostgreSQL when configured (one ledger for every instance), else SQLite in the data dir.
  const ledger = createLedger({
    dataDir: loaded.dataDir,
    logger,
    ...(config.usage.databaseUrl && { databaseUrl: config.usage.databaseUrl }),
  });
  // Global and per-key budgets start from the ledger's spend; with Redis they are shared by every instance.
  const budgets = createBudgetGate({ config, ledger, redisUrl: config.cache.redisUrl, logger });
  if (config.cache.redisUrl || config.usage.databaseUrl) await budgets.ready();
  const budget = composeBudgetGates(sessionBudgets.gate, budgets);
  // prom-client is only worth loading where /metrics is served (HTTP), not on stdio.
  const metrics =
    options.metrics === false ? undefined : (await import("../observability/metrics.js")).createMetrics();
  // The store opens on first use (or at warm-up), not on the start-up path.
  const cache = createLazyCache(async () => {
    const { createResponseCache } = await import("../cache/create-response-cache.js");
    return createResponseCache({ config: config.cache, dataDir: loaded.dataDir, logger });
  });
  // Every record also feeds /metrics and one structured log line.
  const recorder = teeLedger(ledger, ...(metrics ? [metrics] : []), createRequestLog(logger));
  const orchestrator = createOrchestrator({
    config,
    catalog,
    health,
    router,
    adapters,
    logger,
    budget,
    guardrails,
    changes,
    ledger: recorder,
    // With the store off, answers report `cache: "off"` rather than misses.
    ...(config.cache.store !== "off" && { cache }),
  });
  // Embeddings go through the same health, router, adapters, cache, budgets, guardrails and ledger.
  const embeddings = createEmbeddingCatalog(config, catalog);
  const embedder = createEmbedder({
    config,
    catalog,
    embeddings,
    health,
    router,
    adapters,
    budget,
    guardrails,
    changes,
    ledger: recorder,
    ...(config.cache.store !== "off" && { cache }),
  });
  const responseStore = createResponseStore({
    dataDir: loaded.dataDir,
    ttlDays: config.responses.storeTtlDays,
    logger,
  });
  // Every heavy piece (price data, tokenizer, provider SDK, guardrail detectors, cache store) loads
  // on first use anyway; the warm-up loads them all ahead of need so later calls are fast.
  function startWarmUp(): void {
    if (warmedUp) return;
    warmedUp = true;
    logger.debug("warming up");
    Promise.all([
      // All entries, not only the routable ones: the priced-only layer takes a few hundred ms to build.
      catalog.ready(),
      loadTokenizers(),
      adapters.warmUp(),
      // The worker thread too: starting it costs the event loop ~20 ms, not to be paid mid-request.
      guardrails.load().then((loaded) => loaded.warmUpOffThread()),
      cache.open(),
    ]).catch((error: unknown) => logger.warn({ error: String(error) }, "warm-up failed"));
  }
  // "soon": a moment after start-up, without slowing the client's first tools/list.
  // "on-first-use": when the server first does real work (the catalog is first used).
  if (warmUp === "soon") setTimeout(startWarmUp, WARM_UP_DELAY_MS).unref();
  // Closed in reverse: budgets settle, then the ledger flushes, then the cache.
  const closers: (() => Promise<void> | void)[] = [
    () => cache.close(),
    () => responseStore.close(),
    () => ledger.close(),
    () => budgets.close(),
    () => sharedHealth?.close(),
  ];
  return {
    config,
    dataDir: loaded.dataDir,
    catalog,
    health,
    orchestrator,
    embeddings,
    embedder,
    responseStore,
    sessionBudgets,
    guardrails,
    changes,
    ledger,
    budgets,
    ...(metrics && { metrics }),
    logger,
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}
