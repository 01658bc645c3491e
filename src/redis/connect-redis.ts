import type { Logger } from "../logger.js";

/**
 * A Redis client for state shared between instances (budgets, health). It fails fast while
 * disconnected, so callers fall back to local state instead of queueing, reconnects in the
 * background, and logs each distinct problem once. Imported on demand: the client library costs
 * ~0.5 s to load, which start-up without Redis never pays.
 */
export async function connectRedis(url: string, options: { logger?: Logger; purpose: string }) {
  const { createClient } = await import("@redis/client");
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: 2_000 },
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  let lastError = "";
  client.on("error", (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    options.logger?.warn({ err: error.message }, `${options.purpose}: Redis error`);
  });
  client.on("ready", () => {
    lastError = "";
  });
  const connecting = client.connect().then(
    () => undefined,
    (error: unknown) => {
      options.logger?.warn({ err: String(error) }, `${options.purpose}: cannot connect to Redis`);
    },
  );
  return { client, connecting };
}

export type RedisClient = Awaited<ReturnType<typeof connectRedis>>["client"];
