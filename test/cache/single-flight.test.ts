import { describe, expect, it } from "vitest";
import { createSingleFlight } from "../../src/cache/single-flight.js";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

describe("single flight", () => {
  it("runs the work once for 50 concurrent callers with the same key", async () => {
    const singleFlight = createSingleFlight();
    const gate = deferred<string>();
    let runs = 0;
    const callers = Array.from({ length: 50 }, () =>
      singleFlight("k", () => {
        runs++;
        return gate.promise;
      }),
    );
    gate.resolve("answer");
    expect(await Promise.all(callers)).toEqual(Array(50).fill("answer"));
    expect(runs).toBe(1);
  });

  it("keeps different keys apart", async () => {
    const singleFlight = createSingleFlight();
    let runs = 0;
    const work = async () => ++runs;
    await Promise.all([singleFlight("a", work), singleFlight("b", work)]);
    expect(runs).toBe(2);
  });

  it("shares a failure with the callers already waiting, and the next caller tries again", async () => {
    const singleFlight = createSingleFlight();
    const gate = deferred<string>();
    const first = singleFlight("k", () => gate.promise);
    const second = singleFlight("k", () => Promise.resolve("never runs"));
    gate.reject(new Error("upstream 500"));
    await expect(first).rejects.toThrow("upstream 500");
    await expect(second).rejects.toThrow("upstream 500");
    await expect(singleFlight("k", async () => "retried")).resolves.toBe("retried");
  });

  it("shares only a flight still in the air: a caller after it lands runs the work again", async () => {
    const singleFlight = createSingleFlight();
    let runs = 0;
    expect(await singleFlight("k", async () => ++runs)).toBe(1);
    expect(await singleFlight("k", async () => ++runs)).toBe(2);
  });

  it("turns a synchronous throw into a rejection", async () => {
    const singleFlight = createSingleFlight();
    await expect(
      singleFlight("k", () => {
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
  });
});
