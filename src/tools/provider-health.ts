import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import * as z4mini from "zod/v4-mini";
import { seesDeployment } from "../core/access-policy.js";
import { once } from "../once.js";
import { healthReport } from "../router/health-report.js";
import type { ServerDeps } from "../server.js";
import { registerTool } from "./register-tool.js";
import { callerOf } from "./tool-context.js";
import { guard, toolResult } from "./tool-result.js";

const schemas = once(() => {
  const inputSchema = {
    model: z.string().optional().describe("only deployments of this catalog model"),
    provider: z.string().optional().describe("only deployments on this provider"),
    include_disabled: z
      .boolean()
      .default(false)
      .describe("also list deployments whose provider has no key/config"),
  };

  const deploymentHealthSchema = z.object({
    deployment: z.string(),
    model: z.string(),
    provider: z.string(),
    enabled: z.boolean(),
    uptime: z
      .number()
      .nullable()
      .describe("share of successful calls in the rolling window; null before any call"),
    latency_ms: z.number().nullable(),
    ttft_ms: z.number().nullable().describe("time to first token"),
    throughput_tps: z.number().nullable().describe("output tokens per second"),
    requests: z.number(),
    failures: z.number(),
    breaker: z.enum(["closed", "open", "half_open"]),
    available: z.boolean(),
    unavailable_reason: z.string().optional(),
    score: z.number().describe("current routing score among the model's deployments (0–1)"),
  });

  const outputSchema = { deployments: z.array(deploymentHealthSchema) };
  return { input: z4mini.strictObject(inputSchema), output: z4mini.object(outputSchema) };
});

export function registerProviderHealthTool(
  server: McpServer,
  deps: Pick<ServerDeps, "catalog" | "health" | "config">,
): void {
  registerTool(
    server,
    {
      name: "provider_health",
      title: "Provider health",
      description:
        "Health of each deployment (model × provider) as modelmux sees it: uptime over the rolling window, latency, time " +
        "to first token, throughput, circuit-breaker state and the current routing score.",
      schemas,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input, extra) =>
      guard(() => {
        const caller = callerOf(extra, "provider_health");
        const rows = healthReport(deps, {
          model: input.model,
          provider: input.provider,
          includeDisabled: input.include_disabled,
          visible: (deployment) => seesDeployment(caller, deployment),
        });
        const text = rows.length
          ? rows
              .map(
                (row) =>
                  `${row.deployment}: ${row.breaker}, uptime ${row.uptime ?? "n/a"}, latency ${row.latency_ms ?? "n/a"} ms, score ${row.score}`,
              )
              .join("\n")
          : "No deployment matched (is any provider enabled? set a key such as OPENAI_API_KEY or GROQ_API_KEY).";
        return toolResult({ deployments: rows }, text);
      }),
  );
}
