import type { Logger } from "../logger.js";

const EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * SIGTERM or SIGINT runs `stop` once (stop taking work, drain, flush), then exits 0. A second
 * signal while it runs exits at once; the ledger's exit hook still writes what it buffered.
 */
export function exitGracefullyOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting now, without waiting for requests in flight");
      process.exit(EXIT_CODES[signal] ?? 1);
    }
    stopping = true;
    logger.info({ signal }, "shutting down: finishing requests in flight (a second signal exits now)");
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
