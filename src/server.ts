import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { jsonSchemaValidator } from "@modelcontextprotocol/sdk/validation";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import type { ResponseStore } from "./api/responses/response-store.js";
import type { Catalog } from "./catalog/catalog.js";
import type { EmbeddingCatalog } from "./catalog/embedding-catalog.js";
import type { Config } from "./config/schema.js";
import type { ChangeFeed } from "./core/change-feed.js";
import type { Embedder } from "./core/embed.js";
import type { Orchestrator } from "./core/orchestrator.js";
import type { SessionBudgets } from "./core/session-budgets.js";
import type { LazyGuardrails } from "./guardrails/lazy-guardrails.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./observability/metrics.js";
import { registerResources } from "./resources/register-resources.js";
import type { HealthTracker } from "./router/health-tracker.js";
import { serveBuiltToolList } from "./tools/built-tool-list.js";
import { registerCheckGuardrailsTool } from "./tools/check-guardrails.js";
import { registerCompareModelsTool } from "./tools/compare-models.js";
import { registerEmbedTool } from "./tools/embed.js";
import { registerEstimateCostTool } from "./tools/estimate-cost.js";
import { registerGetUsageTool } from "./tools/get-usage.js";
import { registerListModelsTool } from "./tools/list-models.js";
import { registerProviderHealthTool } from "./tools/provider-health.js";
import { registerRouteBatchTool } from "./tools/route-batch.js";
import { registerRouteCompletionTool } from "./tools/route-completion.js";
import { registerSetSessionBudgetTool } from "./tools/set-session-budget.js";
import type { Ledger, ManagedBudgetGate } from "./usage/index.js";
import { VERSION } from "./version.js";

/** Everything the tools need, built once per process and shared by every MCP session. */
export interface ServerDeps {
  config: Config;
  dataDir: string;
  catalog: Catalog;
  health: HealthTracker;
  orchestrator: Orchestrator;
  /** Embedding models (apart from the chat catalog) and the embeddings pipeline. */
  embeddings: EmbeddingCatalog;
  embedder: Embedder;
  /** Responses kept for GET /v1/responses/{id} and `previous_response_id` (opened on first use). */
  responseStore: ResponseStore;
  sessionBudgets: SessionBudgets;
  guardrails: LazyGuardrails;
  /** Fires after every finished request; resource subscriptions listen to it. */
  changes: ChangeFeed;
  /** Prometheus registry behind /metrics (absent on stdio, where nothing serves it). */
  metrics?: Metrics;
  /** The usage ledger: get_usage, `modelmux usage` and the dashboard read it. */
  ledger: Ledger;
  /** Global and per-key budgets (day/month); `status()` feeds `modelmux://budget`. */
  budgets: ManagedBudgetGate;
  logger: Logger;
  /** Flushes and closes stores (ledger, cache) at shutdown. */
  close(): Promise<void>;
}

const INSTRUCTIONS =
  "modelmux routes LLM calls to the best model and provider with failover, prices work before it runs, " +
  "compares models and screens text with guardrails. Use route_completion to delegate a sub-call to a cheaper " +
  "or better model (dry_run: true quotes it first), route_batch for many prompts, estimate_cost or compare_models " +
  "to price a task, list_models to discover models, check_guardrails to screen documents or tool output for " +
  "prompt injection, secrets and PII, get_usage for spend and savings, set_session_budget to cap this session, " +
  "provider_health to see which deployments are healthy, embed for embedding vectors or text similarity. Resources: modelmux://catalog, modelmux://health, " +
  "modelmux://usage/today, modelmux://budget.";

/**
 * Without a validator the SDK builds an Ajv instance with every string format for each server, ~15 ms
 * of every session's start; only elicitation (the approval gate) uses it, so build it on first use.
 */
function lazyAjvValidator(): jsonSchemaValidator {
  let ajv: AjvJsonSchemaValidator | undefined;
  return {
    getValidator(schema) {
      ajv ??= new AjvJsonSchemaValidator();
      return ajv.getValidator(schema);
    },
  };
}

/** Builds one MCP server (one per session on HTTP; one per process on stdio). Cheap: tools only bind deps. */
export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: "modelmux", version: VERSION },
    { instructions: INSTRUCTIONS, capabilities: { logging: {} }, jsonSchemaValidator: lazyAjvValidator() },
  );
  registerEstimateCostTool(server, deps);
  registerCompareModelsTool(server, deps);
  registerListModelsTool(server, deps);
  registerRouteCompletionTool(server, deps);
  registerProviderHealthTool(server, deps);
  registerSetSessionBudgetTool(server, deps);
  registerRouteBatchTool(server, deps);
  registerCheckGuardrailsTool(server, deps);
  registerResources(server, deps);
  registerGetUsageTool(server, deps);
  registerEmbedTool(server, deps);
  serveBuiltToolList(server);
  return server;
}
