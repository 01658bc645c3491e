import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import * as z4mini from "zod/v4-mini";
import type { Catalog } from "../catalog/catalog.js";
import type { EmbeddingCatalog } from "../catalog/embedding-catalog.js";
import { selectModels } from "../catalog/select-models.js";
import type { CatalogEntry, Deployment } from "../catalog/types.js";
import { isModelmuxError, ModelmuxError } from "../errors.js";
import { once } from "../once.js";
import { createInputCounter } from "../tokens/count-input.js";
import { loadTokenizers } from "../tokens/count-tokens.js";
import { cheapestFirst, compareCosts, onProvider } from "./cost-comparison.js";
import { estimateEmbeddingCost } from "./estimate-embedding-cost.js";
import { priceRow } from "./price-row.js";
import { registerTool } from "./register-tool.js";
import { sharedSchemas } from "./schemas.js";
import { guard, toolResult } from "./tool-result.js";

/** Output length assumed when the caller gives neither a count nor a ratio. */
export const DEFAULT_OUTPUT_TOKENS = 256;

const schemas = once(() => {
  const {
    capabilitySchema,
    entryKindSchema,
    messagesSchema,
    priceDataSchema,
    priceSchema,
    quoteFactsSchema,
    textSchema,
    tierSchema,
  } = sharedSchemas();
  const inputSchema = {
    text: textSchema
      .optional()
      .describe("the prompt text to price (give this, `messages` or `input_tokens`)"),
    messages: messagesSchema.optional(),
    input_tokens: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe("input size in tokens, when already known"),
    expected_output_tokens: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe(`tokens you expect back per request (default ${DEFAULT_OUTPUT_TOKENS})`),
    output_ratio: z
      .number()
      .nonnegative()
      .max(100)
      .optional()
      .describe("expected output as a multiple of input tokens, instead of expected_output_tokens"),
    models: z
      .array(z.string().min(1))
      .min(1)
      .max(100)
      .optional()
      .describe(
        "model names (catalog ids, vendor or host ids, `provider/model`); default: every model passing the filters. An unknown name gets an entry in `errors`; the others still answer",
      ),
    kind: z
      .enum(["routable", "priced", "all"])
      .default("routable")
      .describe("without `models`: routable models (default), priced-only ones, or all priced models"),
    provider: z.string().optional().describe("only deployments on this provider"),
    tier: tierSchema.optional().describe("only models of this tier"),
    capabilities: z.array(capabilitySchema).optional().describe("only models with all of these"),
    requests: z
      .number()
      .int()
      .positive()
      .max(1e12)
      .default(1)
      .describe("how many such requests (e.g. per month), for the volume cost"),
    cached_input_fraction: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe("share of input tokens served from the provider's prompt cache (0–1)"),
    baseline_model: z
      .string()
      .optional()
      .describe("model to compare savings against (its cheapest provider)"),
    embedding: z
      .boolean()
      .optional()
      .describe(
        "true: price an embedding workload (`text` or `input_tokens` per request) on the embedding models: input tokens only",
      ),
    at: z.iso
      .datetime({ offset: true })
      .optional()
      .describe("price at this moment (ISO 8601, e.g. 2026-12-04T07:00:00Z); default now"),
    price_basis: z
      .enum(["peak", "off_peak", "average"])
      .optional()
      .describe(
        "for prices that change by time of day: the day's peak or off-peak price, or the time-weighted average (instead of the price at `at`)",
      ),
  };

  const rowSchema = z.object({
    model: z.string(),
    kind: entryKindSchema,
    provider: z.string(),
    deployment: z.string().describe("`provider/model`; pass as `model` to pin this provider"),
    input_tokens: z.number(),
    output_tokens: z.number(),
    tokens_exact: z.boolean().describe("false when the count is an approximation"),
    token_method: z.string(),
    price: priceSchema.describe("the price this row's cost uses (its time of day and size tier)"),
    price_source: z.string().optional().describe("where a price not from genai-prices came from"),
    ...quoteFactsSchema,
    cost_per_request_usd: z.number(),
    cost_total_usd: z.number().describe("unrounded cost per request × requests, rounded once"),
    warnings: z
      .array(z.string())
      .describe("context window or max output exceeded, deprecated model, stale price data"),
  });

  const outputSchema = {
    requests: z.number(),
    output_tokens_assumed: z.boolean().describe("true when the output length is the default guess"),
    rows: z.array(rowSchema).describe("one row per model and provider, cheapest first"),
    cheapest: rowSchema.nullable(),
    most_expensive: rowSchema.nullable(),
    saving_vs_most_expensive_usd: z.number(),
    saving_vs_most_expensive_pct: z.number(),
    baseline: z
      .object({
        model: z.string(),
        provider: z.string(),
        cost_total_usd: z.number(),
        saving_usd: z.number(),
        saving_pct: z.number(),
      })
      .nullable(),
    price_data: priceDataSchema,
    priced_at: z.string().describe("the moment prices were taken at (ISO)"),
    price_basis: z.enum(["at", "peak", "off_peak", "average"]),
    errors: z
      .array(z.object({ model: z.string(), error: z.string(), suggestions: z.array(z.string()) }))
      .describe("names in `models` that could not be priced; the other models still answer"),
  };
  return { input: z4mini.strictObject(inputSchema), output: z4mini.object(outputSchema) };
});

type Output = z.output<ReturnType<typeof schemas>["output"]>;
type Row = Output["rows"][number];
type Input = z.output<ReturnType<typeof schemas>["input"]>;

/** Prices a workload on every matching deployment. Pure: exported for the bench and tests. */
export async function estimateCost(catalog: Catalog, input: Input) {
  const sources = [input.text, input.messages, input.input_tokens].filter(
    (value) => value !== undefined,
  ).length;
  if (sources !== 1) {
    throw new ModelmuxError("INVALID_INPUT", "give exactly one of `text`, `messages` or `input_tokens`");
  }
  const errors: { model: string; error: string; suggestions: string[] }[] = [];
  const targets: { model: CatalogEntry; deployments: readonly Deployment[] }[] = [];
  if (input.models) {
    for (const reference of input.models) {
      try {
        const { entry, pinnedProvider } = catalog.lookup(reference);
        const deployments = entry.deployments.filter(
          (deployment) =>
            (!pinnedProvider || deployment.provider === pinnedProvider) &&
            (!input.provider || deployment.provider === input.provider),
        );
        targets.push({ model: entry, deployments });
      } catch (error) {
        if (!isModelmuxError(error) || error.code !== "UNKNOWN_MODEL") throw error;
        const suggestions = (error.data?.suggestions as string[] | undefined) ?? [];
        errors.push({ model: reference, error: error.message, suggestions });
      }
    }
    if (targets.length === 0)
      throw new ModelmuxError("UNKNOWN_MODEL", errors.map((entry) => entry.error).join("; "));
  } else {
    for (const model of selectModels(catalog, {
      kind: input.kind,
      provider: input.provider,
      tier: input.tier,
      capabilities: input.capabilities,
    }))
      targets.push({ model, deployments: model.deployments });
  }
  const at = input.at ? new Date(input.at) : new Date();
  const basis = input.price_basis ?? "at";
  const baselineRef = input.baseline_model ? catalog.lookup(input.baseline_model) : undefined;
  const count = await createInputCounter(
    { text: input.text, messages: input.messages, inputTokens: input.input_tokens },
    [...targets.map((target) => target.model), ...(baselineRef ? [baselineRef.entry] : [])],
  );
  const assumed = input.expected_output_tokens === undefined && input.output_ratio === undefined;

  function price(model: CatalogEntry, deployment: Deployment): Row {
    const tokens = count(model);
    const output =
      input.expected_output_tokens ??
      (input.output_ratio !== undefined
        ? Math.round(tokens.tokens * input.output_ratio)
        : DEFAULT_OUTPUT_TOKENS);
    const cached = Math.round(tokens.tokens * input.cached_input_fraction);
    return priceRow(catalog, model, deployment, {
      tokens,
      output,
      cached,
      requests: input.requests,
      at,
      basis,
    });
  }

  const rows = cheapestFirst(
    targets.flatMap(({ model, deployments }) => deployments.map((deployment) => price(model, deployment))),
  );
  const baselineRows =
    baselineRef &&
    onProvider(baselineRef.entry.deployments, baselineRef.pinnedProvider).map((deployment) =>
      price(baselineRef.entry, deployment),
    );

  return {
    requests: input.requests,
    output_tokens_assumed: assumed,
    rows,
    ...compareCosts(rows, baselineRows),
    price_data: { ...catalog.priceData },
    priced_at: at.toISOString(),
    price_basis: basis,
    errors,
  };
}

function summarize(result: Awaited<ReturnType<typeof estimateCost>>): string {
  const { cheapest, most_expensive: most, rows } = result;
  const unknown = result.errors.map((entry) => entry.error);
  if (!cheapest || !most) return ["No model matched the filters.", ...unknown].join("\n");
  const lines = [
    `${rows.length} deployments priced for ${result.requests} request(s) at ${result.priced_at}${result.price_basis === "at" ? "" : ` (${result.price_basis} prices)`}.`,
    `Cheapest: ${cheapest.deployment} at $${cheapest.cost_total_usd} ($${cheapest.cost_per_request_usd}/request, ${cheapest.input_tokens} in${cheapest.tokens_exact ? "" : " approx."} + ${cheapest.output_tokens} out).`,
    `Most expensive: ${most.deployment} at $${most.cost_total_usd}; saving $${result.saving_vs_most_expensive_usd} (${result.saving_vs_most_expensive_pct}%).`,
  ];
  if (result.baseline)
    lines.push(
      `Versus ${result.baseline.model} on ${result.baseline.provider}: saving $${result.baseline.saving_usd} (${result.baseline.saving_pct}%).`,
    );
  const warned = rows.filter((row) => row.warnings.length > 0).length;
  if (warned > 0) lines.push(`${warned} row(s) carry warnings (see each row's warnings).`);
  return [...lines, ...unknown].join("\n");
}

export function registerEstimateCostTool(
  server: McpServer,
  deps: { catalog: Catalog; embeddings?: EmbeddingCatalog },
): void {
  registerTool(
    server,
    {
      name: "estimate_cost",
      title: "Estimate cost",
      description:
        "Price a prompt or a workload on every model and provider (or the ones you name) before running it. " +
        "Counts tokens exactly for OpenAI models and approximately elsewhere (labelled), applies provider prompt-cache " +
        "discounts, multiplies by a request volume, and names the cheapest option and the saving versus the priciest " +
        "or a baseline model. Needs no API key.",
      schemas,
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    (input) =>
      guard(async () => {
        // Built in short turns if a call comes before the warm-up finished it (see Catalog.ready).
        await deps.catalog.ready();
        const { embedding, ...workload } = input;
        if (embedding) {
          if (!deps.embeddings) throw new ModelmuxError("INVALID_INPUT", "embedding: not available here");
          if (workload.at !== undefined || workload.price_basis !== undefined)
            throw new ModelmuxError(
              "INVALID_INPUT",
              "at, price_basis: embedding prices do not change by time of day",
            );
          await loadTokenizers(["o200k_base", "cl100k_base"]);
          const result = await estimateEmbeddingCost(deps.embeddings, workload);
          return toolResult(result, summarize(result));
        }
        await loadTokenizers();
        const result = await estimateCost(deps.catalog, workload);
        return toolResult(result, summarize(result));
      }),
  );
}
