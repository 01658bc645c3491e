import { request as httpRequest } from "node:http";
import { parseConfig } from "../../src/config/load-config.js";
import type { ConfigInput } from "../../src/config/schema.js";
import { createDeps } from "../../src/core/create-deps.js";
import { createLogger } from "../../src/logger.js";
import { type HttpServerDeps, startHttpServer } from "../../src/transports/http.js";
import { tempDataDir } from "../support/cli-process.js";

export type ExtraDeps = Omit<Partial<HttpServerDeps>, keyof Awaited<ReturnType<typeof createDeps>>>;

/** The real HTTP front door in this process, on a free loopback port, with a temp data dir. */
export async function startTestHttp(config: ConfigInput = {}, extra: ExtraDeps = {}) {
  const dataDir = config.dataDir ?? tempDataDir();
  const deps = await createDeps(
    { config: parseConfig({ dataDir, ...config }), dataDir, source: "test" },
    createLogger("silent"),
    {},
  );
  const running = await startHttpServer({ ...deps, ...extra }, { host: "127.0.0.1", port: 0 });
  return {
    ...running,
    deps,
    dataDir,
    async stop() {
      await running.close();
      await deps.close();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with full control of headers (fetch will not send a forged Host). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      { method: options.method ?? "GET", headers: options.headers },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

export const MCP_HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
};

export const LIST_TOOLS = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
