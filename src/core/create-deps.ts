import { createCatalog } from "../catalog/catalog.js";
import type { LoadedConfig } from "../config/load-config.js";
import type { Logger } from "../logger.js";
import type { ServerDeps } from "../server.js";

/** Builds the shared process-wide dependencies from a loaded config. */
export function createDeps(
  loaded: LoadedConfig,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): ServerDeps {
  const catalog = createCatalog(loaded.config, env);
  for (const warning of catalog.warnings) logger.warn({ warning }, "catalog");
  return { config: loaded.config, catalog, logger };
}
