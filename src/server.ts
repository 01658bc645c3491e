import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Catalog } from "./catalog/catalog.js";
import type { Config } from "./config/schema.js";
import type { Logger } from "./logger.js";
import { registerCompareModelsTool } from "./tools/compare-models.js";
import { registerEstimateCostTool } from "./tools/estimate-cost.js";
import { registerListModelsTool } from "./tools/list-models.js";
import { VERSION } from "./version.js";

/** Everything the tools need, built once per process and shared by every MCP session. */
export interface ServerDeps {
  config: Config;
  catalog: Catalog;
  logger: Logger;
}

const INSTRUCTIONS =
  "modelmux routes LLM calls to the best model and provider with failover, prices work before it runs, " +
  "compares models and screens text with guardrails. Use estimate_cost or compare_models to price a task, " +
  "list_models to discover models.";

/** Builds one MCP server (one per session on HTTP; one per process on stdio). Cheap: tools only bind deps. */
export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: "modelmux", version: VERSION },
    { instructions: INSTRUCTIONS, capabilities: { logging: {} } },
  );
  registerEstimateCostTool(server, deps);
  registerCompareModelsTool(server, deps);
  registerListModelsTool(server, deps);
  return server;
}
