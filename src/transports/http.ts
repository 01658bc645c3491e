import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { createV1Handler } from "../api/v1-handler.js";
import { assertSeesAllTenants, seesDeployment, usageKeyFor } from "../core/access-policy.js";
import { buildDashboardData } from "../dashboard/dashboard-data.js";
import { parseWindow } from "../dashboard/parse-window.js";
import { createStaticHandler } from "../dashboard/serve-static.js";
import { errorMessage, isModelmuxError, ModelmuxError } from "../errors.js";
import { createAuthenticator } from "../http/auth.js";
import { createHostCheck, isLoopbackHost } from "../http/host-check.js";
import { HttpError, sendJson } from "../http/http-error.js";
import { createMcpHandler, sendMcpError } from "../http/mcp-handler.js";
import { createRequestDrain, isIdleStream } from "../http/request-drain.js";
import type { Logger } from "../logger.js";
import { createMetrics, type Metrics } from "../observability/metrics.js";
import type { ServerDeps } from "../server.js";
import { VERSION } from "../version.js";

function logWhenFinished(request: IncomingMessage, response: ServerResponse, logger: Logger): void {
  const started = performance.now();
  response.once("finish", () => {
    logger.debug(
      {
        method: request.method,
        path: (request.url ?? "/").split("?")[0],
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
      },
      "http",
    );
  });
}

/** Runs an access check (core/access-policy.ts); its refusal is a 403: the caller is known but may not. */
function asForbidden<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (isModelmuxError(error) && error.code === "UNAUTHORIZED")
      throw new HttpError(403, "permission_error", error.message);
    throw error;
  }
}

/** The shared ledger database is down: a 503 the page can show, not a 500. */
function asLedgerUnavailable(error: unknown): never {
  if (isModelmuxError(error) && error.code === "LEDGER_UNAVAILABLE")
    throw new HttpError(503, "ledger_unavailable", error.message, { "retry-after": "1" });
  throw error;
}

const LOCAL_BASE = "http://localhost";
/** After a drain timeout, how long cut requests get to record their outcome. */
const CUT_SETTLE_MS = 2_000;
/** A path of plain segments (letters, digits, `_`, `-`): no query, escapes, dots or empty segments. */
const PLAIN_PATH = /^\/(?:[\w-]+\/)*[\w-]*$/;

/**
 * The request's pathname. A plain path is its own pathname, and taking it as is spares parsing a
 * URL per request on the /v1 hot path; anything else is normalized by the URL parser. A target it
 * cannot parse (`//`) stays as sent, which no route matches: a 404, not a 500.
 */
export function pathOf(requestUrl: string): string {
  if (PLAIN_PATH.test(requestUrl)) return requestUrl;
  try {
    return new URL(requestUrl, LOCAL_BASE).pathname;
  } catch {
    return requestUrl;
  }
}

export interface HttpServerOptions {
  host: string;
  port: number;
}

/** The MCP deps, plus the Prometheus metrics the ledger feeds (a fresh, empty registry when absent). */
export type HttpServerDeps = ServerDeps & { metrics?: Metrics };

export interface RunningHttpServer {
  url: string;
  mcpUrl: string;
  server: Server;
  /** Closes at once: connections, requests in flight and MCP sessions are cut. */
  close(): Promise<void>;
  /**
   * Graceful stop: takes no new connections or requests (503), waits up to `timeoutMs` for the
   * requests in flight to finish, then cuts what is left and waits (briefly) for those handlers
   * to record their outcome, and closes. Resolves true when nothing had to be cut.
   */
  drain(timeoutMs: number): Promise<boolean>;
  /** MCP sessions open now (bounded by server.maxMcpSessions). */
  mcpSessions(): number;
}

/**
 * The HTTP front door: /mcp (streamable HTTP), /v1 (OpenAI-compatible), /metrics, the dashboard
 * (/, /api/dashboard) and /healthz. Everything but /healthz checks Host/Origin (DNS rebinding) and,
 * when virtual keys are configured, the bearer token.
 */
export async function startHttpServer(
  deps: HttpServerDeps,
  options: HttpServerOptions,
): Promise<RunningHttpServer> {
  const { server: serverConfig } = deps.config;
  if (!isLoopbackHost(options.host) && deps.config.keys.length === 0) {
    throw new ModelmuxError(
      "INVALID_CONFIG",
      `refusing to listen on ${options.host} without virtual keys: anyone who can reach it could spend your provider keys. ` +
        'Add "keys" to the config (README: HTTP server security) or bind 127.0.0.1',
    );
  }
  const bodyLimits = {
    maxBytes: serverConfig.maxBodyBytes,
    maxValues: serverConfig.maxBodyValues,
    timeoutMs: serverConfig.bodyTimeoutMs,
  };
  const mcp = createMcpHandler(deps, bodyLimits, {
    idleMs: serverConfig.mcpSessionIdleMs,
    maxSessions: serverConfig.maxMcpSessions,
    maxSessionsPerKey: serverConfig.maxMcpSessionsPerKey,
  });
  const v1 = createV1Handler(deps, bodyLimits);
  // With Redis, a key's rpm is one window shared by every instance (not one per instance).
  const { redisUrl } = deps.config.cache;
  const limiter =
    redisUrl && deps.config.keys.some((key) => key.rpm !== undefined)
      ? (await import("../http/redis-rate-limit.js")).createRedisRateLimiter({
          url: redisUrl,
          logger: deps.logger,
        })
      : undefined;
  const auth = createAuthenticator(deps.config.keys, limiter ? { limiter } : {});
  const metrics = deps.metrics ?? createMetrics();
  const serveStatic = createStaticHandler();
  let checkHost: (request: IncomingMessage) => void = () => {
    throw new HttpError(503, "starting", "server is starting");
  };

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = pathOf(request.url ?? "/");
    if (path === "/healthz" && request.method === "GET") {
      return sendJson(response, 200, {
        status: "ok",
        version: VERSION,
        uptime_s: Math.round(process.uptime()),
      });
    }
    checkHost(request);
    if (path === "/mcp") return mcp.handle(request, response, await auth.authenticate(request));
    if (path.startsWith("/v1/")) return v1.handle(request, response, path, auth);
    const isRead = request.method === "GET" || request.method === "HEAD";
    if (isRead && path === "/metrics") {
      // Process-wide counters are every tenant's traffic: the operator's view only.
      asForbidden(() => assertSeesAllTenants(auth.identify(request), "/metrics"));
      const body = await metrics.render(deps.health.snapshotAll());
      response.writeHead(200, { "content-type": metrics.contentType, "cache-control": "no-store" });
      response.end(body);
      return;
    }
    if (isRead && path === "/api/dashboard") {
      // A virtual key's dashboard shows its own requests; the operator's shows everyone's.
      const caller = auth.identify(request);
      const key = usageKeyFor(caller);
      const data = await buildDashboardData(
        {
          ledger: deps.ledger,
          health: deps.health,
          ...(key !== undefined && { key }),
          seesDeployment: (deployment) => seesDeployment(caller, deployment),
        },
        parseWindow(new URL(request.url ?? "/", LOCAL_BASE).searchParams.get("window")),
      ).catch(asLedgerUnavailable);
      return sendJson(response, 200, data, { "cache-control": "no-store" });
    }
    // Static files hold no data (the page asks for the token itself), so they need no auth.
    if (isRead && serveStatic(path, response)) return;
    throw new HttpError(404, "not_found", `no route for ${request.method} ${path}`);
  }

  const requests = createRequestDrain();
  const server = createHttpServer((request, response) => {
    // Access log: method, path (no query string) and status; never headers, so never a token.
    // Watched only at debug level: a listener per request is measurable on the /v1 hot path.
    if (deps.logger.isLevelEnabled("debug")) logWhenFinished(request, response, deps.logger);
    if (requests.draining) {
      response.shouldKeepAlive = false;
      sendJson(
        response,
        503,
        { error: { message: "modelmux is shutting down; retry on another instance", type: "unavailable" } },
        { "retry-after": "1" },
      );
      return;
    }
    const work = route(request, response).catch((error: unknown) => {
      const isMcp = request.url?.startsWith("/mcp");
      const httpError =
        error instanceof HttpError ? error : new HttpError(500, "internal_error", errorMessage(error));
      if (httpError.status >= 500)
        deps.logger.error({ err: errorMessage(error), path: request.url }, "request failed");
      if (isMcp) sendMcpError(response, httpError);
      else
        sendJson(
          response,
          httpError.status,
          { error: { message: httpError.message, type: httpError.type } },
          httpError.headers,
        );
    });
    if (!isIdleStream(request)) requests.track(response, work);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // `[::1]` is how a URL writes an IPv6 address; the socket takes it bare (`::1`).
    server.listen(options.port, options.host.replace(/^\[(.*)\]$/, "$1"), () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  checkHost = createHostCheck({
    bindHost: options.host,
    port: address.port,
    allowedHosts: serverConfig.allowedHosts,
    allowedOrigins: serverConfig.allowedOrigins,
  });
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  return {
    url,
    mcpUrl: `${url}/mcp`,
    server,
    async close() {
      await limiter?.close();
      await mcp.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    mcpSessions: () => mcp.sessions.size,
    async drain(timeoutMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const finished = await requests.drain(timeoutMs);
      if (!finished)
        deps.logger.warn(
          { in_flight: requests.inFlight(), drain_timeout_ms: timeoutMs },
          "drain timeout: cutting the requests still in flight",
        );
      await mcp.closeAll();
      server.closeAllConnections();
      // A cut request's handler sees its client gone, cancels upstream and records the request.
      await requests.settled(CUT_SETTLE_MS);
      await closed;
      return finished;
    },
  };
}
