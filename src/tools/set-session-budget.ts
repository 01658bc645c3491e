import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import * as z4mini from "zod/v4-mini";
import { sessionOf } from "../core/session-budgets.js";
import { once } from "../once.js";
import type { ServerDeps } from "../server.js";
import { registerTool } from "./register-tool.js";
import { callerOf } from "./tool-context.js";
import { guard, toolResult } from "./tool-result.js";

const schemas = once(() => {
  const inputSchema = {
    limit_usd: z
      .number()
      .nonnegative()
      .max(1_000_000)
      .nullable()
      .describe(
        "most this MCP session may spend in USD from now on, counting what it already spent; null removes the limit",
      ),
  };

  const outputSchema = {
    spent_usd: z.number(),
    remaining_usd: z.number().nullable(),
    limit_usd: z.number().nullable(),
    reserved_usd: z.number().describe("held by calls in flight"),
  };
  return { input: z4mini.strictObject(inputSchema), output: z4mini.object(outputSchema) };
});

export function registerSetSessionBudgetTool(
  server: McpServer,
  deps: Pick<ServerDeps, "sessionBudgets">,
): void {
  registerTool(
    server,
    {
      name: "set_session_budget",
      title: "Set session budget",
      description:
        "Set the spending envelope of this MCP session (USD). Every route_completion answer then reports spent and " +
        "remaining budget, and a call whose worst case would exceed what is left is refused before anything is spent.",
      schemas,
      annotations: {
        readOnlyHint: false,
        openWorldHint: false,
        idempotentHint: true,
        destructiveHint: false,
      },
    },
    (input, extra) =>
      guard(() => {
        const status = deps.sessionBudgets.setLimit(
          sessionOf(callerOf(extra, "set_session_budget")),
          input.limit_usd,
        );
        const text =
          status.limit_usd === null
            ? `No session limit; $${status.spent_usd} spent so far.`
            : `Session budget $${status.limit_usd}: $${status.spent_usd} spent, $${status.remaining_usd} left.`;
        return toolResult({ ...status }, text);
      }),
  );
}
