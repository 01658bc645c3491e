import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ListToolsRequestSchema, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { registeredToolNames } from "./register-tool.js";

/** Written beside the bundle by scripts/build.mjs (same name there). */
export const BUILT_TOOL_LIST_FILE = "tool-list.json";

let built: Tool[] | null | undefined;

/** The build's tools/list answer, read once; null when running from source (no build beside it). */
export function builtToolList(): Tool[] | null {
  if (built === undefined) {
    const file = join(import.meta.dirname, BUILT_TOOL_LIST_FILE);
    built = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { tools: Tool[] }).tools : null;
  }
  return built;
}

/**
 * Answers tools/list with the list the build wrote: the SDK's own answer, captured from the built
 * server's first start (scripts/build.mjs). The SDK converts every tool's zod schemas to JSON
 * Schema at each tools/list (~45 ms at start-up, again in every session); the tools and their
 * schemas are fixed at build time, so the answer is too. Used only when the build's list names the
 * same tools, in the same order, as `server` has registered; otherwise the SDK answers as before.
 * A test checks that the built list equals the SDK's answer from the zod schemas.
 */
export function serveBuiltToolList(server: McpServer): void {
  const tools = builtToolList();
  if (!tools || tools.map((tool) => tool.name).join() !== registeredToolNames(server).join()) return;
  const answer = { tools };
  server.server.setRequestHandler(ListToolsRequestSchema, () => answer);
}
