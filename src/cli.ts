#!/usr/bin/env node
import { httpClientConfig } from "./cli/client-config.js";
import { HELP } from "./cli/help.js";
import { parseCliArgs } from "./cli/parse-args.js";
import { errorMessage, isModelmuxError } from "./errors.js";
import { VERSION } from "./version.js";

/** Usage errors and bad config exit 2 with one line naming the field; never a stack trace. */
function fail(error: unknown): never {
  const message = isModelmuxError(error) ? error.message : errorMessage(error);
  process.stderr.write(`modelmux: ${message}\n`);
  process.exit(
    isModelmuxError(error) && (error.code === "INVALID_INPUT" || error.code === "INVALID_CONFIG") ? 2 : 1,
  );
}

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.help) {
    process.stderr.write(HELP);
    return;
  }
  if (args.version) {
    process.stderr.write(`${VERSION}\n`);
    return;
  }
  // Loaded only now, so --help and --version answer at once.
  const [{ loadConfig }, { createDeps }, { createLogger }, { configSecrets }] = await Promise.all([
    import("./config/load-config.js"),
    import("./core/create-deps.js"),
    import("./logger.js"),
    import("./observability/config-secrets.js"),
  ]);
  const loaded = await loadConfig({ file: args.config });
  // Provider keys from the config are scrubbed from every log line, whatever their variable's name.
  const logger = createLogger(undefined, { secrets: configSecrets(loaded.config) });
  if (args.prices) {
    // Stores fresher price data in the data dir; servers read it from their next start.
    const { runPricesUpdate } = await import("./cli/prices-command.js");
    await runPricesUpdate(args.prices, { dataDir: loaded.dataDir });
    return;
  }
  if (args.usage) {
    // A report on stdout, not a server: no deps, no transports.
    const { runUsageCommand } = await import("./cli/usage-command.js");
    await runUsageCommand(args.usage, {
      dataDir: loaded.dataDir,
      logger,
      ...(loaded.config.usage.databaseUrl && { databaseUrl: loaded.config.usage.databaseUrl }),
    });
    return;
  }
  if (args.migrate) {
    const { runMigrateLedger } = await import("./cli/migrate-ledger.js");
    await runMigrateLedger(args.migrate, { dataDir: loaded.dataDir, logger });
    return;
  }
  // MCP clients start every configured stdio server when they launch, and most sit idle all
  // session: a stdio server loads its heavy pieces (~80 MB: tokenizer, price data, guardrail
  // detectors, provider SDK, cache store) when first used rather than on a timer, so an idle one
  // stays small. The price: its first call that counts tokens waits ~0.6 s for the tokenizer, once.
  // `modelmux http` is a shared, long-running service: it warms up right after start instead.
  const http = args.command === "http";
  const deps = await createDeps(loaded, logger, process.env, {
    metrics: http,
    warmUp: http ? "soon" : "on-first-use",
  });

  if (args.command === "stdio") {
    const { serveStdio } = await import("./transports/stdio.js");
    await serveStdio(deps);
    return;
  }
  const host = args.host ?? loaded.config.server.host;
  const port = args.port ?? loaded.config.server.port;
  const { startHttpServer } = await import("./transports/http.js");
  const running = await startHttpServer(deps, { host, port });
  process.stderr.write(
    `modelmux ${VERSION} listening on ${running.url}\nMCP endpoint: ${running.mcpUrl}\nPaste into your MCP client config:\n${httpClientConfig(running.mcpUrl)}\n`,
  );
  const { exitGracefullyOnSignals } = await import("./cli/graceful-shutdown.js");
  // Stop taking work, let requests in flight finish (they record themselves), then flush the ledger.
  exitGracefullyOnSignals(async () => {
    await running.drain(loaded.config.server.drainTimeoutMs);
    await deps.close();
  }, logger);
}

main().catch(fail);
