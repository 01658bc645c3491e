import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { errorMessage } from "../errors.js";
import { HttpError, sendJson } from "../http/http-error.js";
import { createMcpHandler, sendMcpError } from "../http/mcp-handler.js";
import type { ServerDeps } from "../server.js";
import { VERSION } from "../version.js";

export interface HttpServerOptions {
  host: string;
  port: number;
}

export interface RunningHttpServer {
  url: string;
  mcpUrl: string;
  server: Server;
  close(): Promise<void>;
}

/** The HTTP front door: /mcp (streamable HTTP) and /healthz. */
export async function startHttpServer(
  deps: ServerDeps,
  options: HttpServerOptions,
): Promise<RunningHttpServer> {
  const mcp = createMcpHandler(deps, deps.config.server.maxBodyBytes);

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/mcp") return mcp.handle(request, response);
    if (path === "/healthz" && request.method === "GET") {
      return sendJson(response, 200, {
        status: "ok",
        version: VERSION,
        uptime_s: Math.round(process.uptime()),
      });
    }
    throw new HttpError(404, "not_found", `no route for ${request.method} ${path}`);
  }

  const server = createHttpServer((request, response) => {
    route(request, response).catch((error: unknown) => {
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
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  return {
    url,
    mcpUrl: `${url}/mcp`,
    server,
    async close() {
      await mcp.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
