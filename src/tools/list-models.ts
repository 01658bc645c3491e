import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import * as z4mini from "zod/v4-mini";
import type { Catalog } from "../catalog/catalog.js";
import { selectModels } from "../catalog/select-models.js";
import { TIERS } from "../catalog/types.js";
import { ModelmuxError } from "../errors.js";
import { once } from "../once.js";
import { blendedPrice, modelSummary } from "./model-summary.js";
import { registerTool } from "./register-tool.js";
import { sharedSchemas } from "./schemas.js";
import { guard, toolResult } from "./tool-result.js";

const schemas = once(() => {
  const { capabilitySchema, modelSummarySchema, priceDataSchema, taskSchema, tierSchema } = sharedSchemas();
  const inputSchema = {
    kind: z
      .enum(["routable", "priced", "all"])
      .default("all")
      .describe(
        "routable: modelmux can route to them; priced: priced only (estimate/compare work); all (default)",
      ),
    provider: z.string().optional().describe("only models this provider serves (e.g. `groq`)"),
    capabilities: z
      .array(capabilitySchema)
      .optional()
      .describe("only models with all of these: json, tools, vision"),
    tier: tierSchema.optional().describe("small, medium or flagship"),
    task: taskSchema.optional().describe("only models fit for this task"),
    max_input_price: z.number().nonnegative().optional().describe("USD per 1M input tokens, at most"),
    min_context: z.number().int().positive().optional().describe("context window in tokens, at least"),
    enabled_only: z.boolean().default(false).describe("only providers this server has keys or config for"),
    sort: z.enum(["price", "context", "name", "tier"]).default("price").describe("order of the list"),
    limit: z.number().int().positive().max(1000).default(200).describe("at most this many models"),
  };

  const outputSchema = {
    count: z.number().describe("models matching the filters (before limit)"),
    routable: z.number().describe("of which routable"),
    models: z.array(modelSummarySchema),
    price_data: priceDataSchema,
  };
  return { input: z4mini.strictObject(inputSchema), output: z4mini.object(outputSchema) };
});

export function registerListModelsTool(server: McpServer, deps: { catalog: Catalog }): void {
  registerTool(
    server,
    {
      name: "list_models",
      title: "List models",
      description:
        "List the models modelmux knows with their providers, prices now (USD per 1M tokens), context window, max output, " +
        "capabilities and tier; each is routable (modelmux can route to it) or priced only. Filter by kind, provider, capability, tier, task, price or context size; sort by price, context, name or tier.",
      schemas,
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    (input) =>
      guard(async () => {
        await deps.catalog.ready(); // built in short turns if the warm-up has not finished it
        if (input.provider && !deps.catalog.getProvider(input.provider)) {
          const known = deps.catalog.providers.map((provider) => provider.id).join(", ");
          throw new ModelmuxError(
            "INVALID_INPUT",
            `provider: unknown provider "${input.provider}"; known providers: ${known}`,
          );
        }
        const models = selectModels(deps.catalog, {
          provider: input.provider,
          kind: input.kind,
          capabilities: input.capabilities,
          tier: input.tier,
          task: input.task,
          maxInputPrice: input.max_input_price,
          minContext: input.min_context,
          enabledOnly: input.enabled_only,
        });
        const summaries = models.map((model) => modelSummary(model, deps.catalog));
        const price = (summary: (typeof summaries)[number]) =>
          summary.cheapest_price ? blendedPrice(summary.cheapest_price) : Number.POSITIVE_INFINITY;
        const tierRank = (summary: (typeof summaries)[number]) =>
          summary.tier ? TIERS.indexOf(summary.tier) : TIERS.length;
        const order: Record<
          typeof input.sort,
          (a: (typeof summaries)[number], b: (typeof summaries)[number]) => number
        > = {
          price: (a, b) => price(a) - price(b),
          context: (a, b) => (b.context_window ?? 0) - (a.context_window ?? 0),
          name: (a, b) => a.id.localeCompare(b.id),
          tier: (a, b) => tierRank(a) - tierRank(b) || price(a) - price(b),
        };
        summaries.sort((a, b) => order[input.sort](a, b) || a.id.localeCompare(b.id));
        const shown = summaries.slice(0, input.limit);
        const text = shown.length
          ? `${summaries.length} models${shown.length < summaries.length ? ` (showing ${shown.length})` : ""}: ${shown.map((model) => model.id).join(", ")}`
          : "No model matched the filters.";
        const routable = summaries.filter((summary) => summary.kind === "routable").length;
        return toolResult(
          { count: summaries.length, routable, models: shown, price_data: { ...deps.catalog.priceData } },
          text,
        );
      }),
  );
}
