import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { Catalog } from "../catalog/catalog.js";
import { PRICE_DATA } from "../catalog/price-lookup.js";
import { ModelmuxError } from "../errors.js";
import { createInputCounter } from "../tokens/count-input.js";
import { loadTokenizers } from "../tokens/count-tokens.js";
import { roundUsd } from "../usage/round-usd.js";
import { DEFAULT_OUTPUT_TOKENS } from "./estimate-cost.js";
import { modelSummary } from "./model-summary.js";
import { modelSummarySchema, priceDataSchema, textSchema } from "./schemas.js";
import { guard, toolResult } from "./tool-result.js";

const inputSchema = {
  models: z
    .array(z.string().min(1))
    .min(2)
    .max(10)
    .describe("2 to 10 catalog ids or `provider/model` references"),
  prompt: textSchema.optional().describe("a prompt to price on each model"),
  expected_output_tokens: z
    .number()
    .int()
    .nonnegative()
    .default(DEFAULT_OUTPUT_TOKENS)
    .describe("output length to price the prompt with"),
};

const promptCostSchema = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  tokens_exact: z.boolean(),
  cheapest_provider: z.string(),
  cost_usd: z.number().describe("on the cheapest provider"),
  cost_by_provider: z.record(z.string(), z.number()),
});

const outputSchema = {
  models: z.array(modelSummarySchema.extend({ prompt_cost: promptCostSchema.nullable() })),
  cheapest_for_prompt: z.string().nullable(),
  price_data: priceDataSchema,
};

export function registerCompareModelsTool(server: McpServer, deps: { catalog: Catalog }): void {
  server.registerTool(
    "compare_models",
    {
      title: "Compare models",
      description:
        "Put 2–10 models side by side: prices per provider, context window, max output, capabilities, tier and " +
        "providers, and (with `prompt`) what that prompt would cost on each.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    (input) =>
      guard(async () => {
        const refs = input.models.map((reference) => deps.catalog.resolve(reference));
        const seen = new Set<string>();
        for (const ref of refs) {
          const key = `${ref.pinnedProvider ?? "*"}/${ref.model.id}`;
          if (seen.has(key))
            throw new ModelmuxError("INVALID_INPUT", `models: "${ref.model.id}" is listed twice`);
          seen.add(key);
        }
        if (input.prompt !== undefined) await loadTokenizers();
        const count = input.prompt !== undefined ? createInputCounter({ text: input.prompt }) : null;
        const models = refs.map(({ model, pinnedProvider }) => {
          const deployments = model.deployments.filter(
            (deployment) => !pinnedProvider || deployment.provider === pinnedProvider,
          );
          const summary = modelSummary({ ...model, deployments }, deps.catalog);
          if (!count) return { ...summary, prompt_cost: null };
          const tokens = count(model);
          const costs = deployments.map((deployment) => ({
            provider: deployment.provider,
            cost: roundUsd(
              deps.catalog.cost(deployment, {
                input: tokens.tokens,
                output: input.expected_output_tokens,
                cached: 0,
              }),
            ),
          }));
          costs.sort((a, b) => a.cost - b.cost);
          const best = costs[0];
          return {
            ...summary,
            prompt_cost: best
              ? {
                  input_tokens: tokens.tokens,
                  output_tokens: input.expected_output_tokens,
                  tokens_exact: tokens.exact,
                  cheapest_provider: best.provider,
                  cost_usd: best.cost,
                  cost_by_provider: Object.fromEntries(costs.map((entry) => [entry.provider, entry.cost])),
                }
              : null,
          };
        });
        const priced = models
          .filter((model) => model.prompt_cost)
          .sort((a, b) => (a.prompt_cost?.cost_usd ?? 0) - (b.prompt_cost?.cost_usd ?? 0));
        const cheapest = priced[0]?.id ?? null;
        const text = models
          .map((model) => {
            const price = model.cheapest_price
              ? `$${model.cheapest_price.input}/$${model.cheapest_price.output} per 1M`
              : "no price";
            const cost = model.prompt_cost ? `, prompt ≈ $${model.prompt_cost.cost_usd}` : "";
            return `${model.id} (${model.tier}, ${model.context_window} ctx, ${price}${cost})`;
          })
          .join("\n");
        return toolResult({ models, cheapest_for_prompt: cheapest, price_data: { ...PRICE_DATA } }, text);
      }),
  );
}
