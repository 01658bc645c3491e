import { setMaxListeners } from "node:events";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import * as z4mini from "zod/v4-mini";
import { MAX_TEMPERATURE, MAX_TOKEN_CAP } from "../chat/request-limits.js";
import type { RouteRequest } from "../core/route-types.js";
import { errorMessage, isModelmuxError, ModelmuxError } from "../errors.js";
import { once } from "../once.js";
import { ROUTING_PRESET_NAMES } from "../router/presets.js";
import type { ServerDeps } from "../server.js";
import { roundUsd } from "../usage/round-usd.js";
import { registerTool } from "./register-tool.js";
import { toMessages } from "./route-completion.js";
import { MAX_TEXT_CHARS, sharedSchemas } from "./schemas.js";
import { callerOf, type ToolExtra } from "./tool-context.js";
import { guard, toolResult } from "./tool-result.js";

export const MAX_BATCH_ITEMS = 1000;

const schemas = once(() => {
  const { taskSchema, textSchema } = sharedSchemas();
  const inputSchema = {
    template: textSchema.describe("the prompt, with {{name}} placeholders filled from each item's vars"),
    items: z
      .array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])))
      .min(1)
      .max(MAX_BATCH_ITEMS)
      .describe(`one object of placeholder values per prompt (1–${MAX_BATCH_ITEMS})`),
    system: z.string().max(MAX_TEXT_CHARS).optional().describe("system instructions for every item"),
    model: z.string().min(1).default("auto").describe("`auto`, a catalog id or `provider/model`"),
    task: taskSchema.optional(),
    fallback_models: z.array(z.string().min(1)).max(5).optional(),
    routing: z.enum(ROUTING_PRESET_NAMES).optional(),
    temperature: z.number().min(0).max(MAX_TEMPERATURE).optional(),
    max_tokens: z.number().int().positive().max(MAX_TOKEN_CAP).optional(),
    json_schema: z.record(z.string(), z.unknown()).optional().describe("JSON Schema every answer must match"),
    concurrency: z.number().int().min(1).max(64).default(8).describe("items in flight at once"),
  };

  const itemResultSchema = z.object({
    index: z.number(),
    ok: z.boolean(),
    text: z.string().optional(),
    json: z.unknown().optional(),
    model: z.string().optional(),
    provider: z.string().optional(),
    cost_usd: z.number(),
    tokens_in: z.number(),
    tokens_out: z.number(),
    cache: z.string().optional(),
    attempts: z.number(),
    error: z.string().optional().describe("why this item failed (the batch goes on)"),
  });

  const outputSchema = {
    results: z.array(itemResultSchema).describe("one per item, in input order"),
    totals: z.object({
      items: z.number(),
      succeeded: z.number(),
      failed: z.number(),
      cost_usd: z.number(),
      tokens_in: z.number(),
      tokens_out: z.number(),
      cache_hits: z.number(),
      wall_ms: z.number(),
    }),
  };
  return { input: z4mini.strictObject(inputSchema), output: z4mini.object(outputSchema) };
});

type ItemResult = z.output<ReturnType<typeof schemas>["output"]>["results"][number];
type Input = z.output<ReturnType<typeof schemas>["input"]>;

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** Fills {{name}} placeholders; a placeholder with no value is an error naming the item and field. */
export function fillTemplate(
  template: string,
  vars: Record<string, string | number | boolean>,
  index: number,
): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = vars[name];
    if (value === undefined)
      throw new ModelmuxError(
        "INVALID_INPUT",
        `items[${index}].${name}: missing value for placeholder {{${name}}}`,
      );
    return String(value);
  });
}

/** Runs `work` over `count` items with at most `limit` in flight; results keep their index. */
async function runPool(
  count: number,
  limit: number,
  signal: AbortSignal,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count && !signal.aborted) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

export function registerRouteBatchTool(server: McpServer, deps: Pick<ServerDeps, "orchestrator">): void {
  registerTool(
    server,
    {
      name: "route_batch",
      title: "Route a batch",
      description:
        "Run one prompt template over many items (up to 1,000), each routed like route_completion (cache, failover, " +
        "JSON validation) with a concurrency limit. A failed item never fails the batch: every item gets its answer or " +
        "its error, in order, plus totals (cost, tokens, cache hits, time). Sends a progress notification per finished item.",
      schemas,
      annotations: {
        readOnlyHint: false,
        openWorldHint: true,
        destructiveHint: false,
        idempotentHint: false,
      },
    },
    (input: Input, extra: ToolExtra) =>
      guard(async () => {
        const prompts = input.items.map((vars, index) => fillTemplate(input.template, vars, index));
        const started = Date.now();
        const results: ItemResult[] = new Array(prompts.length);
        const token = extra._meta?.progressToken;
        let done = 0;
        // Every item in flight listens for the caller's cancellation: Node's leak warning at 10
        // listeners would fire for any concurrency above that.
        setMaxListeners(input.concurrency + 10, extra.signal);
        await runPool(prompts.length, input.concurrency, extra.signal, async (index) => {
          const request: RouteRequest = {
            messages: toMessages({ prompt: prompts[index] as string, system: input.system }),
            model: input.model,
            task: input.task,
            fallbackModels: input.fallback_models,
            preset: input.routing,
            temperature: input.temperature,
            maxTokens: input.max_tokens,
            jsonSchema: input.json_schema,
            caller: callerOf(extra, "route_batch"),
            signal: extra.signal,
          };
          try {
            const result = await deps.orchestrator.run(request);
            results[index] = {
              index,
              ok: true,
              text: result.text,
              ...(result.json !== undefined && { json: result.json }),
              model: result.model,
              provider: result.provider,
              cost_usd: result.costUsd,
              tokens_in: result.usage.input,
              tokens_out: result.usage.output,
              cache: result.cache,
              attempts: result.attempts.length,
            };
          } catch (error) {
            const data = isModelmuxError(error) ? error.data : undefined;
            results[index] = {
              index,
              ok: false,
              cost_usd: roundUsd((data?.costUsd as number | undefined) ?? 0),
              tokens_in: 0,
              tokens_out: 0,
              attempts: (data?.attempts as unknown[] | undefined)?.length ?? 0,
              error: isModelmuxError(error) ? `${error.code}: ${error.message}` : errorMessage(error),
            };
          }
          done += 1;
          if (token !== undefined) {
            void extra
              .sendNotification({
                method: "notifications/progress",
                params: {
                  progressToken: token,
                  progress: done,
                  total: prompts.length,
                  message: `item ${index} ${results[index]?.ok ? "done" : "failed"}`,
                },
              })
              .catch(() => undefined);
          }
        });
        for (let index = 0; index < prompts.length; index++) {
          results[index] ??= {
            index,
            ok: false,
            cost_usd: 0,
            tokens_in: 0,
            tokens_out: 0,
            attempts: 0,
            error: "CANCELLED: the batch was cancelled before this item ran",
          };
        }
        const succeeded = results.filter((result) => result.ok).length;
        const totals = {
          items: results.length,
          succeeded,
          failed: results.length - succeeded,
          cost_usd: roundUsd(results.reduce((sum, result) => sum + result.cost_usd, 0)),
          tokens_in: results.reduce((sum, result) => sum + result.tokens_in, 0),
          tokens_out: results.reduce((sum, result) => sum + result.tokens_out, 0),
          cache_hits: results.filter((result) => result.cache === "hit").length,
          wall_ms: Date.now() - started,
        };
        const text = `${succeeded}/${results.length} items succeeded for $${totals.cost_usd} in ${totals.wall_ms} ms (${totals.cache_hits} cache hits).`;
        return toolResult({ results, totals }, text);
      }),
  );
}
