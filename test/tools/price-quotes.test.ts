import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectInMemory, errorText, structured } from "../support/in-memory-server.js";

interface Row {
  model: string;
  kind: string;
  provider: string;
  deployment: string;
  input_tokens: number;
  price: { input: number; output: number; cached_input?: number };
  off_peak?: { hours_utc: string; input: number; output: number };
  peak?: { hours_utc: string; input: number; output: number };
  tiers?: { above_tokens: number; input: number; output: number }[];
  cost_per_request_usd: number;
  cost_total_usd: number;
  warnings: string[];
}
interface Estimate {
  rows: Row[];
  errors: { model: string; error: string; suggestions: string[] }[];
  priced_at: string;
  price_basis: string;
}
interface Listed {
  count: number;
  routable: number;
  models: {
    id: string;
    kind: string;
    tier: string | null;
    capabilities: string[] | null;
    providers: { provider: string; price: { input: number; output: number }; off_peak?: unknown }[];
  }[];
}

let session: Awaited<ReturnType<typeof connectInMemory>>;
const estimate = async (args: Record<string, unknown>) =>
  structured<Estimate>(await session.client.callTool({ name: "estimate_cost", arguments: args }));

beforeAll(async () => {
  session = await connectInMemory();
});
afterAll(async () => {
  await session.close();
});

describe("estimate_cost quotes", () => {
  it("prices priced-only models and gives an unknown one its own error entry", async () => {
    const result = await estimate({
      input_tokens: 1000,
      expected_output_tokens: 100,
      models: ["gpt-5.1", "kimi-k2", "no-such-model-xyz", "claude-sonnet-4.5"],
    });
    expect(new Set(result.rows.map((row) => row.model))).toEqual(
      new Set(["gpt-5.1", "kimi-k2", "claude-sonnet-4-5"]),
    );
    expect(result.rows.find((row) => row.model === "gpt-5.1")?.kind).toBe("priced");
    expect(result.rows.find((row) => row.model === "claude-sonnet-4-5")?.kind).toBe("routable");
    expect(result.errors).toEqual([
      expect.objectContaining({ model: "no-such-model-xyz", error: expect.stringMatching(/unknown model/) }),
    ]);
  });

  it("prices at the moment asked for, or by the day's peak, off-peak or average", async () => {
    const base = {
      input_tokens: 1_000_000,
      expected_output_tokens: 1_000_000,
      models: ["deepseek/deepseek-v4-flash"],
    };
    const morning = await estimate({ ...base, at: "2026-12-04T07:00:00Z" });
    const noon = await estimate({ ...base, at: "2026-12-04T12:00:00Z" });
    expect(morning.rows[0]?.cost_per_request_usd).toBeCloseTo(1.76, 9);
    expect(noon.rows[0]?.cost_per_request_usd).toBeCloseTo(0.88, 9);
    // The row's price is the one its cost uses, and the schedule is stated.
    expect(noon.rows[0]?.price).toMatchObject({ input: 0.22, output: 0.66 });
    expect(noon.rows[0]?.off_peak).toMatchObject({ input: 0.22, output: 0.66 });
    expect(noon.rows[0]?.peak).toMatchObject({ hours_utc: "01:00-04:00,06:00-10:00" });
    const peak = await estimate({ ...base, at: "2026-12-04T12:00:00Z", price_basis: "peak", requests: 10 });
    expect(peak.price_basis).toBe("peak");
    expect(peak.rows[0]?.cost_total_usd).toBeCloseTo(17.6, 9);
    const average = await estimate({ ...base, at: "2026-12-04T12:00:00Z", price_basis: "average" });
    expect(average.rows[0]?.cost_per_request_usd).toBeCloseTo(
      ((0.44 + 1.32) * 7 + (0.22 + 0.66) * 17) / 24,
      9,
    );
    expect(
      errorText(await session.client.callTool({ name: "estimate_cost", arguments: { ...base, at: "noon" } })),
    ).toMatch(/at/);
  });

  it("uses the long-context tier the request falls in, and says so in the row", async () => {
    const result = await estimate({
      input_tokens: 300_000,
      expected_output_tokens: 1000,
      models: ["google/gemini-2.5-pro"],
    });
    const row = result.rows[0];
    expect(row?.tiers).toEqual([{ above_tokens: 200_000, input: 2.5, output: 15 }]);
    expect(row?.price).toMatchObject({ input: 2.5, output: 15 });
    expect(row?.cost_per_request_usd).toBeCloseTo((300_000 * 2.5 + 1000 * 15) / 1e6, 9);
  });

  it("totals huge volumes from unrounded per-request costs", async () => {
    const result = await estimate({
      input_tokens: 1,
      expected_output_tokens: 0,
      cached_input_fraction: 1,
      requests: 1e9,
      models: ["openai/gpt-5-nano", "openai/gpt-4o-mini"],
    });
    for (const row of result.rows) {
      const cached = row.price.cached_input ?? row.price.input;
      expect(row.cost_total_usd, row.deployment).toBeCloseTo((cached / 1e6) * 1e9, 6);
    }
  });

  it("warns about context window, max output, deprecation", async () => {
    const result = await estimate({
      input_tokens: 500_000,
      expected_output_tokens: 200_000,
      models: ["openai/gpt-4o", "kimi-k2"],
    });
    const gpt = result.rows.find((row) => row.model === "gpt-4o");
    expect(gpt?.warnings.join(" ")).toMatch(/exceeds the context window of 128000/);
    expect(gpt?.warnings.join(" ")).toMatch(/exceeds the max output of 16384/);
    const kimi = result.rows.find((row) => row.deployment === "moonshot/kimi-k2");
    expect(kimi?.warnings.join(" ")).toMatch(/deprecated/);
  });

  it("warns when the price data is older than 60 days", async () => {
    const result = await estimate({ input_tokens: 10, models: ["gpt-4o"], at: "2027-06-01T00:00:00Z" });
    expect(result.rows[0]?.warnings.join(" ")).toMatch(/price data is \d+ days old/);
    const fresh = await estimate({ input_tokens: 10, models: ["gpt-4o"], at: "2026-10-01T00:00:00Z" });
    expect(fresh.rows[0]?.warnings).toEqual([]);
  });

  it("prices the whole priced catalog with kind: all", async () => {
    const all = await estimate({ input_tokens: 1000, kind: "all" });
    const routable = await estimate({ input_tokens: 1000 });
    expect(all.rows.length).toBeGreaterThan(routable.rows.length * 10);
    expect(new Set(routable.rows.map((row) => row.kind))).toEqual(new Set(["routable"]));
  });
});

describe("list_models kinds", () => {
  it("says which kind each entry is, filters by it, and leaves unknown tiers null", async () => {
    const list = async (args: Record<string, unknown>) =>
      structured<Listed>(await session.client.callTool({ name: "list_models", arguments: args }));
    const all = await list({ limit: 1000 });
    expect(all.count).toBeGreaterThan(500);
    expect(all.routable).toBeGreaterThan(30);
    const priced = await list({ kind: "priced", limit: 1000 });
    expect(
      priced.models.every(
        (model) => model.kind === "priced" && model.tier === null && model.capabilities === null,
      ),
    ).toBe(true);
    const routable = await list({ kind: "routable" });
    expect(routable.models.every((model) => model.kind === "routable" && model.tier !== null)).toBe(true);
    expect(routable.count + priced.count).toBe(all.count);
    // A tier filter keeps to entries whose tier is known.
    const small = await list({ tier: "small", limit: 1000 });
    expect(small.models.every((model) => model.kind === "routable")).toBe(true);
  });

  it("shows the price the cost uses, right now", async () => {
    const listed = structured<Listed>(
      await session.client.callTool({
        name: "list_models",
        arguments: { kind: "routable", provider: "deepseek" },
      }),
    );
    const flash = listed.models
      .find((model) => model.id === "deepseek-v4-flash")
      ?.providers.find((p) => p.provider === "deepseek");
    const cost = await estimate({
      input_tokens: 1_000_000,
      expected_output_tokens: 1_000_000,
      models: ["deepseek/deepseek-v4-flash"],
    });
    expect(flash?.off_peak).toBeDefined();
    expect((flash?.price.input ?? 0) + (flash?.price.output ?? 0)).toBeCloseTo(
      cost.rows[0]?.cost_per_request_usd ?? -1,
      9,
    );
  });
});
