export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /**
   * Counts one request for `key` when it fits in `perMinute`; otherwise says how long to wait.
   * Synchronous in memory; a promise when the window is shared through Redis.
   */
  take(key: string, perMinute: number): RateDecision | Promise<RateDecision>;
}

const WINDOW_MS = 60_000;

/**
 * A sliding-window log per key, in memory: exact (no burst at window edges, unlike fixed
 * windows) and small, since a key never keeps more than its own rpm timestamps.
 */
export function createRateLimiter(options: { now?: () => number } = {}): {
  take(key: string, perMinute: number): RateDecision;
} {
  const now = options.now ?? Date.now;
  const logs = new Map<string, number[]>();

  return {
    take(key, perMinute) {
      const at = now();
      const log = logs.get(key) ?? [];
      while (log.length > 0 && (log[0] ?? 0) <= at - WINDOW_MS) log.shift();
      if (log.length >= perMinute) {
        const oldest = log[log.length - perMinute] ?? at;
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - at) / 1000)),
        };
      }
      log.push(at);
      logs.set(key, log);
      return { allowed: true };
    },
  };
}
