import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { EmbeddingCatalog } from "../catalog/embedding-catalog.js";
import type { Embedder, EmbedResult } from "../core/embed.js";
import { ModelmuxError } from "../errors.js";
import { once } from "../once.js";
import { ROUTING_PRESET_NAMES } from "../router/presets.js";
import { cosineMatrix, mostSimilarPairs } from "./cosine.js";
import { registerTool } from "./register-tool.js";
import { cacheOptionsSchema, MAX_TEXT_CHARS, sharedSchemas } from "./schemas.js";
import { callerOf, progressReporter } from "./tool-context.js";
import { guard, toolResult } from "./tool-result.js";

/** Pairs listed by `compare`, most similar first. */
const TOP_PAIRS = 10;
/** Inputs per call: the vectors travel back in one tool result, serialized at once, so far fewer than /v1/embeddings takes. */
const MAX_INPUTS = 64;
/** Inputs `compare` takes: the matrix grows with the square (100 → 4,950 pairs). */
const MAX_COMPARE_INPUTS = 100;

const schemas = once(() => {
  const { textSchema } = sharedSchemas();
  const inputSchema = z.strictObject({
    input: z
      .union([textSchema, z.array(textSchema.min(1)).min(1).max(MAX_COMPARE_INPUTS)])
      .describe(
        `the text to embed, or up to ${MAX_INPUTS} texts (one vector each, in order); compare takes up to ${MAX_COMPARE_INPUTS}`,
      ),
    model: z
      .string()
      .min(1)
      .optional()
      .describe(
        "embedding model id (`text-embedding-3-small`, `mistral-embed`, `bge-m3`, …) or `provider/model` to pin a provider; default: the cheapest one this server has a provider for",
      ),
    dimensions: z
      .number()
      .int()
      .positive()
      .max(65_536)
      .optional()
      .describe(
        "shorter vectors, on models that support it (text-embedding-3-*, gemini-embedding-001, nomic)",
      ),
    compare: z
      .boolean()
      .default(false)
      .describe("true: return the cosine similarity between every pair of inputs instead of the vectors"),
    routing: z
      .enum(ROUTING_PRESET_NAMES)
      .optional()
      .describe("routing preset: balanced (default), cheapest, fastest, quality"),
    cache: cacheOptionsSchema({
      mode: "use (default): cached vectors are reused per input; refresh: embed again and overwrite; bypass: no cache",
      ttl: "how long to keep the vectors (10 s – 1 year)",
    })
      .optional()
      .describe("per-call cache options; each input text is cached on its own"),
  });

  const outputSchema = z.object({
    model: z.string().describe("embedding model that made the vectors"),
    provider: z.string(),
    deployment: z.string(),
    dimensions: z.number().describe("length of each vector"),
    input_tokens: z.number(),
    cost_usd: z.number().describe("spent on this call (cached inputs cost nothing)"),
    cache: z.enum(["hit", "miss", "bypass", "off"]),
    cached_inputs: z.number().describe("inputs served from the cache"),
    latency_ms: z.number(),
    attempts: z.number().describe("upstream calls made (failover included)"),
    vectors: z
      .array(z.array(z.number()))
      .optional()
      .describe("one vector per input, in input order (without compare)"),
    similarity: z
      .array(z.array(z.number()))
      .optional()
      .describe(
        "with compare: cosine similarity matrix, similarity[i][j] between input i and input j (−1 to 1)",
      ),
    most_similar: z
      .array(z.object({ a: z.number(), b: z.number(), similarity: z.number() }))
      .optional()
      .describe(
        `with compare: the ${TOP_PAIRS} most similar pairs of inputs (indices into input), best first`,
      ),
    guardrails: z
      .object({
        action: z.string(),
        findings: z.array(
          z.object({ kind: z.string(), type: z.string(), preview: z.string() }).passthrough(),
        ),
      })
      .describe("what the input guardrails found (secrets block, personal data is redacted by default)"),
  });
  return { input: inputSchema, output: outputSchema };
});

type Output = z.output<ReturnType<typeof schemas>["output"]>;

/** The cheapest embedding model with an enabled deployment the caller may use. */
function defaultModel(embeddings: EmbeddingCatalog): string {
  let best: { id: string; price: number } | undefined;
  for (const model of embeddings.models)
    for (const deployment of model.deployments)
      if (embeddings.isEnabled(deployment) && (!best || deployment.price.input < best.price))
        best = { id: model.id, price: deployment.price.input };
  if (!best)
    throw new ModelmuxError(
      "NO_PROVIDER",
      "no embedding model has an enabled provider: set OPENAI_API_KEY, MISTRAL_API_KEY, GEMINI_API_KEY, TOGETHER_API_KEY, FIREWORKS_API_KEY or DEEPINFRA_API_KEY, or configure providers.<id>.embeddingModels",
    );
  return best.id;
}

function summarize(output: Output, inputs: number): string {
  const head = `${inputs} input(s) embedded by ${output.deployment} (${output.dimensions} dimensions, ${output.input_tokens} tokens, $${output.cost_usd}, cache ${output.cache}${output.cached_inputs ? `, ${output.cached_inputs} cached` : ""}).`;
  if (!output.similarity) return `${head} Vectors are in structuredContent.vectors.`;
  const rows = output.similarity.map(
    (row, index) => `[${index}] ${row.map((value) => value.toFixed(3)).join(" ")}`,
  );
  return [head, "Cosine similarity:", ...rows].join("\n");
}

function toOutput(result: EmbedResult, compare: boolean): Output {
  const base = {
    model: result.model,
    provider: result.provider,
    deployment: result.deployment,
    dimensions: result.vectors[0]?.length ?? 0,
    input_tokens: result.inputTokens,
    cost_usd: result.costUsd,
    cache: result.cache,
    cached_inputs: result.cachedInputs,
    latency_ms: result.latencyMs,
    attempts: result.attempts.length,
    guardrails: result.guardrails,
  };
  if (!compare) return { ...base, vectors: result.vectors };
  const similarity = cosineMatrix(result.vectors);
  return { ...base, similarity, most_similar: mostSimilarPairs(similarity, TOP_PAIRS) };
}

/** MCP tool `embed`: vectors for texts, or how similar the texts are to each other. */
export function registerEmbedTool(
  server: McpServer,
  deps: { embedder: Embedder; embeddings: EmbeddingCatalog },
): void {
  registerTool(
    server,
    {
      name: "embed",
      title: "Embed text",
      description:
        "Turn texts (up to 64) into embedding vectors through modelmux's routing (failover across the model's providers, a cache per " +
        "text, budgets, guardrails, usage ledger). With compare: true, answer the cosine similarity between every pair of " +
        "inputs instead (e.g. to find near-duplicates, or which passage best matches a query: put the query first).",
      schemas,
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    (args, extra) =>
      guard(async () => {
        const input = typeof args.input === "string" ? [args.input] : args.input;
        if (input.some((text) => text.length === 0))
          throw new ModelmuxError("INVALID_INPUT", "input: empty text; every input needs some text");
        const total = input.reduce((sum, text) => sum + text.length, 0);
        if (total > MAX_TEXT_CHARS)
          throw new ModelmuxError(
            "INVALID_INPUT",
            `input: ${total} characters in total; at most ${MAX_TEXT_CHARS}`,
          );
        if (!args.compare && input.length > MAX_INPUTS)
          throw new ModelmuxError(
            "INVALID_INPUT",
            `input: at most ${MAX_INPUTS} texts when the vectors are returned (${input.length} given); use compare, or /v1/embeddings for large batches`,
          );
        if (args.compare && (input.length < 2 || input.length > MAX_COMPARE_INPUTS))
          throw new ModelmuxError(
            "INVALID_INPUT",
            `compare: needs 2 to ${MAX_COMPARE_INPUTS} inputs, got ${input.length}`,
          );
        const onProgress = progressReporter(extra);
        const result = await deps.embedder.embed({
          model: args.model ?? defaultModel(deps.embeddings),
          input,
          ...(args.dimensions !== undefined && { dimensions: args.dimensions }),
          ...(args.routing && { preset: args.routing }),
          ...(args.cache && {
            cache: {
              ...(args.cache.mode && { mode: args.cache.mode }),
              ...(args.cache.ttl_s !== undefined && { ttlSeconds: args.cache.ttl_s }),
            },
          }),
          caller: callerOf(extra, "embed"),
          signal: extra.signal,
          ...(onProgress && { onProgress }),
        });
        const output = toOutput(result, args.compare);
        return toolResult(output, summarize(output, input.length));
      }),
  );
}
