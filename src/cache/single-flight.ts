export type SingleFlight = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/**
 * Concurrent callers with the same key share one run of `work` (and its result or error). Only a
 * flight still in the air is shared: a caller after it lands runs `work` again, which is what
 * `cache.mode: "refresh"` needs. (A caller whose lookup missed while the flight was landing finds
 * the answer in the cache's write buffer instead: `get` checks it again after reading the store.)
 */
export function createSingleFlight(): SingleFlight {
  const flights = new Map<string, Promise<unknown>>();

  return function singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
    const existing = flights.get(key);
    if (existing) return existing as Promise<T>;
    const flight = Promise.resolve().then(work);
    flights.set(key, flight);
    const forget = () => {
      if (flights.get(key) === flight) flights.delete(key);
    };
    flight.then(forget, forget);
    return flight;
  };
}
