import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Tracks the requests a server is working on, so a shutdown can stop taking new work and wait
 * for the work in hand. A request counts from its arrival until its response closes (sent, or the
 * connection dropped) and its handler settles: by then the orchestrator has recorded it.
 */
export interface RequestDrain {
  /** True once draining began: new requests are answered 503. */
  readonly draining: boolean;
  /** Requests being worked on. */
  inFlight(): number;
  /** Counts `work` (the request's handler) until it settles and `response` closes. */
  track(response: ServerResponse, work: Promise<void>): void;
  /** Starts draining; resolves true once nothing is in flight, false when `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Resolves when every tracked handler has settled, or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void>;
}

/** Long-lived streams that are no work to wait for: the MCP server-to-client SSE stream (GET /mcp). */
export function isIdleStream(request: IncomingMessage): boolean {
  return request.method === "GET" && (request.url ?? "").startsWith("/mcp");
}

export function createRequestDrain(): RequestDrain {
  let draining = false;
  let open = 0;
  const handlers = new Set<Promise<void>>();
  const waiters = new Set<() => void>();

  function changed(): void {
    if (open > 0) return;
    for (const waiter of waiters) waiter();
  }

  function waitIdle(timeoutMs: number): Promise<boolean> {
    if (open === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        waiters.delete(onIdle);
        resolve(idle);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      waiters.add(onIdle);
    });
  }

  return {
    get draining() {
      return draining;
    },
    inFlight: () => open,
    track(response, work) {
      open++;
      let pending = 2;
      const finishOne = () => {
        if (--pending > 0) return;
        open--;
        changed();
      };
      const handler = work.finally(() => {
        handlers.delete(handler);
        finishOne();
      });
      handlers.add(handler);
      if (response.closed) finishOne();
      else response.once("close", finishOne);
    },
    drain(timeoutMs) {
      draining = true;
      return waitIdle(timeoutMs);
    },
    async settled(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...handlers]),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
