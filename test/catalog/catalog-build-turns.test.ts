import { describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { loadPriceData } from "../../src/catalog/price-data.js";
import { createStepwise } from "../../src/catalog/stepwise.js";
import { parseConfig } from "../../src/config/load-config.js";
import { loopGaps } from "../support/loop-gaps.js";

describe("catalog built in turns", () => {
  it("ready() builds every entry while other work keeps running", async () => {
    // The library's data loads in one piece (see price-data.ts); the catalog's own build is measured.
    loadPriceData();
    const catalog = createCatalog(parseConfig({}), {});
    // Gaps in held time (the lesser of wall and this process's CPU time): a loaded machine that
    // runs other processes in a gap does not make it long, a build on this thread does.
    const gaps = await loopGaps(() => catalog.ready(), "immediate", "held");
    // It gave the loop back (a build at once would show a single gap) and never for long: each
    // turn is ~8 ms of work (a warm build takes a few turns, a cold one dozens).
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...gaps)).toBeLessThan(150);
    const whole = createCatalog(parseConfig({}), {});
    expect(catalog.entries.map((entry) => entry.id)).toEqual(whole.entries.map((entry) => entry.id));
    expect(catalog.lookup("claude-sonnet-4.5").entry.id).toBe(whole.lookup("claude-sonnet-4.5").entry.id);
  });

  it("a caller that needs the entries at once finishes a build that is under way", async () => {
    const catalog = createCatalog(parseConfig({}), {});
    const ready = catalog.ready();
    await new Promise((resolve) => setImmediate(resolve));
    const entries = catalog.entries;
    await ready;
    expect(catalog.entries).toBe(entries);
    expect(entries.length).toBeGreaterThan(800);
  });

  it("builds routable models alone when only they are asked for", async () => {
    const catalog = createCatalog(parseConfig({}), {});
    await catalog.ready("routable");
    expect(catalog.getModel("gpt-4o-mini")?.deployments.length).toBeGreaterThan(0);
  });

  it("a stepwise value is built once, by whichever caller finishes it", async () => {
    let starts = 0;
    const value = createStepwise(function* () {
      starts++;
      // 20 steps of 2 ms: more than one turn (~8 ms) of work.
      for (let step = 0; step < 20; step++) {
        const until = performance.now() + 2;
        while (performance.now() < until);
        yield;
      }
      return { built: true };
    });
    const pending = value.ready();
    expect(value.done).toBe(false);
    const now = value.get();
    expect(await pending).toBe(now);
    expect(await value.ready()).toBe(now);
    expect(starts).toBe(1);
  });
});
