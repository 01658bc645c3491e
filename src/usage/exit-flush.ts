/**
 * Runs synchronous flushes when the process exits or is told to stop, so buffered ledger
 * records reach disk. One set of process listeners however many ledgers are open.
 */
const flushes = new Set<() => void>();
const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function flushAll(): void {
  for (const flush of flushes) {
    try {
      flush();
    } catch {
      // Exiting anyway: one failing store must not stop the others from flushing.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  flushAll();
  // Another handler (the HTTP server's graceful stop) owns shutdown; else keep the default: die by the signal.
  if (process.listenerCount(signal) > 1) return;
  uninstall();
  process.kill(process.pid, signal);
}

function install(): void {
  process.on("exit", flushAll);
  // Prepended so we run before a `once` handler removes itself, and can count the others.
  for (const signal of SIGNALS) process.prependListener(signal, onSignal);
}

function uninstall(): void {
  process.off("exit", flushAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Registers a synchronous flush for exit and SIGINT/SIGTERM/SIGHUP; returns the unregister function. */
export function flushOnExit(flush: () => void): () => void {
  if (flushes.size === 0) install();
  flushes.add(flush);
  return () => {
    if (!flushes.delete(flush)) return;
    if (flushes.size === 0) uninstall();
  };
}
