import { encode } from "gpt-tokenizer/encoding/cl100k_base";
import { afterEach, describe, expect, it } from "vitest";
import { connectInMemory, errorText, structured } from "../support/in-memory-server.js";

let session: Awaited<ReturnType<typeof connectInMemory>>;
afterEach(async () => {
  await session?.close();
});

interface Row {
  deployment: string;
  input_tokens: number;
  output_tokens: number;
  tokens_exact: boolean;
  price: { input: number; output: number };
  price_source?: string;
  cost_total_usd: number;
}

describe("estimate_cost with embedding: true", () => {
  it("prices input tokens on embedding deployments, exactly for OpenAI's (cl100k_base)", async () => {
    session = await connectInMemory();
    const text = "Refund policy: items may be returned within 30 days of delivery.";
    const answer = structured<{ rows: Row[]; cheapest: Row; baseline: { saving_usd: number } }>(
      await session.client.callTool({
        name: "estimate_cost",
        arguments: {
          embedding: true,
          text,
          models: ["text-embedding-3-small", "text-embedding-3-large", "bge-large-en-v1.5"],
          requests: 1_000_000,
          baseline_model: "text-embedding-3-large",
        },
      }),
    );
    const small = answer.rows.find((row) => row.deployment === "openai/text-embedding-3-small");
    const tokens = encode(text).length;
    expect(small).toMatchObject({
      input_tokens: tokens,
      output_tokens: 0,
      tokens_exact: true,
      price: { input: 0.02, output: 0 },
    });
    expect(small?.cost_total_usd).toBeCloseTo((tokens * 0.02 * 1_000_000) / 1e6, 6);
    const together = answer.rows.find((row) => row.deployment === "together/bge-large-en-v1.5");
    expect(together).toMatchObject({ tokens_exact: false, price: { input: 0.016 } });
    expect(together?.price_source).toMatch(/together\.ai\/pricing/);
    expect(answer.rows.map((row) => row.deployment)).toHaveLength(4);
    expect(answer.cheapest.deployment).toBe("deepinfra/bge-large-en-v1.5");
    expect(answer.baseline.saving_usd).toBeGreaterThan(0);
  });

  it("refuses chat-only fields rather than ignoring them", async () => {
    session = await connectInMemory();
    const call = (extra: Record<string, unknown>) =>
      session.client.callTool({
        name: "estimate_cost",
        arguments: { embedding: true, input_tokens: 500, ...extra },
      });
    expect(errorText(await call({ expected_output_tokens: 10 }))).toMatch(
      /expected_output_tokens: does not apply/,
    );
    expect(errorText(await call({ tier: "small" }))).toMatch(/tier: does not apply/);
    expect(errorText(await call({ models: ["gpt-4o"] }))).toMatch(/unknown embedding model "gpt-4o"/);
  });
});
