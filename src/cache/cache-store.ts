import { type DeserializedData, Keyv, type KeyvStoreAdapter } from "keyv";

export type StoreName = "sqlite" | "redis" | "memory";

/** One opened backend behind the response cache: the Keyv over it and how to shut it. */
export interface CacheStore {
  name: StoreName;
  keyv: Keyv;
  /** Longest a read may take before it counts as a store failure (and the request misses). */
  readTimeoutMs: number;
  /** Why the store is not usable right now (e.g. Redis down at start): the cache starts in its failing state. */
  unavailable?: string;
  /** Calls `listener` each time a networked store (re)connects, so the cache need not wait out its back-off. */
  onConnected?(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * Local stores only get slow when this process is starved of CPU, which is no reason to stop
 * caching; the limit only guards against a store that never answers.
 */
export const LOCAL_READ_TIMEOUT_MS = 10_000;

/** Marks a stored value that is not JSON, so the cache can tell a corrupt entry from a failing store. */
export const UNREADABLE = Symbol("unreadable");

function deserialize<Value>(text: string): DeserializedData<Value> {
  try {
    return JSON.parse(text) as DeserializedData<Value>;
  } catch {
    return { value: UNREADABLE as Value };
  }
}

/**
 * Keyv over an adapter, configured the same way for every store: errors are thrown (the cache
 * decides what a failure means), plain JSON (the default serializer walks values in JS, slower),
 * keys used as given (they are already namespaced), "modelmux" as the store's own prefix.
 */
export function createKeyv(store: KeyvStoreAdapter | Map<string, unknown>): Keyv {
  return new Keyv({
    store,
    namespace: "modelmux",
    useKeyPrefix: false,
    throwOnErrors: true,
    serialize: JSON.stringify,
    deserialize,
  });
}
