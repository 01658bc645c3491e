/**
 * Resolves once the event loop has polled for I/O: a long task split here lets other requests run
 * between its steps. Two immediates, because one queued from an I/O callback runs in the same
 * loop iteration's check phase, before any new I/O is read.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
