/**
 * What the pipeline needs of a caller's cancellation: an AbortSignal (MCP requests bring one), or
 * a Cancellation. Only a signal handed to an API that insists on an AbortSignal (MCP sampling) has
 * to be converted, with toAbortSignal.
 */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/**
 * A CancelSignal without EventTarget's cost: an AbortController and its listener bookkeeping were
 * a few per cent of the /v1 gateway's CPU per request, for a signal that almost never fires.
 * Listeners run once, on the first abort, like `{ once: true }` on an AbortSignal.
 */
export class Cancellation implements CancelSignal {
  aborted = false;
  reason: unknown = undefined;
  #listeners: (() => void)[] = [];

  addEventListener(_type: "abort", listener: () => void): void {
    if (!this.aborted && !this.#listeners.includes(listener)) this.#listeners.push(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    const index = this.#listeners.indexOf(listener);
    if (index >= 0) this.#listeners.splice(index, 1);
  }

  abort(reason: unknown = new DOMException("This operation was aborted", "AbortError")): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener();
  }
}

/** The signal as an AbortSignal, for APIs that need one (the MCP SDK's sampling request). */
export function toAbortSignal(signal: CancelSignal | undefined): AbortSignal | undefined {
  if (!signal || signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}

/** AbortSignal#throwIfAborted for any CancelSignal: throws its reason once it has aborted. */
export function throwIfCancelled(signal: CancelSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}
