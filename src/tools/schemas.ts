import { z } from "zod";
import { CAPABILITIES, TASKS, TIERS } from "../catalog/types.js";
import { MAX_MESSAGES } from "../chat/request-limits.js";
import { once } from "../once.js";
import { totalTextProblem } from "../validation/text-limits.js";

/** Longest text a tool accepts (about 1 MB); larger inputs are refused with a clear error. */
export const MAX_TEXT_CHARS = 1_000_000;

/** Bounds of a per-call cache `ttl_s`: 10 s to one year. */
const MIN_CACHE_TTL_S = 10;
const MAX_CACHE_TTL_S = 31_536_000;

/**
 * A tool's per-call `cache` options (route_completion, embed): `mode` and `ttl_s`, described for
 * what that tool caches.
 */
export function cacheOptionsSchema(help: { mode: string; ttl: string }) {
  return z.strictObject({
    mode: z.enum(["use", "refresh", "bypass"]).optional().describe(help.mode),
    ttl_s: z.number().int().min(MIN_CACHE_TTL_S).max(MAX_CACHE_TTL_S).optional().describe(help.ttl),
  });
}

/**
 * The zod schemas several tools share, built when a tool's schemas are first built (see
 * register-tool.ts), not at start-up.
 */
export const sharedSchemas = once(() => {
  const messagesOf = <Role extends string>(roles: readonly [Role, ...Role[]], who: string) =>
    z
      .array(
        z.strictObject({
          role: z.enum(roles).describe(who),
          content: z.string().max(MAX_TEXT_CHARS).describe("the message text"),
        }),
      )
      .min(1)
      .max(MAX_MESSAGES)
      .superRefine((messages, context) => {
        const problem = totalTextProblem(messages.map((message) => message.content));
        if (problem) context.addIssue({ code: "custom", message: problem });
      })
      .describe(
        "chat messages in order, as sent to an OpenAI-style chat API; at most 1,000,000 characters in all",
      );
  const messagesSchema = messagesOf(["system", "user", "assistant"], "who says it");
  /** Messages to screen: a `tool` message is what a tool returned to the agent. */
  const screenedMessagesSchema = messagesOf(
    ["system", "developer", "user", "assistant", "tool"],
    "who says it; `system` or `developer`: the app's own instructions; `tool`: what a tool returned to an agent",
  );

  const textSchema = z.string().max(MAX_TEXT_CHARS, `text too long: at most ${MAX_TEXT_CHARS} characters`);

  const tierSchema = z.enum(TIERS);
  const capabilitySchema = z.enum(CAPABILITIES);
  const taskSchema = z.enum(TASKS);

  const priceSchema = z.object({
    input: z.number().describe("USD per 1M input tokens"),
    output: z.number().describe("USD per 1M output tokens"),
    cached_input: z.number().optional().describe("USD per 1M cache-read input tokens"),
    per_request: z.number().optional().describe("USD per request on top of tokens"),
  });

  const priceWindowSchema = z.object({
    hours_utc: z.string().describe("UTC hours at this price, e.g. `16:30-00:30` (comma-separated stretches)"),
    input: z.number().describe("USD per 1M input tokens"),
    output: z.number().describe("USD per 1M output tokens"),
  });

  /** Present only when the price changes within the day or with the request's size. */
  const quoteFactsSchema = {
    off_peak: priceWindowSchema
      .optional()
      .describe("the cheapest hours of the UTC day, when prices change by time of day"),
    peak: priceWindowSchema
      .optional()
      .describe("the dearest hours of the UTC day, when prices change by time of day"),
    tiers: z
      .array(
        z.object({
          above_tokens: z
            .number()
            .describe("requests with more input tokens than this pay this price for all tokens"),
          input: z.number(),
          output: z.number(),
        }),
      )
      .optional()
      .describe("long-context price tiers"),
  };

  const entryKindSchema = z
    .enum(["routable", "priced"])
    .describe("routable: modelmux can route to it; priced: priced only (configure a provider to route it)");

  const priceDataSchema = z.object({
    source: z.string(),
    version: z.string(),
    date: z.string().describe("publication date of the price data"),
  });

  const deploymentSchema = z.object({
    provider: z.string(),
    provider_model_id: z.string(),
    price: priceSchema.describe("at the moment of the quote"),
    ...quoteFactsSchema,
    price_source: z.enum(["genai-prices", "config", "curated"]),
    enabled: z.boolean().describe("true when this process has the provider's key or config"),
  });

  const modelSummarySchema = z.object({
    id: z.string().describe("catalog model id; pass it as `model` to other tools"),
    kind: entryKindSchema,
    name: z.string(),
    vendor: z.string(),
    tier: tierSchema.nullable().describe("null when unknown (priced-only models)"),
    context_window: z.number().nullable().describe("null when unknown"),
    max_output: z.number().nullable().describe("null when unknown"),
    capabilities: z.array(capabilitySchema).nullable().describe("null when unknown (priced-only models)"),
    tasks: z.array(taskSchema).nullable().describe("null when unknown (priced-only models)"),
    deprecated: z.boolean(),
    tokenizer: z.string().describe("exact encoding name, or `approximate`"),
    cheapest_price: priceSchema.nullable(),
    providers: z.array(deploymentSchema),
  });
  return {
    messagesSchema,
    screenedMessagesSchema,
    textSchema,
    tierSchema,
    capabilitySchema,
    taskSchema,
    priceSchema,
    quoteFactsSchema,
    entryKindSchema,
    priceDataSchema,
    deploymentSchema,
    modelSummarySchema,
  };
});
