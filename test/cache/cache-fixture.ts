import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../../src/config/load-config.js";
import type { ConfigInput } from "../../src/config/schema.js";
import { createDeps } from "../../src/core/create-deps.js";
import type { RouteRequest, RouteResult } from "../../src/core/route-types.js";
import { createLogger, type Logger } from "../../src/logger.js";
import type { ServerDeps } from "../../src/server.js";
import type { FakeUpstream } from "../support/fake-upstream.js";

export interface CachedGateway {
  deps: ServerDeps;
  run(request?: Partial<RouteRequest>): Promise<RouteResult>;
  close(): Promise<void>;
}

/** The production wiring (createDeps) in front of one fake provider `pa` serving model `m1`. */
export async function startCachedGateway(options: {
  upstream: FakeUpstream;
  cache: NonNullable<ConfigInput["cache"]>;
  dataDir?: string;
  logger?: Logger;
}): Promise<CachedGateway> {
  const config = parseConfig({
    providers: {
      pa: {
        baseURL: options.upstream.url,
        models: { m1: { price: { input: 1, output: 2 }, tier: "small" } },
      },
    },
    routing: { exploration: 0, maxAttempts: 2, timeoutMs: 10_000, attemptTimeoutMs: 5_000 },
    cache: options.cache,
  });
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "modelmux-cache-"));
  const deps = await createDeps(
    { config, dataDir, source: "test" },
    options.logger ?? createLogger("silent"),
    {},
  );
  return {
    deps,
    run: (request = {}) =>
      deps.orchestrator.run({
        model: "m1",
        messages: [{ role: "user", content: "Translate 'good morning' into French." }],
        caller: { key: "local", tool: "test" },
        ...request,
      }),
    close: () => deps.close(),
  };
}
