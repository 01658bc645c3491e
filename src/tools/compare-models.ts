import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import * as z4mini from "zod/v4-mini";
import type { Catalog, EntryRef } from "../catalog/catalog.js";
import type { Orchestrator } from "../core/orchestrator.js";
import type { CallerContext } from "../core/route-types.js";
import { errorMessage, isModelmuxError, ModelmuxError } from "../errors.js";
import { once } from "../once.js";
import { createInputCounter } from "../tokens/count-input.js";
import { loadTokenizers } from "../tokens/count-tokens.js";
import { roundUsd } from "../usage/round-usd.js";
import { DEFAULT_OUTPUT_TOKENS } from "./estimate-cost.js";
import { modelSummary } from "./model-summary.js";
import { priceRow } from "./price-row.js";
import { registerTool } from "./register-tool.js";
import { sharedSchemas } from "./schemas.js";
import { callerOf } from "./tool-context.js";
import { guard, toolResult } from "./tool-result.js";

const schemas = once(() => {
  const { modelSummarySchema, priceDataSchema, textSchema } = sharedSchemas();
  const inputSchema = {
    models: z
      .array(z.string().min(1))
      .min(2)
      .max(10)
      .describe(
        "2 to 10 model names (catalog ids, vendor or host ids, `provider/model`); an unknown one gets an entry in `errors`, the others still answer",
      ),
    prompt: textSchema.optional().describe("a prompt to price on each model"),
    expected_output_tokens: z
      .number()
      .int()
      .nonnegative()
      .default(DEFAULT_OUTPUT_TOKENS)
      .describe("output length to price the prompt with"),
    run: z
      .boolean()
      .default(false)
      .describe(
        "also run the prompt on every listed model, concurrently, and return each answer with latency, tokens and cost",
      ),
    max_tokens: z.number().int().positive().max(100_000).optional().describe("output cap for each live run"),
  };

  const runResultSchema = z.object({
    ok: z.boolean(),
    text: z.string().optional(),
    provider: z.string().optional(),
    latency_ms: z.number(),
    tokens_in: z.number(),
    tokens_out: z.number(),
    cost_usd: z.number(),
    error: z.string().optional().describe("why this model's run failed (the others still answer)"),
  });

  const promptCostSchema = z.object({
    input_tokens: z.number(),
    output_tokens: z.number(),
    tokens_exact: z.boolean(),
    cheapest_provider: z.string(),
    cost_usd: z.number().describe("on the cheapest provider"),
    cost_by_provider: z.record(z.string(), z.number()),
    warnings: z
      .array(z.string())
      .describe("on the cheapest provider: context/output limits, deprecation, stale prices"),
  });

  const outputSchema = {
    models: z.array(
      modelSummarySchema.extend({
        prompt_cost: promptCostSchema.nullable(),
        run: runResultSchema.optional(),
      }),
    ),
    cheapest_for_prompt: z.string().nullable(),
    price_data: priceDataSchema,
    errors: z
      .array(z.object({ model: z.string(), error: z.string(), suggestions: z.array(z.string()) }))
      .describe("names that could not be resolved; the other models still answer"),
  };
  return { input: z4mini.strictObject(inputSchema), output: z4mini.object(outputSchema) };
});

/** Runs the prompt on one model through the orchestrator; a failure is this model's result, not the tool's. */
async function runOne(
  orchestrator: Orchestrator,
  reference: string,
  prompt: string,
  maxTokens: number | undefined,
  caller: CallerContext,
) {
  const started = Date.now();
  try {
    const result = await orchestrator.run({
      messages: [{ role: "user", content: prompt }],
      model: reference,
      maxTokens,
      caller,
    });
    return {
      ok: true,
      text: result.text,
      provider: result.provider,
      latency_ms: result.latencyMs,
      tokens_in: result.usage.input,
      tokens_out: result.usage.output,
      cost_usd: result.costUsd,
    };
  } catch (error) {
    const data = isModelmuxError(error) ? error.data : undefined;
    return {
      ok: false,
      latency_ms: Date.now() - started,
      tokens_in: 0,
      tokens_out: 0,
      cost_usd: roundUsd((data?.costUsd as number | undefined) ?? 0),
      error: isModelmuxError(error) ? `${error.code}: ${error.message}` : errorMessage(error),
    };
  }
}

export function registerCompareModelsTool(
  server: McpServer,
  deps: { catalog: Catalog; orchestrator?: Orchestrator },
): void {
  registerTool(
    server,
    {
      name: "compare_models",
      title: "Compare models",
      description:
        "Put 2–10 models side by side: prices per provider, context window, max output, capabilities, tier and " +
        "providers, and (with `prompt`) what that prompt would cost on each.",
      schemas,
      annotations: { readOnlyHint: true, openWorldHint: true, idempotentHint: false },
    },
    (input, extra) =>
      guard(async () => {
        await deps.catalog.ready(); // built in short turns if the warm-up has not finished it
        if (input.run && input.prompt === undefined) {
          throw new ModelmuxError("INVALID_INPUT", "prompt: required when run is true");
        }
        const refs: (EntryRef & { reference: string })[] = [];
        const errors: { model: string; error: string; suggestions: string[] }[] = [];
        for (const reference of input.models) {
          try {
            refs.push({ ...deps.catalog.lookup(reference), reference });
          } catch (error) {
            if (!isModelmuxError(error) || error.code !== "UNKNOWN_MODEL") throw error;
            const suggestions = (error.data?.suggestions as string[] | undefined) ?? [];
            errors.push({ model: reference, error: error.message, suggestions });
          }
        }
        if (refs.length === 0)
          throw new ModelmuxError("UNKNOWN_MODEL", errors.map((entry) => entry.error).join("; "));
        const seen = new Set<string>();
        for (const ref of refs) {
          const key = `${ref.pinnedProvider ?? "*"}/${ref.entry.id}`;
          if (seen.has(key))
            throw new ModelmuxError("INVALID_INPUT", `models: "${ref.entry.id}" is listed twice`);
          seen.add(key);
        }
        // Live runs go concurrently, and a failing model is that model's result, not the tool's.
        let runs: Awaited<ReturnType<typeof runOne>>[] | undefined;
        if (input.run && input.prompt !== undefined) {
          const { orchestrator } = deps;
          if (!orchestrator) throw new ModelmuxError("NO_PROVIDER", "live runs need the routing core");
          const prompt = input.prompt;
          const caller = callerOf(extra, "compare_models");
          runs = await Promise.all(
            refs.map(({ reference }) => runOne(orchestrator, reference, prompt, input.max_tokens, caller)),
          );
        }
        if (input.prompt !== undefined) await loadTokenizers();
        const count =
          input.prompt !== undefined
            ? await createInputCounter(
                { text: input.prompt },
                refs.map((ref) => ref.entry),
              )
            : null;
        const at = new Date();
        const models = refs.map(({ entry: model, pinnedProvider }, index) => {
          const deployments = model.deployments.filter(
            (deployment) => !pinnedProvider || deployment.provider === pinnedProvider,
          );
          const summary = modelSummary({ ...model, deployments } as typeof model, deps.catalog, { at });
          const run = runs?.[index];
          if (!count) return { ...summary, prompt_cost: null, ...(run && { run }) };
          const tokens = count(model);
          const rows = deployments.map((deployment) =>
            priceRow(deps.catalog, model, deployment, {
              tokens,
              output: input.expected_output_tokens,
              cached: 0,
              requests: 1,
              at,
              basis: "at",
            }),
          );
          rows.sort((a, b) => a.cost_per_request_usd - b.cost_per_request_usd);
          const best = rows[0];
          return {
            ...summary,
            prompt_cost: best
              ? {
                  input_tokens: tokens.tokens,
                  output_tokens: input.expected_output_tokens,
                  tokens_exact: tokens.exact,
                  cheapest_provider: best.provider,
                  cost_usd: best.cost_per_request_usd,
                  cost_by_provider: Object.fromEntries(
                    rows.map((row) => [row.provider, row.cost_per_request_usd]),
                  ),
                  warnings: best.warnings,
                }
              : null,
            ...(run && { run }),
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
            const run = (
              model as { run?: { ok: boolean; latency_ms: number; cost_usd: number; error?: string } }
            ).run;
            const ran = run
              ? run.ok
                ? `; ran in ${run.latency_ms} ms for $${run.cost_usd}`
                : `; run failed: ${run.error}`
              : "";
            const kind = model.kind === "priced" ? "priced only" : model.tier;
            return `${model.id} (${kind}, ${model.context_window ?? "?"} ctx, ${price}${cost}${ran})`;
          })
          .concat(errors.map((entry) => entry.error))
          .join("\n");
        return toolResult(
          { models, cheapest_for_prompt: cheapest, price_data: { ...deps.catalog.priceData }, errors },
          text,
        );
      }),
  );
}
