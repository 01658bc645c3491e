/** Tells listeners that usage, budgets or health changed (after every finished request). */
export function createChangeFeed() {
  const listeners = new Set<() => void>();
  return {
    notify(): void {
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
