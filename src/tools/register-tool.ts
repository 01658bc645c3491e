import type { McpServer, ToolCallback } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import type { ToolExtra } from "./tool-context.js";

/**
 * A tool's input and output schemas, as the SDK gets them: object schemas, not raw shapes. From a
 * raw shape the SDK builds a new object schema for every server it registers the tool on, whose
 * parser zod compiles anew on first use (validating 1,000 guardrail findings that way held the
 * event loop for tens of ms). `zod/v4-mini`'s `object` is what the SDK itself builds.
 */
export interface ToolSchemas<Input extends z.core.$ZodObject = z.core.$ZodObject> {
  input: Input;
  output: z.core.$ZodObject;
}

/** What an MCP client sees of a tool in tools/list; `schemas` builds the zod schemas behind it. */
export interface ToolDefinition<Input extends z.core.$ZodObject = z.core.$ZodObject> {
  name: string;
  title: string;
  description: string;
  annotations: ToolAnnotations;
  /**
   * Built on first use (wrap the factory in `once`), then shared by every server in the process.
   * Building every tool's zod schemas took ~30 ms of each start-up before any client asked for a
   * tool; now a tool's are built when its first call is validated (or when the SDK answers
   * tools/list itself, without the build's list: see built-tool-list.ts).
   */
  schemas: () => ToolSchemas<Input>;
}

const registeredNames = new WeakMap<McpServer, string[]>();

/** The tools registered on `server` through registerTool, in order. */
export function registeredToolNames(server: McpServer): readonly string[] {
  return registeredNames.get(server) ?? [];
}

/**
 * Registers a tool whose schemas the SDK reads only when it needs them: the registered tool's
 * `inputSchema` and `outputSchema` are getters over `definition.schemas()`. The SDK reads them when
 * it validates a call's arguments and result, and when it answers tools/list itself. Registering
 * is then cheap for every server (one per MCP session on HTTP, one per stateless request).
 */
export function registerTool<Input extends z.core.$ZodObject>(
  server: McpServer,
  definition: ToolDefinition<Input>,
  handler: (input: z.core.output<Input>, extra: ToolExtra) => CallToolResult | Promise<CallToolResult>,
): void {
  const { name, title, description, annotations, schemas } = definition;
  // Without schemas the SDK types the callback as (extra) => …; with `inputSchema` present (the
  // getter below) it calls it with (arguments, extra), as for any tool with an input schema.
  const tool = server.registerTool(
    name,
    { title, description, annotations },
    handler as unknown as ToolCallback,
  );
  Object.defineProperties(tool, {
    inputSchema: { get: () => schemas().input, enumerable: true, configurable: true },
    outputSchema: { get: () => schemas().output, enumerable: true, configurable: true },
  });
  const names = registeredNames.get(server) ?? [];
  names.push(name);
  registeredNames.set(server, names);
}
