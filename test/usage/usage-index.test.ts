import { describe, expect, it } from "vitest";
import { createUsageIndex, fieldsOf } from "../../src/usage/usage-index.js";
import { usageRecord } from "./usage-record.js";

describe("usage index row cap", () => {
  it("never holds more than its cap, and covers exactly the rows it kept", () => {
    const index = createUsageIndex(0, 10);
    const added: { time: number; costUsd: number }[] = [];
    for (let row = 0; row < 1_000; row++) {
      // Mostly in time order, with some rows recorded late (a long call that started earlier).
      const time = 1_000 + row * 10 - (row % 7 === 0 ? 35 : 0);
      const costUsd = (row % 13) / 1_000;
      index.add(fieldsOf(usageRecord({ time, costUsd })));
      added.push({ time, costUsd });
      expect(index.size).toBeLessThanOrEqual(10);
      // Every row from coverageStart on is in the index: its sums equal the sums over all rows added.
      const since = index.coverageStart;
      const expected = added.filter((entry) => entry.time >= since);
      const totals = index.summarize({ since, until: Date.UTC(2030, 0, 1) }).totals;
      expect(totals.requests).toBe(expected.length);
      expect(totals.cost_usd).toBeCloseTo(
        expected.reduce((sum, entry) => sum + entry.costUsd, 0),
        9,
      );
    }
    expect(index.coverageStart).toBeGreaterThan(9_000);
  });
});
