import { calcPrice } from "@pydantic/genai-prices";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectInMemory, errorText, structured } from "../support/in-memory-server.js";

interface Summary {
  id: string;
  tier: string;
  context_window: number;
  capabilities: string[];
  cheapest_price: { input: number; output: number } | null;
  providers: { provider: string; price: { input: number; output: number }; enabled: boolean }[];
  prompt_cost: { cost_usd: number; cheapest_provider: string; input_tokens: number } | null;
}

let session: Awaited<ReturnType<typeof connectInMemory>>;

beforeAll(async () => {
  session = await connectInMemory({}, { GROQ_API_KEY: "gsk_test_only" });
});
afterAll(async () => {
  await session.close();
});

describe("list_models", () => {
  it("filters by provider, capability, tier and context, with library prices", async () => {
    const result = structured<{ count: number; models: Summary[] }>(
      await session.client.callTool({
        name: "list_models",
        arguments: { provider: "groq", capabilities: ["tools"], min_context: 100_000 },
      }),
    );
    expect(result.count).toBeGreaterThan(0);
    for (const model of result.models) {
      expect(model.capabilities).toContain("tools");
      expect(model.context_window).toBeGreaterThanOrEqual(100_000);
      expect(model.providers.every((provider) => provider.provider === "groq" && provider.enabled)).toBe(
        true,
      );
    }
    const llama = result.models.find((model) => model.id === "llama-3.3-70b");
    const expected = calcPrice({ input_tokens: 1000, output_tokens: 1000 }, "llama-3.3-70b-versatile", {
      providerId: "groq",
    });
    expect(llama?.providers[0]?.price.input).toBeCloseTo((expected?.input_price ?? 0) * 1000, 9);
  });

  it("sorts by price and by context", async () => {
    const byPrice = structured<{ models: Summary[] }>(
      await session.client.callTool({ name: "list_models", arguments: { tier: "small" } }),
    );
    expect(byPrice.models.every((model) => model.tier === "small")).toBe(true);
    const byContext = structured<{ models: Summary[] }>(
      await session.client.callTool({ name: "list_models", arguments: { sort: "context" } }),
    );
    const contexts = byContext.models.map((model) => model.context_window);
    expect(contexts).toEqual([...contexts].sort((a, b) => b - a));
  });

  it("only lists enabled providers when asked", async () => {
    const result = structured<{ models: Summary[] }>(
      await session.client.callTool({ name: "list_models", arguments: { enabled_only: true } }),
    );
    expect(result.models.length).toBeGreaterThan(0);
    expect(
      result.models.every((model) => model.providers.every((provider) => provider.provider === "groq")),
    ).toBe(true);
  });

  it("names the bad field", async () => {
    expect(
      errorText(await session.client.callTool({ name: "list_models", arguments: { provider: "nope" } })),
    ).toMatch(/provider: unknown provider "nope"/);
    expect(
      errorText(await session.client.callTool({ name: "list_models", arguments: { tier: "huge" } })),
    ).toMatch(/tier/);
  });
});

describe("compare_models", () => {
  it("puts models side by side with the prompt's cost on each", async () => {
    const result = structured<{ models: Summary[]; cheapest_for_prompt: string }>(
      await session.client.callTool({
        name: "compare_models",
        arguments: {
          models: ["gpt-4o", "llama-3.3-70b", "groq/llama-3.1-8b"],
          prompt: "Translate 'good morning' into French.",
          expected_output_tokens: 50,
        },
      }),
    );
    expect(result.models.map((model) => model.id)).toEqual(["gpt-4o", "llama-3.3-70b", "llama-3.1-8b"]);
    const pinned = result.models[2];
    expect(pinned?.providers.map((provider) => provider.provider)).toEqual(["groq"]);
    const gpt = result.models[0];
    const expected = calcPrice(
      { input_tokens: gpt?.prompt_cost?.input_tokens ?? 0, output_tokens: 50 },
      "gpt-4o",
      { providerId: "openai" },
    );
    expect(gpt?.prompt_cost?.cost_usd).toBeCloseTo(expected?.total_price ?? -1, 9);
    expect(result.cheapest_for_prompt).toBe("llama-3.1-8b");
  });

  it("needs 2 to 10 known models", async () => {
    expect(
      errorText(await session.client.callTool({ name: "compare_models", arguments: { models: ["gpt-4o"] } })),
    ).toMatch(/models/);
    // An unknown name is that model's error entry; the others still answer.
    const partial = await session.client.callTool({
      name: "compare_models",
      arguments: { models: ["gpt-4o", "claude-sonet-4-5"] },
    });
    expect(partial.isError).toBeFalsy();
    const data = partial.structuredContent as {
      models: { id: string }[];
      errors: { model: string; error: string; suggestions: string[] }[];
    };
    expect(data.models.map((model) => model.id)).toEqual(["gpt-4o"]);
    expect(data.errors).toHaveLength(1);
    expect(data.errors[0]?.model).toBe("claude-sonet-4-5");
    expect(data.errors[0]?.error).toMatch(/did you mean "claude-sonnet-4-5"/);
    // Only unknown names: the call itself fails, naming them.
    expect(
      errorText(
        await session.client.callTool({
          name: "compare_models",
          arguments: { models: ["no-such-model-a", "no-such-model-b"] },
        }),
      ),
    ).toMatch(/unknown model "no-such-model-a".*unknown model "no-such-model-b"/);
  });
});
