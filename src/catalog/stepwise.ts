/**
 * A value built in small steps (a generator that yields between them), which can be finished at
 * once when a caller needs it now, or built in turns that give the event loop back, so that
 * building it (the whole priced catalog: a few hundred ms) never stalls other requests for long.
 */
export type Steps<T> = Generator<void, T, void>;

/** How long one turn of building may hold the event loop before it yields. */
const TURN_MS = 8;

export interface Stepwise<T> {
  /** The value, finishing whatever is left of the build at once. */
  get(): T;
  /** The value, building what is left in turns of at most ~TURN_MS between event-loop turns. */
  ready(): Promise<T>;
  /** The rest of the build as steps, for a build that depends on this one. */
  steps(): Steps<T>;
  readonly done: boolean;
}

export function createStepwise<T>(start: () => Steps<T>): Stepwise<T> {
  let steps: Steps<T> | undefined;
  let result: { value: T } | undefined;
  let pending: Promise<T> | undefined;
  const step = (): boolean => {
    steps ??= start();
    const next = steps.next();
    if (next.done) result = { value: next.value };
    return next.done === true;
  };
  const get = (): T => {
    while (!result) step();
    return result.value;
  };
  return {
    get,
    ready() {
      if (result) return Promise.resolve(result.value);
      pending ??= (async () => {
        let started = performance.now();
        // `get()` may finish the build between turns: step() then reports it done.
        while (!result && !step()) {
          if (performance.now() - started >= TURN_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            started = performance.now();
          }
        }
        return get();
      })();
      return pending;
    },
    *steps() {
      while (!result) {
        step();
        if (!result) yield;
      }
      return result.value;
    },
    get done() {
      return result !== undefined;
    },
  };
}

/** Runs steps to the end at once (for callers with no event loop to share). */
export function finishSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
