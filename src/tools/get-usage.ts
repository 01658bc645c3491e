import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import * as z4mini from "zod/v4-mini";
import { usageKeyFor } from "../core/access-policy.js";
import { once } from "../once.js";
import { GROUP_BY, type Ledger, parseWindow, type UsageRow, type UsageSummary } from "../usage/index.js";
import { registerTool } from "./register-tool.js";
import { callerOf } from "./tool-context.js";
import { guard, toolResult } from "./tool-result.js";

const schemas = once(() => {
  const inputSchema = {
    last: z
      .string()
      .max(20)
      .optional()
      .describe("window ending now (or at `until`): a duration like `30m`, `24h`, `7d`, `2w`. Default `24h`"),
    since: z
      .string()
      .max(40)
      .optional()
      .describe(
        "window start: ISO 8601 (`2025-06-01`, `2025-06-01T12:00:00Z`) or a duration ago (`7d`); instead of `last`",
      ),
    until: z
      .string()
      .max(40)
      .optional()
      .describe("window end (exclusive): ISO 8601 or a duration ago; default now"),
    group_by: z
      .enum(GROUP_BY)
      .optional()
      .describe("split the totals by served model, provider, virtual key, tool or UTC day"),
    key: z
      .string()
      .max(200)
      .optional()
      .describe(
        "only this virtual key's requests (callers authenticated with a virtual key always see only their own)",
      ),
  };

  const rowShape = {
    requests: z.number().describe("every request: successes, cache hits, blocked and failed ones"),
    errors: z.number().describe("requests that failed or were blocked"),
    tokens_in: z.number().describe("input tokens billed"),
    tokens_out: z.number().describe("output tokens billed"),
    tokens_cached: z.number().describe("input tokens served from the provider's prompt cache"),
    cost_usd: z.number().describe("what the requests cost upstream, USD"),
    error_rate: z.number().describe("errors / requests (0–1)"),
    cache_hits: z.number().describe("requests answered from modelmux's response cache"),
    cache_hit_rate: z
      .number()
      .describe("cache hits / cache lookups (0–1); bypassed and uncached requests do not count"),
    latency_p50_ms: z
      .number()
      .describe(
        "median latency, ms (percentile_cont: interpolated between the two middle requests; 0 without requests)",
      ),
    latency_p95_ms: z.number().describe("95th percentile latency, ms (percentile_cont)"),
    saved_by_cache_usd: z.number().describe("what cache hits would have cost upstream, USD"),
    saved_by_routing_usd: z
      .number()
      .describe(
        "requested (or baseline) model's cost minus the cost of what actually served, USD; negative if dearer",
      ),
  };

  const outputSchema = {
    since: z.string().describe("window start, ISO 8601 (inclusive)"),
    until: z.string().describe("window end, ISO 8601 (exclusive)"),
    group_by: z.enum(GROUP_BY).nullable().describe("the grouping asked for, or null"),
    key: z
      .string()
      .nullable()
      .describe("the virtual key the numbers are limited to, or null for every caller"),
    totals: z.object(rowShape).describe("the whole window"),
    groups: z
      .array(
        z.object({
          group: z.string().describe("the group's model, provider, key, tool or YYYY-MM-DD"),
          ...rowShape,
        }),
      )
      .describe(
        "one row per group: by day ascending, otherwise most expensive first; empty without group_by",
      ),
  };
  return { input: z4mini.strictObject(inputSchema), output: z4mini.object(outputSchema) };
});

function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

function describeRow(row: UsageRow): string {
  return (
    `${row.requests} requests, $${row.cost_usd}, ${row.tokens_in} in / ${row.tokens_out} out tokens, ` +
    `${percent(row.error_rate)} errors, ${percent(row.cache_hit_rate)} cache hits, ` +
    `p50 ${row.latency_p50_ms} ms / p95 ${row.latency_p95_ms} ms`
  );
}

/** The short text copy of a summary: totals, the savings story, then up to ten groups. */
export function describeUsage(summary: UsageSummary): string {
  const { totals } = summary;
  const lines = [`Usage ${summary.since} → ${summary.until}: ${describeRow(totals)}.`];
  lines.push(
    `Saved $${totals.saved_by_cache_usd} by cache hits and $${totals.saved_by_routing_usd} by routing versus the requested or baseline model.`,
  );
  for (const row of summary.groups.slice(0, 10)) lines.push(`- ${row.group}: ${describeRow(row)}`);
  if (summary.groups.length > 10) lines.push(`… and ${summary.groups.length - 10} more groups`);
  return lines.join("\n");
}

/** MCP tool `get_usage`: spend, tokens, errors, cache and latency from the ledger, with savings. */
export function registerGetUsageTool(server: McpServer, deps: { ledger: Pick<Ledger, "summarize"> }): void {
  registerTool(
    server,
    {
      name: "get_usage",
      title: "Get usage",
      description:
        "Report what modelmux has done over a time window: requests, tokens, cost, error rate, cache hit rate and " +
        "latency p50/p95, with the savings story (cost avoided by cache hits and by routing to a cheaper model than " +
        "the one requested). Optionally grouped by model, provider, key, tool or day. Reads the usage ledger (shared by every instance when it is on PostgreSQL).",
      schemas,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input, extra) =>
      guard(async () => {
        const window = parseWindow(input);
        // A virtual key sees only its own usage; the operator sees everything (core/access-policy.ts).
        const key = usageKeyFor(callerOf(extra, "get_usage"), input.key);
        const summary = await deps.ledger.summarize({ ...window, groupBy: input.group_by, key });
        return toolResult({ ...summary, key: key ?? null }, describeUsage(summary));
      }),
  );
}
