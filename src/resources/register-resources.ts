import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import {
  type Principal,
  seesActivityOf,
  seesAllTenants,
  seesDeployment,
  usageKeyFor,
} from "../core/access-policy.js";
import { sessionOf } from "../core/session-budgets.js";
import { ModelmuxError } from "../errors.js";
import { healthReport } from "../router/health-report.js";
import type { ServerDeps } from "../server.js";
import { modelSummary } from "../tools/model-summary.js";
import { callerOf, type ToolExtra } from "../tools/tool-context.js";

export const RESOURCE_URIS = {
  catalog: "modelmux://catalog",
  health: "modelmux://health",
  usageToday: "modelmux://usage/today",
  budget: "modelmux://budget",
} as const;

/** Resources that change when a request finishes; the catalog does not change at run time. */
const LIVE_URIS: readonly string[] = [RESOURCE_URIS.health, RESOURCE_URIS.usageToday, RESOURCE_URIS.budget];
/** At most one `notifications/resources/updated` per resource per second. */
export const UPDATE_THROTTLE_MS = 1000;

type ResourceDeps = Pick<
  ServerDeps,
  "catalog" | "health" | "config" | "ledger" | "budgets" | "sessionBudgets" | "changes"
>;

function json(uri: string, value: unknown) {
  return { contents: [{ uri, mimeType: "application/json", text: JSON.stringify(value, null, 2) }] };
}

function startOfUtcDay(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** Catalog, health, today's usage and budgets as MCP resources, with subscriptions. */
export function registerResources(server: McpServer, deps: ResourceDeps): void {
  server.registerResource(
    "catalog",
    RESOURCE_URIS.catalog,
    {
      title: "Model catalog",
      description:
        "Every priced model (routable or priced only) with providers, prices now (USD per 1M tokens), context, capabilities, tier; and the price-data date",
      mimeType: "application/json",
    },
    async (uri) => {
      await deps.catalog.ready(); // built in short turns if the warm-up has not finished it
      return json(uri.href, {
        price_data: deps.catalog.priceData,
        models: deps.catalog.entries.map((model) => modelSummary(model, deps.catalog)),
      });
    },
  );
  server.registerResource(
    "health",
    RESOURCE_URIS.health,
    {
      title: "Provider health",
      description:
        "Per deployment: uptime, latency, throughput, breaker state, routing score (a virtual key sees the deployments it may use)",
      mimeType: "application/json",
    },
    (uri, extra) => {
      const caller = callerOf(extra as ToolExtra, "resource");
      const visible = (deployment: string) => seesDeployment(caller, deployment);
      return json(uri.href, { deployments: healthReport(deps, { visible }) });
    },
  );
  server.registerResource(
    "usage-today",
    RESOURCE_URIS.usageToday,
    {
      title: "Usage today",
      description:
        "Requests, tokens, cost, cache hit rate and savings since 00:00 UTC, by model (a virtual key sees only its own)",
      mimeType: "application/json",
    },
    async (uri, extra) => {
      // A virtual key reads only its own requests; the operator reads every key's.
      const key = usageKeyFor(callerOf(extra as ToolExtra, "resource"));
      const summary = await deps.ledger.summarize({
        since: startOfUtcDay(Date.now()),
        until: Date.now(),
        groupBy: "model",
        ...(key !== undefined && { key }),
      });
      return json(uri.href, { ...summary, key: key ?? null });
    },
  );
  server.registerResource(
    "budget",
    RESOURCE_URIS.budget,
    {
      title: "Budgets",
      description:
        "This session's spending envelope and your key's day/month budgets (the operator sees the global and every key's)",
      mimeType: "application/json",
    },
    async (uri, extra) => {
      const caller = callerOf(extra as ToolExtra, "resource");
      // The global budget's spend is every tenant's spend: only the operator sees it (and every key's).
      const all = seesAllTenants(caller);
      const status = await deps.budgets.status(all ? undefined : caller);
      const budgets = all
        ? status.budgets
        : status.budgets.filter((line) => line.scope === "key" && line.key === caller.key);
      return json(uri.href, {
        session: deps.sessionBudgets.status(sessionOf(caller)),
        ...status,
        budgets,
      });
    },
  );

  const subscribed = new Set<string>();
  const lastSent = new Map<string, number>();
  const pending = new Map<string, NodeJS.Timeout>();
  const known = new Set<string>(Object.values(RESOURCE_URIS));
  // Who subscribed (one caller per MCP session): told only of changes it may see.
  let subscriber: Principal | undefined;

  server.server.registerCapabilities({ resources: { subscribe: true, listChanged: true } });
  server.server.setRequestHandler(SubscribeRequestSchema, async (request, extra) => {
    if (!known.has(request.params.uri))
      throw new ModelmuxError(
        "NOT_FOUND",
        `uri: unknown resource ${request.params.uri}; known: ${[...known].join(", ")}`,
      );
    subscribed.add(request.params.uri);
    subscriber = callerOf(extra as ToolExtra, "resource");
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    subscribed.delete(request.params.uri);
    return {};
  });

  function send(uri: string): void {
    pending.delete(uri);
    lastSent.set(uri, Date.now());
    server.server.sendResourceUpdated({ uri }).catch(() => undefined);
  }

  const unsubscribe = deps.changes.subscribe((key) => {
    // Another tenant's request finishing is that tenant's activity: not this session's to hear of.
    if (!subscriber || !seesActivityOf(subscriber, key)) return;
    for (const uri of LIVE_URIS) {
      if (!subscribed.has(uri) || pending.has(uri)) continue;
      const wait = (lastSent.get(uri) ?? 0) + UPDATE_THROTTLE_MS - Date.now();
      if (wait <= 0) send(uri);
      else
        pending.set(
          uri,
          setTimeout(() => send(uri), wait),
        );
    }
  });
  const previousClose = server.server.onclose;
  server.server.onclose = () => {
    unsubscribe();
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
    previousClose?.();
  };
}
