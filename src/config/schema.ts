import { z } from "zod";
import { CAPABILITIES, TASKS, TIERS } from "../catalog/types.js";
import { guardrailsConfigSchema } from "../guardrails/config.js";
import { once } from "../once.js";

/**
 * The config's zod schemas, built on first use: a server started without a config file takes the
 * build's parsed defaults (see defaultConfig in load-config.ts) and never builds them.
 */
export const configSchemas = once(() => {
  const price = z.strictObject({
    input: z.number().nonnegative().describe("USD per 1M input tokens"),
    output: z.number().nonnegative().describe("USD per 1M output tokens"),
    cachedInput: z.number().nonnegative().optional().describe("USD per 1M cache-read input tokens"),
  });

  /** A model a provider serves, added or overriding the catalog. */
  const providerModel = z.strictObject({
    id: z.string().min(1).optional().describe("the provider's own model id (default: the key)"),
    price: price.optional(),
    contextWindow: z.number().int().positive().optional(),
    maxOutput: z.number().int().positive().optional(),
    tier: z.enum(TIERS).optional(),
    capabilities: z.array(z.enum(CAPABILITIES)).optional(),
    tasks: z.array(z.enum(TASKS)).optional(),
  });

  /** An embedding model a provider serves (local Ollama/vLLM ones, or a price override of a curated one). */
  const providerEmbeddingModel = z.strictObject({
    id: z.string().min(1).optional().describe("the provider's own model id (default: the key)"),
    price: z.strictObject({ input: z.number().nonnegative().describe("USD per 1M input tokens") }).optional(),
    dimensions: z.number().int().positive().optional().describe("vector length (required for a new model)"),
    /** Range of `dimensions` values this provider accepts; absent: the parameter is not sent there. */
    dimensionsRange: z
      .strictObject({ min: z.number().int().positive(), max: z.number().int().positive() })
      .optional(),
    maxInputTokens: z.number().int().positive().optional(),
  });

  /**
   * Azure OpenAI's deployment-style API: `{endpoint}/openai/deployments/{deployment}/chat/completions
   * ?api-version=…` with an `api-key` header. The deployment is the model's provider id
   * (`models.<model>.id`).
   */
  const azureDeployments = z
    .strictObject({
      resource: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, "a resource name: letters, digits and hyphens")
        .optional()
        .describe("the Azure OpenAI resource: https://{resource}.openai.azure.com"),
      endpoint: z
        .url()
        .optional()
        .describe("the resource's endpoint, when it is not {resource}.openai.azure.com"),
      apiVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, "a date such as 2024-10-21"),
    })
    .refine((azure) => (azure.resource === undefined) !== (azure.endpoint === undefined), {
      message: "give one of resource or endpoint",
    });

  const provider = z.strictObject({
    baseURL: z.url().optional(),
    azure: azureDeployments.optional(),
    /** A literal key or `env:NAME`; prefer `env:` so config files never hold keys. */
    apiKey: z.string().optional(),
    enabled: z.boolean().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** The API the provider speaks: `openai` (chat completions, the default) or `anthropic` (Messages API). */
    api: z.enum(["openai", "anthropic"]).optional(),
    /** Chat parameters this provider does not support (`n` means n > 1); replaces the built-in list. */
    unsupportedParams: z.array(z.string().min(1)).optional(),
    models: z.record(z.string(), providerModel).optional(),
    embeddingModels: z.record(z.string(), providerEmbeddingModel).optional(),
  });

  const weights = z.strictObject({
    uptime: z.number().nonnegative(),
    throughput: z.number().nonnegative(),
    price: z.number().nonnegative(),
    latency: z.number().nonnegative(),
    /** Model tier (small < medium < flagship); only the `quality` preset weighs it by default. */
    tier: z.number().nonnegative(),
  });

  const routing = z.strictObject({
    preset: z.enum(["balanced", "cheapest", "fastest", "quality"]).default("balanced"),
    weights: weights.partial().optional(),
    exploration: z.number().min(0).max(1).default(0.01),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    timeoutMs: z.number().int().min(100).default(60_000),
    /** Model whose price is the yardstick for "saved by routing" when `model: "auto"` is used. */
    baselineModel: z.string().default("gpt-4o"),
    /**
     * A parameter the chosen deployment does not support: `route` keeps to deployments that do (400
     * naming it when none is left); `drop` removes it for that deployment and says so in a header.
     */
    unsupportedParams: z.enum(["route", "drop"]).default("route"),
    /** Longest a single upstream attempt may take before failover (within timeoutMs). */
    attemptTimeoutMs: z.number().int().min(100).default(30_000),
    breaker: z
      .strictObject({
        failureThreshold: z.number().int().min(1).default(5),
        cooldownMs: z.number().int().min(0).default(30_000),
      })
      .prefault({}),
  });

  const cache = z.strictObject({
    store: z.enum(["sqlite", "redis", "memory", "off"]).default("sqlite"),
    ttlSeconds: z.number().int().min(10).max(31_536_000).default(3600),
    redisUrl: z.string().optional(),
    /** Cache answers sampled with temperature > 0 too (off: they are meant to vary). */
    cacheSampled: z.boolean().default(false),
  });

  const usage = z.strictObject({
    /** PostgreSQL URL (`postgres://…`, or `env:NAME`) for a ledger shared by every instance; SQLite in the data dir when absent. */
    databaseUrl: z
      .string()
      .regex(/^(?:postgres(?:ql)?:\/\/|env:)/, "expected a postgres:// or postgresql:// URL, or env:NAME")
      .optional(),
  });

  const budgetLimits = z.strictObject({
    dailyUsd: z.number().positive().optional(),
    monthlyUsd: z.number().positive().optional(),
  });

  const virtualKey = z.strictObject({
    name: z
      .string()
      .min(1)
      .refine((name) => name !== "local", {
        message: '"local" is the name of the keyless local operator; choose another name',
      }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/i, "expected 64 hex characters (SHA-256 of the bearer token)"),
    dailyUsd: z.number().positive().optional(),
    monthlyUsd: z.number().positive().optional(),
    models: z.array(z.string()).default(["*"]),
    rpm: z.number().int().positive().optional(),
    /** The operator's key: sees every tenant's usage, budgets, dashboard data and /metrics. */
    admin: z.boolean().default(false),
  });

  const server = z.strictObject({
    host: z.string().default("127.0.0.1"),
    port: z.number().int().min(0).max(65_535).default(8787),
    /**
     * Parsing a body is one synchronous call: 4 MiB keeps it near the 50 ms stall budget and holds
     * the largest text a request may carry (2,000,000 bytes); images and files beyond go by URL.
     */
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(4 * 1024 * 1024),
    /** JSON values a body may hold (parsing costs per value; see src/http/read-body.ts). */
    maxBodyValues: z.number().int().positive().default(20_000),
    /** A request body must arrive within this time (a trickled body was held for 300 s). */
    bodyTimeoutMs: z.number().int().positive().default(30_000),
    allowedOrigins: z.array(z.string()).default([]),
    allowedHosts: z.array(z.string()).default([]),
    /**
     * `stateful`: initialize opens an Mcp-Session-Id session held by this process (several instances
     * need session affinity). `stateless`: no sessions, so any instance serves any request.
     */
    mcpSessions: z.enum(["stateful", "stateless"]).default("stateful"),
    /** On SIGTERM/SIGINT, how long requests in flight may take to finish before they are cut. */
    drainTimeoutMs: z.number().int().min(0).default(30_000),
    /** An MCP session unused this long is closed (its client gets 404 and initializes again). */
    mcpSessionIdleMs: z
      .number()
      .int()
      .min(1_000)
      .default(30 * 60_000),
    /** Most MCP sessions open at once, and per virtual key; beyond, the least recently used idle one is closed. */
    maxMcpSessions: z.number().int().min(1).default(1_000),
    maxMcpSessionsPerKey: z.number().int().min(1).default(100),
  });

  const config = z.strictObject({
    dataDir: z.string().optional(),
    providers: z.record(z.string(), provider).default({}),
    routing: routing.prefault({}),
    cache: cache.prefault({}),
    usage: usage.prefault({}),
    guardrails: guardrailsConfigSchema,
    budgets: z
      .strictObject({
        global: budgetLimits.optional(),
        session: z.strictObject({ usd: z.number().positive() }).optional(),
      })
      .prefault({}),
    keys: z.array(virtualKey).default([]),
    approval: z.strictObject({ aboveUsd: z.number().nonnegative().optional() }).prefault({}),
    sampling: z.strictObject({ enabled: z.boolean().default(false) }).prefault({}),
    /** Local files route_completion may read (`files`, `images`) when the MCP client declares no roots. */
    files: z
      .strictObject({
        allowedDirs: z.array(z.string().min(1)).default([]),
        maxFileBytes: z.number().int().positive().default(1_000_000),
        // Within the per-request text cap (validation/text-limits.ts), which the files count towards.
        maxTotalBytes: z.number().int().positive().default(1_000_000),
        maxImageBytes: z.number().int().positive().default(20_000_000),
      })
      .prefault({}),
    server: server.prefault({}),
    /** POST /v1/responses: stored responses (`store: true`, the default) live this long. */
    responses: z.strictObject({ storeTtlDays: z.number().positive().max(3650).default(30) }).prefault({}),
  });
  return { config, provider, providerModel, providerEmbeddingModel, routing, weights };
});

type Schemas = ReturnType<typeof configSchemas>;
export type Config = z.output<Schemas["config"]>;
export type ConfigInput = z.input<Schemas["config"]>;
export type ProviderConfig = z.output<Schemas["provider"]>;
export type ProviderModelConfig = z.output<Schemas["providerModel"]>;
export type ProviderEmbeddingModelConfig = z.output<Schemas["providerEmbeddingModel"]>;
export type RoutingConfig = z.output<Schemas["routing"]>;
export type RoutingWeights = z.output<Schemas["weights"]>;
