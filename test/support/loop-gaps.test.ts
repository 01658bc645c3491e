import { describe, expect, it } from "vitest";
import { longestStall, loopGaps } from "./loop-gaps.js";

/** Holds this thread for `ms` of wall time. */
function holdFor(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe("the event-loop probe the stall tests use", () => {
  it("measures a turn that ends the work, not only turns between ticks", async () => {
    expect(await longestStall(async () => holdFor(60))).toBeGreaterThanOrEqual(60);
    const gaps = await loopGaps(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      holdFor(60);
    });
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(60);
  });

  it("does not count, in held time, a wait that leaves the loop free", async () => {
    const held = await longestStall(
      () => new Promise((resolve) => setTimeout(resolve, 60)),
      "immediate",
      "held",
    );
    // Ticks run all through the wait; no single gap comes near its length.
    expect(held).toBeLessThan(60);
  });
});
