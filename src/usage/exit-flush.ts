/**
 * Runs synchronous flushes when the process exits or is told to stop, so buffered ledger
 * records reach disk. One set of process listeners however many ledgers are open.
 */
const flushes = new Set<() => void>();
/** Flushes that leave a signal to the process's own shutdown handler when it has one. */
const deferToHandler = new Set<() => void>();
const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function flushAll(signalHandled = false): void {
  for (const flush of flushes) {
    if (signalHandled && deferToHandler.has(flush)) continue;
    try {
      flush();
    } catch {
      // Exiting anyway: one failing store must not stop the others from flushing.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  // Another handler (the HTTP server's graceful stop) owns shutdown; else keep the default: die by the signal.
  const handled = process.listenerCount(signal) > 1;
  flushAll(handled);
  if (handled) return;
  uninstall();
  process.kill(process.pid, signal);
}

function onExit(): void {
  flushAll();
}

function install(): void {
  process.on("exit", onExit);
  // Prepended so we run before a `once` handler removes itself, and can count the others.
  for (const signal of SIGNALS) process.prependListener(signal, onSignal);
}

function uninstall(): void {
  process.off("exit", onExit);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/**
 * Registers a synchronous flush for exit and SIGINT/SIGTERM/SIGHUP; returns the unregister function.
 * `whenSignalHandled: false` skips it on a signal another handler owns (that handler's graceful
 * stop flushes asynchronously; the flush still runs at exit).
 */
export function flushOnExit(flush: () => void, options: { whenSignalHandled?: boolean } = {}): () => void {
  if (flushes.size === 0) install();
  flushes.add(flush);
  if (options.whenSignalHandled === false) deferToHandler.add(flush);
  return () => {
    deferToHandler.delete(flush);
    if (!flushes.delete(flush)) return;
    if (flushes.size === 0) uninstall();
  };
}
