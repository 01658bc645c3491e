import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { createServer, type ServerDeps } from "../server.js";
import type { Caller } from "./auth.js";
import { toAuthInfo } from "./caller-key.js";
import { HttpError, sendJson } from "./http-error.js";
import { createSessionRegistry, type SessionLimits } from "./mcp-sessions.js";
import { type BodyLimits, readJsonBody } from "./read-body.js";

/**
 * Streamable HTTP at /mcp. An initialize request opens a session (Mcp-Session-Id), as the
 * spec describes; a request without a session id is served statelessly by a throwaway
 * server, so clients that keep no session work too. With `server.mcpSessions: "stateless"`
 * no request opens a session. Sessions are bounded (mcp-sessions.ts): an expired or evicted one
 * answers 404, and the client initializes again.
 */
export function createMcpHandler(deps: ServerDeps, bodyLimits: BodyLimits, limits: SessionLimits) {
  const sessions = createSessionRegistry(limits);

  /** `caller` is the authenticated key; tools read it as `extra.authInfo` (see caller-key.ts). */
  async function handle(request: IncomingMessage, response: ServerResponse, caller: Caller): Promise<void> {
    (request as IncomingMessage & { auth?: AuthInfo }).auth = toAuthInfo(caller);
    const sessionId = request.headers["mcp-session-id"];
    const body = request.method === "POST" ? await readJsonBody(request, bodyLimits) : undefined;

    if (typeof sessionId === "string") {
      const session = sessions.get(sessionId);
      // The spec's answer to an unknown session: 404, upon which the client initializes anew.
      if (!session)
        throw new HttpError(404, "session_not_found", `unknown or expired MCP session ${sessionId}`);
      if (session.key !== caller.key)
        throw new HttpError(403, "session_forbidden", "this MCP session belongs to another key");
      // A request being served keeps its session from expiring or being evicted (not the GET stream).
      if (request.method !== "GET") sessions.hold(session, response);
      await session.transport.handleRequest(request, response, body);
      return;
    }
    if (request.method !== "POST")
      throw new HttpError(400, "session_required", "GET and DELETE on /mcp need an Mcp-Session-Id header");

    // Stateless mode (server.mcpSessions): initialize opens no session either, so any instance
    // behind a load balancer can serve every request of a client.
    if (isInitializeRequest(body) && deps.config.server.mcpSessions === "stateful") {
      if (!sessions.makeRoom(caller.key))
        throw new HttpError(
          503,
          "too_many_sessions",
          "every MCP session allowed is busy; retry shortly, or close sessions you no longer use (DELETE /mcp)",
          { "retry-after": "1" },
        );
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          // Concurrent initializes may have filled the room made above: make it again.
          sessions.makeRoom(caller.key);
          sessions.add(id, transport, caller.key);
        },
      });
      transport.onclose = () => {
        if (!transport.sessionId) return;
        sessions.remove(transport.sessionId);
        deps.sessionBudgets.forget(transport.sessionId);
      };
      await createServer(deps).connect(transport);
      await transport.handleRequest(request, response, body);
      return;
    }

    // Stateless: one server and transport for this request only.
    const server = createServer(deps);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    response.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
  }

  return { handle, closeAll: () => sessions.closeAll(), sessions };
}

export function sendMcpError(response: ServerResponse, error: HttpError): void {
  sendJson(
    response,
    error.status,
    { jsonrpc: "2.0", error: { code: -32000, message: error.message }, id: null },
    error.headers,
  );
}
