import { describe, expect, it } from "vitest";
import { cheapestFirst, compareCosts, onProvider } from "../../src/tools/cost-comparison.js";

const row = (deployment: string, perRequest: number, total = perRequest * 10) => ({
  model: deployment.split("/")[1] ?? deployment,
  provider: deployment.split("/")[0] ?? deployment,
  deployment,
  cost_per_request_usd: perRequest,
  cost_total_usd: total,
});

describe("estimate_cost's comparison (chat and embedding workloads alike)", () => {
  it("sorts cheapest first, equal costs in deployment order", () => {
    const rows = cheapestFirst([row("b/x", 2), row("c/y", 1), row("a/z", 2)]);
    expect(rows.map((entry) => entry.deployment)).toEqual(["c/y", "a/z", "b/x"]);
  });

  it("names the cheapest and priciest, the saving between them, and the saving versus a baseline's cheapest row", () => {
    const rows = cheapestFirst([row("a/m", 0.003, 0.03), row("b/m", 0.001, 0.01), row("c/n", 0.002, 0.02)]);
    expect(compareCosts(rows, [row("c/n", 0.002, 0.02), row("d/n", 0.0015, 0.015)])).toEqual({
      cheapest: rows[0],
      most_expensive: rows[2],
      saving_vs_most_expensive_usd: 0.02,
      saving_vs_most_expensive_pct: 66.67,
      baseline: { model: "n", provider: "d", cost_total_usd: 0.015, saving_usd: 0.005, saving_pct: 33.33 },
    });
  });

  it("answers nulls and zeros for no rows, no baseline, or a baseline with no deployment", () => {
    const empty = { cheapest: null, most_expensive: null, saving_vs_most_expensive_usd: 0 };
    expect(compareCosts([], undefined)).toEqual({
      ...empty,
      saving_vs_most_expensive_pct: 0,
      baseline: null,
    });
    expect(compareCosts([row("a/m", 1)], [])).toMatchObject({
      baseline: null,
      saving_vs_most_expensive_pct: 0,
    });
    expect(compareCosts([], [row("a/m", 1, 0)])?.baseline).toEqual({
      model: "m",
      provider: "a",
      cost_total_usd: 0,
      saving_usd: 0,
      saving_pct: 0,
    });
  });

  it("keeps the deployments on a pinned provider, or all of them", () => {
    const deployments = [{ provider: "a" }, { provider: "b" }];
    expect(onProvider(deployments, "b")).toEqual([{ provider: "b" }]);
    expect(onProvider(deployments)).toEqual(deployments);
  });
});
