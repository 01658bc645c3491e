import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import * as z4mini from "zod/v4-mini";
import { chatSchemas } from "../chat/message-schema.js";
import { toolCallName, toolCallText } from "../chat/message-text.js";
import { MAX_MESSAGES, MAX_TEMPERATURE, MAX_TOKEN_CAP } from "../chat/request-limits.js";
import type { ChatMessage, ContentPart, ForwardedParams } from "../chat/types.js";
import type { RouteQuote, RouteRequest, RouteResult } from "../core/route-types.js";
import { sessionOf } from "../core/session-budgets.js";
import { ModelmuxError } from "../errors.js";
import { once } from "../once.js";
import { ROUTING_PRESET_NAMES } from "../router/presets.js";
import type { ServerDeps } from "../server.js";
import { quoteOut, requireApproval } from "./approval-gate.js";
import { allowedRoots, type FileLimits, readImageFile, readTextFiles } from "./local-files.js";
import { registerTool } from "./register-tool.js";
import { createSampler } from "./sampling.js";
import { cacheOptionsSchema, MAX_TEXT_CHARS, sharedSchemas } from "./schemas.js";
import { callerOf, progressReporter, type ToolExtra } from "./tool-context.js";
import { guard, toolResult } from "./tool-result.js";

const schemas = once(() => {
  const { capabilitySchema, taskSchema, textSchema } = sharedSchemas();
  const { chatMessageSchema, toolDefinitionSchema } = chatSchemas();
  const inputSchema = {
    prompt: textSchema.optional().describe("the user prompt (give this or `messages`)"),
    system: z.string().max(MAX_TEXT_CHARS).optional().describe("system instructions to go with `prompt`"),
    messages: z
      .array(chatMessageSchema)
      .min(1)
      .max(MAX_MESSAGES)
      .optional()
      .describe(
        "chat messages in OpenAI's format: roles system, developer, user, assistant, tool; content a string or parts (text, image_url with a URL or data URL and detail, input_audio, file); assistant tool_calls; tool messages with tool_call_id",
      ),
    images: z
      .array(
        z.union([
          z.string().min(1),
          z.strictObject({
            path: z.string().min(1).describe("local image file (PNG, JPEG, GIF, WebP)"),
            detail: z.enum(["auto", "low", "high"]).optional().describe("image detail (default auto)"),
          }),
        ]),
      )
      .max(16)
      .optional()
      .describe(
        "local image files by path, added to the last user message (inside the client's MCP roots, else files.allowedDirs); needs a vision model",
      ),
    files: z
      .array(z.string().min(1))
      .max(32)
      .optional()
      .describe(
        "local UTF-8 text files by path (logs, code, docs), read by modelmux and put into the prompt, so your own context never holds them; inside the client's MCP roots, else files.allowedDirs; size-limited, binary refused",
      ),
    tools: z
      .array(toolDefinitionSchema)
      .max(128)
      .optional()
      .describe(
        'function tools the model may call ({type: "function", function: {name, description, parameters}}); the answer then carries tool_calls, and you continue with role "tool" messages',
      ),
    tool_choice: z
      .union([
        z.enum(["auto", "none", "required"]),
        z.strictObject({
          type: z.literal("function"),
          function: z.strictObject({ name: z.string().min(1) }),
        }),
      ])
      .optional()
      .describe("auto (default), none, required, or a named function"),
    model: z
      .string()
      .min(1)
      .default("auto")
      .describe(
        "`auto` (cheapest tier fit for `task`), a catalog id (`llama-3.3-70b`) or `provider/model` to pin a provider",
      ),
    task: taskSchema.optional().describe("what the call is for; drives `auto` routing (default chat)"),
    fallback_models: z
      .array(z.string().min(1))
      .max(5)
      .optional()
      .describe("models to try, in order, when every provider of `model` fails"),
    routing: z
      .enum(ROUTING_PRESET_NAMES)
      .optional()
      .describe("routing preset: balanced (default), cheapest, fastest, quality"),
    constraints: z
      .strictObject({
        max_cost_usd: z.number().positive().optional().describe("worst-case cost ceiling for this call"),
        max_latency_ms: z
          .number()
          .int()
          .positive()
          .optional()
          .describe("skip deployments whose observed latency is higher"),
        min_context: z.number().int().positive().optional().describe("minimum context window in tokens"),
        needs: z.array(capabilitySchema).optional().describe("required capabilities: json, tools, vision"),
      })
      .optional(),
    temperature: z.number().min(0).max(MAX_TEMPERATURE).optional().describe("sampling temperature (0–2)"),
    max_tokens: z
      .number()
      .int()
      .positive()
      .max(MAX_TOKEN_CAP)
      .optional()
      .describe("output token cap (also bounds the worst-case cost)"),
    json_schema: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("JSON Schema the answer must match; invalid answers are re-asked"),
    cascade: z
      .boolean()
      .optional()
      .describe("with model auto: try the cheap tier first, escalate if its answer fails validation"),
    cache: cacheOptionsSchema({
      mode: "use (default): serve hits; refresh: call and overwrite; bypass: no cache",
      ttl: "how long to keep this answer (10 s – 1 year)",
    }).optional(),
    metadata: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("free-form tags; never changes routing or the cache key"),
    dry_run: z
      .boolean()
      .optional()
      .describe("quote only: the route, token counts and cost range, without calling any model"),
  };

  const attemptSchema = z.object({
    provider: z.string(),
    model: z.string(),
    deployment: z.string(),
    outcome: z.enum(["ok", "error", "timeout", "invalid_output", "cancelled"]),
    status: z.number().optional(),
    latency_ms: z.number(),
    error: z.string().optional(),
  });

  const quoteSchema = z.object({
    model: z.string(),
    provider: z.string(),
    deployment: z.string(),
    input_tokens: z.number(),
    tokens_exact: z.boolean(),
    max_output_tokens: z.number(),
    cost_min_usd: z.number().describe("input only"),
    cost_expected_usd: z.number().describe("input plus the expected output"),
    cost_max_usd: z.number().describe("worst case: whole output cap on the priciest reachable candidate"),
    price_data_date: z.string(),
  });

  const screenReportSchema = z.object({
    action: z.enum(["none", "allow", "warn", "redact", "block"]),
    findings: z.array(
      z.object({
        kind: z.string(),
        type: z.string(),
        score: z.number(),
        preview: z.string(),
        message: z.number().optional(),
      }),
    ),
    findings_omitted: z
      .number()
      .optional()
      .describe("findings beyond the first 1,000, counted but not listed"),
  });

  const budgetSchema = z
    .object({
      spent_usd: z.number(),
      remaining_usd: z.number().nullable().describe("null when the session has no limit"),
      limit_usd: z.number().nullable(),
    })
    .describe("this MCP session's spending envelope (set it with set_session_budget)");

  const routeResultSchema = {
    dry_run: z.boolean().optional().describe("true when this is a quote and nothing was called"),
    quote: quoteSchema.optional(),
    budget: budgetSchema.optional(),
    text: z.string().describe("the model's answer (empty for a dry run or a pure tool call)"),
    tool_calls: z
      .array(
        z.union([
          z.object({
            id: z.string(),
            type: z.literal("function"),
            function: z.object({ name: z.string(), arguments: z.string().describe("JSON text") }),
          }),
          z.object({
            id: z.string(),
            type: z.literal("custom"),
            custom: z.object({ name: z.string(), input: z.string().describe("free-form text") }),
          }),
        ]),
      )
      .optional()
      .describe('tools the model asks you to call; answer each with a role "tool" message carrying its id'),
    refusal: z.string().optional().describe("the model's refusal, when it refused"),
    guardrails: z
      .object({ input: screenReportSchema, output: screenReportSchema })
      .optional()
      .describe("what guardrails found in the request and in the answer; previews are masked"),
    json: z.unknown().optional().describe("the parsed answer when json_schema was given"),
    model: z.string(),
    provider: z.string(),
    deployment: z.string(),
    usage: z
      .object({ input: z.number(), output: z.number(), cached: z.number() })
      .describe("tokens the provider reported"),
    cost_usd: z.number().describe("from the provider's real usage; 0 on a cache hit"),
    latency_ms: z.number(),
    finish_reason: z.string(),
    cache: z.enum(["hit", "miss", "bypass", "off"]),
    attempts: z.array(attemptSchema).describe("every upstream call made, in order, and why each ended"),
    routing: z.object({
      reason: z.string(),
      explored: z.boolean(),
      candidates: z.array(
        z.object({
          deployment: z.string(),
          score: z.number(),
          components: z.object({
            uptime: z.number(),
            throughput: z.number(),
            price: z.number(),
            latency: z.number(),
            tier: z.number(),
          }),
          available: z.boolean(),
          unavailable_reason: z.string().optional(),
        }),
      ),
    }),
  };
  return { input: z4mini.strictObject(inputSchema), output: z4mini.object(routeResultSchema) };
});

type Input = z.output<ReturnType<typeof schemas>["input"]>;
type Output = z.output<ReturnType<typeof schemas>["output"]>;

/** `prompt` (+ `system`) or `messages`, never both. */
export function toMessages(input: Pick<Input, "prompt" | "system" | "messages">): ChatMessage[] {
  if (input.messages && input.prompt !== undefined)
    throw new ModelmuxError("INVALID_INPUT", "give `prompt` or `messages`, not both");
  if (input.messages) {
    const messages = input.messages as ChatMessage[];
    return input.system ? [{ role: "system", content: input.system }, ...messages] : messages;
  }
  if (input.prompt === undefined)
    throw new ModelmuxError(
      "INVALID_INPUT",
      "give `prompt` (a string) or `messages` (an array of {role, content})",
    );
  return input.system
    ? [
        { role: "system", content: input.system },
        { role: "user", content: input.prompt },
      ]
    : [{ role: "user", content: input.prompt }];
}

/** Tool definitions and tool_choice travel as forwarded parameters, like on /v1. */
function forwardedOf(input: Pick<Input, "tools" | "tool_choice">): ForwardedParams | undefined {
  if (!input.tools?.length && input.tool_choice === undefined) return undefined;
  return {
    ...(input.tools?.length && { tools: input.tools as ForwardedParams["tools"] }),
    ...(input.tool_choice !== undefined && { tool_choice: input.tool_choice }),
  };
}

/**
 * Adds local `files` (as text parts, first) and `images` (as image parts, last) to the last user
 * message, or to a new one, after checking every path against the allowed roots.
 */
export async function withLocalContent(
  messages: ChatMessage[],
  input: Pick<Input, "files" | "images">,
  server: McpServer,
  limits: FileLimits,
): Promise<ChatMessage[]> {
  if (!input.files?.length && !input.images?.length) return messages;
  const roots = await allowedRoots(server, limits);
  const files = await readTextFiles(input.files ?? [], roots, limits);
  const images: ContentPart[] = [];
  for (const [index, image] of (input.images ?? []).entries()) {
    const path = typeof image === "string" ? image : image.path;
    const url = await readImageFile(`images[${index}]`, path, roots, limits);
    const detail = typeof image === "string" ? undefined : image.detail;
    images.push({ type: "image_url", image_url: { url, ...(detail && { detail }) } });
  }
  const fileParts: ContentPart[] = files.map((file) => ({
    type: "text",
    text: `<file path="${file.path}">\n${file.text}\n</file>\n`,
  }));
  const last = messages.findLastIndex((message) => message.role === "user");
  if (last < 0) return [...messages, { role: "user", content: [...fileParts, ...images] }];
  const target = messages[last] as ChatMessage;
  const own: ContentPart[] =
    typeof target.content === "string" ? [{ type: "text", text: target.content }] : (target.content ?? []);
  const updated = [...messages];
  updated[last] = { ...target, content: [...fileParts, ...own, ...images] };
  return updated;
}

/** Maps the tool's snake_case input to the orchestrator's request. */
export function toRouteRequest(input: Input, extra: ToolExtra, tool: string): RouteRequest {
  const constraints = input.constraints;
  const params = forwardedOf(input);
  return {
    ...(params && { params }),
    messages: toMessages(input),
    model: input.model,
    task: input.task,
    fallbackModels: input.fallback_models,
    preset: input.routing,
    constraints: constraints && {
      maxCostUsd: constraints.max_cost_usd,
      maxLatencyMs: constraints.max_latency_ms,
      minContext: constraints.min_context,
      needs: constraints.needs,
    },
    temperature: input.temperature,
    maxTokens: input.max_tokens,
    jsonSchema: input.json_schema,
    cascade: input.cascade,
    cache: input.cache && { mode: input.cache.mode, ttlSeconds: input.cache.ttl_s },
    metadata: input.metadata,
    caller: callerOf(extra, tool),
    signal: extra.signal,
  };
}

function dryRunResult(quote: RouteQuote, budget: NonNullable<Output["budget"]>) {
  return {
    dry_run: true,
    quote: quoteOut(quote),
    budget,
    text: "",
    model: quote.model,
    provider: quote.provider,
    deployment: quote.deployment,
    usage: { input: quote.inputTokens, output: 0, cached: 0 },
    cost_usd: 0,
    latency_ms: 0,
    finish_reason: "dry_run",
    cache: "off" as const,
    attempts: [],
    routing: quote.routing,
  };
}

export function toStructured(result: RouteResult) {
  return {
    text: result.text,
    ...(result.toolCalls && { tool_calls: result.toolCalls }),
    ...(result.refusal && { refusal: result.refusal }),
    ...(result.json !== undefined && { json: result.json }),
    ...(result.guardrails && { guardrails: result.guardrails }),
    model: result.model,
    provider: result.provider,
    deployment: result.deployment,
    usage: result.usage,
    cost_usd: result.costUsd,
    latency_ms: result.latencyMs,
    finish_reason: result.finishReason,
    cache: result.cache,
    attempts: result.attempts,
    routing: result.routing,
  };
}

/** Partial-answer progress: at most one notification per 50 ms (or per 400 new characters). */
const TEXT_PROGRESS_MS = 50;
const TEXT_PROGRESS_CHARS = 400;

/**
 * Batches streamed deltas into progress messages, each holding the text since the previous one,
 * so a client that asked for progress watches the answer grow without one message per token.
 */
function throttleText(report: (message: string) => void) {
  let pending = "";
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending === "") return;
    report(pending);
    pending = "";
  };
  const push = (text: string) => {
    pending += text;
    if (pending.length >= TEXT_PROGRESS_CHARS) flush();
    else timer ??= setTimeout(flush, TEXT_PROGRESS_MS).unref();
  };
  return { push, flush };
}

export function registerRouteCompletionTool(
  server: McpServer,
  deps: Pick<ServerDeps, "orchestrator" | "sessionBudgets" | "config">,
): void {
  registerTool(
    server,
    {
      name: "route_completion",
      title: "Route a completion",
      description:
        "Delegate an LLM call: modelmux picks the model and provider (model `auto` takes the cheapest tier fit for the task " +
        "and constraints), fails over across providers and fallback models on errors, timeouts and rate limits, validates " +
        "JSON against a schema and re-asks on invalid output, and reports cost, latency, tokens and every attempt. " +
        "Needs at least one provider key (OPENAI_API_KEY, GROQ_API_KEY, …).",
      schemas,
      annotations: {
        readOnlyHint: false,
        openWorldHint: true,
        destructiveHint: false,
        idempotentHint: false,
      },
    },
    (input, extra) =>
      guard(async () => {
        const request = toRouteRequest(input, extra, "route_completion");
        request.messages = await withLocalContent(request.messages, input, server, deps.config.files);
        const sampler = createSampler(server, deps.config.sampling.enabled);
        if (sampler) request.sampler = sampler;
        const budget = () => {
          const { reserved_usd: _reserved, ...status } = deps.sessionBudgets.status(
            sessionOf(request.caller),
          );
          return status;
        };
        const approvalAbove = deps.config.approval.aboveUsd;
        if (input.dry_run || approvalAbove !== undefined) {
          const quote = await deps.orchestrator.quote(request);
          if (input.dry_run)
            return toolResult(
              dryRunResult(quote, budget()),
              `Dry run: ${quote.deployment}, cost $${quote.cost.minUsd} – $${quote.cost.maxUsd}.`,
            );
          await requireApproval(server, quote, approvalAbove);
        }
        const progress = progressReporter(extra);
        const partialText = progress && throttleText(progress);
        if (progress) request.onProgress = progress;
        if (partialText) request.onDelta = (delta) => delta.content && partialText.push(delta.content);
        const result = await deps.orchestrator.run(request).finally(() => partialText?.flush());
        const summary = `${result.deployment} answered in ${result.latencyMs} ms for $${result.costUsd} (${result.attempts.length} attempt(s), cache ${result.cache}).`;
        const calls = result.toolCalls
          ?.map((call) => `tool call ${call.id}: ${toolCallName(call)}(${toolCallText(call)})`)
          .join("\n");
        const answer = [result.text, calls, result.refusal && `refusal: ${result.refusal}`]
          .filter(Boolean)
          .join("\n");
        return toolResult({ ...toStructured(result), budget: budget() }, `${answer}\n\n— ${summary}`);
      }),
  );
}
