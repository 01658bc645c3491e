import { calcPrice } from "@pydantic/genai-prices";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectInMemory, errorText, structured } from "../support/in-memory-server.js";

interface Row {
  model: string;
  provider: string;
  deployment: string;
  input_tokens: number;
  output_tokens: number;
  tokens_exact: boolean;
  cost_per_request_usd: number;
  cost_total_usd: number;
}
interface Estimate {
  rows: Row[];
  cheapest: Row;
  most_expensive: Row;
  saving_vs_most_expensive_usd: number;
  baseline: { model: string; saving_usd: number; cost_total_usd: number } | null;
  output_tokens_assumed: boolean;
}

let session: Awaited<ReturnType<typeof connectInMemory>>;
const call = (args: Record<string, unknown>) =>
  session.client.callTool({ name: "estimate_cost", arguments: args });

beforeAll(async () => {
  session = await connectInMemory();
});
afterAll(async () => {
  await session.close();
});

describe("estimate_cost", () => {
  const prompt = "Summarise the quarterly report in three bullet points, focusing on revenue and churn.";

  it("prices a prompt with exact OpenAI token counts and the price library's own numbers", async () => {
    const result = structured<Estimate>(
      await call({ text: prompt, models: ["gpt-4o", "claude-sonnet-4-5"], expected_output_tokens: 500 }),
    );
    const openai = result.rows.find((row) => row.deployment === "openai/gpt-4o");
    expect(openai).toBeDefined();
    expect(openai?.input_tokens).toBe(countTokens(prompt));
    expect(openai?.tokens_exact).toBe(true);
    const expected = calcPrice({ input_tokens: countTokens(prompt), output_tokens: 500 }, "gpt-4o", {
      providerId: "openai",
    });
    expect(openai?.cost_per_request_usd).toBeCloseTo(expected?.total_price ?? -1, 9);
    const anthropic = result.rows.find((row) => row.deployment === "anthropic/claude-sonnet-4-5");
    expect(anthropic?.tokens_exact).toBe(false);
    const claude = calcPrice(
      { input_tokens: anthropic?.input_tokens ?? 0, output_tokens: 500 },
      "claude-sonnet-4-5",
      { providerId: "anthropic" },
    );
    expect(anthropic?.cost_per_request_usd).toBeCloseTo(claude?.total_price ?? -1, 9);
  });

  it("sorts rows cheapest first and reports the saving versus the most expensive", async () => {
    const result = structured<Estimate>(
      await call({ text: prompt, models: ["gpt-4o", "gpt-4o-mini", "llama-3.3-70b"] }),
    );
    const costs = result.rows.map((row) => row.cost_per_request_usd);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(result.cheapest.deployment).toBe(result.rows[0]?.deployment);
    expect(result.saving_vs_most_expensive_usd).toBeCloseTo(
      result.most_expensive.cost_total_usd - result.cheapest.cost_total_usd,
      9,
    );
    expect(result.output_tokens_assumed).toBe(true);
  });

  it("multiplies by the request volume and applies prompt-cache discounts", async () => {
    const one = structured<Estimate>(
      await call({ input_tokens: 10_000, expected_output_tokens: 1000, models: ["openai/gpt-4o"] }),
    );
    const many = structured<Estimate>(
      await call({
        input_tokens: 10_000,
        expected_output_tokens: 1000,
        models: ["openai/gpt-4o"],
        requests: 30_000,
      }),
    );
    expect(many.rows[0]?.cost_total_usd).toBeCloseTo((one.rows[0]?.cost_per_request_usd ?? 0) * 30_000, 6);
    const cached = structured<Estimate>(
      await call({
        input_tokens: 10_000,
        expected_output_tokens: 1000,
        models: ["openai/gpt-4o"],
        cached_input_fraction: 0.5,
      }),
    );
    const expected = calcPrice(
      { input_tokens: 10_000, cache_read_tokens: 5000, output_tokens: 1000 },
      "gpt-4o",
      { providerId: "openai" },
    );
    expect(cached.rows[0]?.cost_per_request_usd).toBeCloseTo(expected?.total_price ?? -1, 9);
    expect(cached.rows[0]?.cost_per_request_usd).toBeLessThan(one.rows[0]?.cost_per_request_usd ?? 0);
  });

  it("counts chat messages with their per-message framing", async () => {
    const messages = [
      { role: "system", content: "You are terse." },
      { role: "user", content: "Name three primes." },
    ];
    const result = structured<Estimate>(await call({ messages, models: ["openai/gpt-4o"] }));
    const framing = 3 + messages.length * 3;
    const body = messages.reduce(
      (sum, message) => sum + countTokens(message.role) + countTokens(message.content),
      0,
    );
    expect(result.rows[0]?.input_tokens).toBe(framing + body);
  });

  it("prices every catalog deployment by default and compares with a baseline", async () => {
    const result = structured<Estimate>(
      await call({ text: prompt, requests: 1000, baseline_model: "gpt-4o" }),
    );
    const deployments = session.deps.catalog.models.reduce((sum, model) => sum + model.deployments.length, 0);
    expect(result.rows).toHaveLength(deployments);
    expect(result.baseline?.model).toBe("gpt-4o");
    expect(result.baseline?.saving_usd).toBeCloseTo(
      (result.baseline?.cost_total_usd ?? 0) - result.cheapest.cost_total_usd,
      9,
    );
  });

  it("refuses bad input with a message naming the field, and keeps serving", async () => {
    expect(errorText(await call({ models: ["gpt-4o"] }))).toMatch(/text.*messages.*input_tokens/);
    expect(errorText(await call({ text: "hi", models: ["gpt-4oo"] }))).toMatch(
      /unknown model "gpt-4oo".*"gpt-4o"/,
    );
    expect(errorText(await call({ text: "hi", requests: -5 }))).toMatch(/requests/);
    expect(errorText(await call({ text: 42 }))).toMatch(/text/);
    expect(errorText(await call({ text: "hi", cached_input_fraction: 2 }))).toMatch(/cached_input_fraction/);
    expect(errorText(await call({ text: "x".repeat(5 * 1024 * 1024) }))).toMatch(/text/);
    expect(errorText(await call({ text: "hi", models: ["mistral/gpt-4o"] }))).toMatch(
      /not served by provider "mistral"/,
    );
    const after = structured<Estimate>(await call({ text: "still up?", models: ["gpt-4o-mini"] }));
    expect(after.rows.length).toBeGreaterThan(0);
  });
});
