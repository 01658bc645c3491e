import type { CachedAnswer } from "../core/hooks.js";

const BATCH_SIZE = 64;

export interface PendingWrite {
  answer: CachedAnswer;
  expiresAt: number;
}

export interface WriteBehind {
  /** The answer stored under `key` that has not reached the store yet (and has not expired). */
  peek(key: string): CachedAnswer | undefined;
  /** Queues a write; false when the buffer is full (the write is dropped). */
  add(key: string, write: PendingWrite): boolean;
  /** Resolves once everything queued so far has been written or dropped. */
  drain(): Promise<void>;
}

/**
 * Keeps store writes off the request's path: `add` only records the answer in memory (so an
 * identical request right after still hits) and a background loop writes batches to the store
 * on the next macrotask, after the answer has gone out.
 */
export function createWriteBehind(options: {
  write: (key: string, write: PendingWrite) => Promise<void>;
  maxPending: number;
  now: () => number;
}): WriteBehind {
  const pending = new Map<string, PendingWrite>();
  const queued = new Set<string>();
  let flushing: Promise<void> | undefined;

  async function writeOne(key: string): Promise<void> {
    const entry = pending.get(key);
    if (!entry) return;
    try {
      if (entry.expiresAt > options.now()) await options.write(key, entry);
    } finally {
      // A newer answer for the same key may have arrived meanwhile: keep that one.
      if (pending.get(key) === entry) pending.delete(key);
    }
  }

  async function flush(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (queued.size > 0) {
      // Bounded batches: a burst never queues thousands of writes ahead of the reads on one connection.
      const batch = [...queued].slice(0, BATCH_SIZE);
      for (const key of batch) queued.delete(key);
      await Promise.allSettled(batch.map(writeOne));
    }
  }

  function schedule(): void {
    if (flushing) return;
    flushing = flush().finally(() => {
      flushing = undefined;
      // Writes added between the loop's last check and here still need a flush.
      if (queued.size > 0) schedule();
    });
  }

  return {
    peek(key) {
      const entry = pending.get(key);
      return entry && entry.expiresAt > options.now() ? entry.answer : undefined;
    },
    add(key, write) {
      if (pending.size >= options.maxPending && !pending.has(key)) return false;
      pending.set(key, write);
      queued.add(key);
      schedule();
      return true;
    },
    async drain() {
      while (flushing) await flushing;
    },
  };
}
