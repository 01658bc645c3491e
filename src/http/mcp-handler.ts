import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { createServer, type ServerDeps } from "../server.js";
import type { Caller } from "./auth.js";
import { toAuthInfo } from "./caller-key.js";
import { HttpError, sendJson } from "./http-error.js";
import { type BodyLimits, readJsonBody } from "./read-body.js";

/**
 * Streamable HTTP at /mcp. An initialize request opens a session (Mcp-Session-Id), as the
 * spec describes; a request without a session id is served statelessly by a throwaway
 * server, so clients that keep no session work too. With `server.mcpSessions: "stateless"`
 * no request opens a session.
 */
export function createMcpHandler(deps: ServerDeps, bodyLimits: BodyLimits) {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  // The virtual key that opened each session: another key may not use it.
  const owners = new Map<string, string>();

  /** `caller` is the authenticated key; tools read it as `extra.authInfo` (see caller-key.ts). */
  async function handle(request: IncomingMessage, response: ServerResponse, caller: Caller): Promise<void> {
    (request as IncomingMessage & { auth?: AuthInfo }).auth = toAuthInfo(caller);
    const sessionId = request.headers["mcp-session-id"];
    const body = request.method === "POST" ? await readJsonBody(request, bodyLimits) : undefined;

    if (typeof sessionId === "string") {
      const transport = sessions.get(sessionId);
      if (!transport)
        throw new HttpError(404, "session_not_found", `unknown or expired MCP session ${sessionId}`);
      if (owners.get(sessionId) !== caller.key)
        throw new HttpError(403, "session_forbidden", "this MCP session belongs to another key");
      await transport.handleRequest(request, response, body);
      return;
    }
    if (request.method !== "POST")
      throw new HttpError(400, "session_required", "GET and DELETE on /mcp need an Mcp-Session-Id header");

    // Stateless mode (server.mcpSessions): initialize opens no session either, so any instance
    // behind a load balancer can serve every request of a client.
    if (isInitializeRequest(body) && deps.config.server.mcpSessions === "stateful") {
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          sessions.set(id, transport);
          owners.set(id, caller.key);
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) {
          sessions.delete(transport.sessionId);
          owners.delete(transport.sessionId);
        }
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

  async function closeAll(): Promise<void> {
    await Promise.allSettled([...sessions.values()].map((transport) => transport.close()));
    sessions.clear();
    owners.clear();
  }

  return { handle, closeAll, sessions };
}

export function sendMcpError(response: ServerResponse, error: HttpError): void {
  sendJson(
    response,
    error.status,
    { jsonrpc: "2.0", error: { code: -32000, message: error.message }, id: null },
    error.headers,
  );
}
