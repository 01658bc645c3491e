import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Catalog } from "./catalog/catalog.js";
import type { Config } from "./config/schema.js";
import type { Orchestrator } from "./core/orchestrator.js";
import type { SessionBudgets } from "./core/session-budgets.js";
import type { Logger } from "./logger.js";
import type { HealthTracker } from "./router/health-tracker.js";
import { registerCompareModelsTool } from "./tools/compare-models.js";
import { registerEstimateCostTool } from "./tools/estimate-cost.js";
import { registerListModelsTool } from "./tools/list-models.js";
import { registerProviderHealthTool } from "./tools/provider-health.js";
import { registerRouteBatchTool } from "./tools/route-batch.js";
import { registerRouteCompletionTool } from "./tools/route-completion.js";
import { registerSetSessionBudgetTool } from "./tools/set-session-budget.js";
import { VERSION } from "./version.js";

/** Everything the tools need, built once per process and shared by every MCP session. */
export interface ServerDeps {
  config: Config;
  dataDir: string;
  catalog: Catalog;
  health: HealthTracker;
  orchestrator: Orchestrator;
  sessionBudgets: SessionBudgets;
  logger: Logger;
  /** Flushes and closes stores (ledger, cache) at shutdown. */
  close(): Promise<void>;
}

const INSTRUCTIONS =
  "modelmux routes LLM calls to the best model and provider with failover, prices work before it runs, " +
  "compares models and screens text with guardrails. Use route_completion to delegate a sub-call to a cheaper " +
  "or better model, estimate_cost or compare_models to price a task, list_models to discover models, " +
  "provider_health to see which deployments are healthy.";

/** Builds one MCP server (one per session on HTTP; one per process on stdio). Cheap: tools only bind deps. */
export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: "modelmux", version: VERSION },
    { instructions: INSTRUCTIONS, capabilities: { logging: {} } },
  );
  registerEstimateCostTool(server, deps);
  registerCompareModelsTool(server, deps);
  registerListModelsTool(server, deps);
  registerRouteCompletionTool(server, deps);
  registerProviderHealthTool(server, deps);
  registerSetSessionBudgetTool(server, deps);
  registerRouteBatchTool(server, deps);
  return server;
}
