/**
 * Tells listeners that usage, budgets or health changed (after every finished request), and whose
 * request it was, so a tenant is told only of its own (core/access-policy.ts `seesActivityOf`).
 */
export function createChangeFeed() {
  const listeners = new Set<(key: string | undefined) => void>();
  return {
    /** `key`: the virtual key whose request finished. */
    notify(key?: string): void {
      for (const listener of listeners) listener(key);
    },
    subscribe(listener: (key: string | undefined) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
