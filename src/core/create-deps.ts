import { createCatalog } from "../catalog/catalog.js";
import type { LoadedConfig } from "../config/load-config.js";
import type { Logger } from "../logger.js";
import { createHealthTracker } from "../router/health-tracker.js";
import { createRouter } from "../router/router.js";
import type { ServerDeps } from "../server.js";
import { loadTokenizers } from "../tokens/count-tokens.js";
import { createAdapterPool } from "./adapter-pool.js";
import { createOrchestrator } from "./orchestrator.js";
import { composeBudgetGates, createSessionBudgets } from "./session-budgets.js";

const WARM_UP_DELAY_MS = 1000;

/** Builds the shared process-wide dependencies from a loaded config. */
export async function createDeps(
  loaded: LoadedConfig,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServerDeps> {
  const { config } = loaded;
  const catalog = createCatalog(config, env);
  for (const warning of catalog.warnings) logger.warn({ warning }, "catalog");
  const health = createHealthTracker({
    failureThreshold: config.routing.breaker.failureThreshold,
    cooldownMs: config.routing.breaker.cooldownMs,
  });
  const router = createRouter({
    health,
    preset: config.routing.preset,
    weights: config.routing.weights,
    exploration: config.routing.exploration,
    tierOf: (model) => catalog.getModel(model)?.tier,
  });
  const adapters = createAdapterPool(catalog);
  const sessionBudgets = createSessionBudgets(config.budgets.session?.usd);
  const budget = composeBudgetGates(sessionBudgets.gate);
  const orchestrator = createOrchestrator({
    config,
    catalog,
    health,
    router,
    adapters,
    logger,
    budget,
  });
  // Load the tokenizers and the provider SDK a moment after start-up, so the first call is fast
  // without slowing the client's first tools/list.
  setTimeout(() => {
    Promise.all([loadTokenizers(), adapters.warmUp()]).catch((error: unknown) =>
      logger.warn({ error: String(error) }, "warm-up failed"),
    );
  }, WARM_UP_DELAY_MS).unref();
  const closers: (() => Promise<void> | void)[] = [];
  return {
    config,
    dataDir: loaded.dataDir,
    catalog,
    health,
    orchestrator,
    sessionBudgets,
    logger,
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}
