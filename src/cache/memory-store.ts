import { type CacheStore, createKeyv, LOCAL_READ_TIMEOUT_MS } from "./cache-store.js";

const DEFAULT_MAX_ENTRIES = 10_000;

/** A Map that forgets its least recently used entry beyond `maxEntries` (Keyv drops expired ones on read). */
export class BoundedMap<Value> extends Map<string, Value> {
  readonly maxEntries: number;

  constructor(maxEntries: number) {
    super();
    this.maxEntries = maxEntries;
  }

  override get(key: string): Value | undefined {
    const value = super.get(key);
    if (value !== undefined) {
      // Re-insert to mark it most recently used (Map keeps insertion order).
      super.delete(key);
      super.set(key, value);
    }
    return value;
  }

  override set(key: string, value: Value): this {
    super.delete(key);
    super.set(key, value);
    for (const oldest of this.keys()) {
      if (this.size <= this.maxEntries) break;
      super.delete(oldest);
    }
    return this;
  }
}

/** In-process store: one instance only, lost on exit; for tests and single short-lived processes. */
export function openMemoryStore(maxEntries = DEFAULT_MAX_ENTRIES): CacheStore {
  const keyv = createKeyv(new BoundedMap<unknown>(maxEntries));
  return { name: "memory", keyv, readTimeoutMs: LOCAL_READ_TIMEOUT_MS, close: async () => {} };
}
