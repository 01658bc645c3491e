import KeyvRedis, { createClient } from "@keyv/redis";
import { type CacheStore, createKeyv } from "./cache-store.js";

const CONNECT_TIMEOUT_MS = 2_000;
/** A Redis on a network can stop answering without closing the socket: past this a read is a miss. */
const READ_TIMEOUT_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * @keyv/redis over a client we configure ourselves: with the offline queue off, a command sent
 * while Redis is down fails at once instead of waiting for a reconnect (the request must not
 * hang); reconnection keeps going in the background with a capped back-off. Start-up waits for
 * the first connection attempt; if Redis is down or slow then, the cache starts in its failing state
 * and picks Redis up the moment the client is ready.
 */
export async function openRedisStore(url: string): Promise<CacheStore> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
    },
  });
  // Without a listener an 'error' event would crash the process; the cache reports failures per operation.
  client.on("error", () => {});
  const adapter = new KeyvRedis(client, { throwOnErrors: true, throwOnConnectError: true });
  const keyv = createKeyv(adapter);
  await firstConnection(client);
  return {
    name: "redis",
    keyv,
    readTimeoutMs: READ_TIMEOUT_MS,
    ...(!client.isReady && { unavailable: `redis at ${redactUrl(url)} not reachable at start` }),
    onConnected: (listener) => client.on("ready", listener),
    async close() {
      // close() waits for replies, which never come from a dead server; destroy() does not wait.
      if (client.isReady) await client.close();
      else client.destroy();
    },
  };
}

/** Resolves once the client is ready, fails its first attempt (it keeps retrying), or CONNECT_TIMEOUT_MS passes. */
async function firstConnection(client: {
  connect(): Promise<unknown>;
  once(event: "error", listener: () => void): unknown;
  off(event: "error", listener: () => void): unknown;
}): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onError: (() => void) | undefined;
  const settled = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CONNECT_TIMEOUT_MS);
    onError = resolve;
    client.once("error", onError);
  });
  await Promise.race([client.connect().catch(() => {}), settled]);
  clearTimeout(timer);
  if (onError) client.off("error", onError);
}

/** The URL without its password, for logs. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable redis URL)";
  }
}
