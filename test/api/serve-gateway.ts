import OpenAI from "openai";
import { parseConfig } from "../../src/config/load-config.js";
import type { ConfigInput } from "../../src/config/schema.js";
import { createDeps } from "../../src/core/create-deps.js";
import { createLogger } from "../../src/logger.js";
import type { ServerDeps } from "../../src/server.js";
import { type RunningHttpServer, startHttpServer } from "../../src/transports/http.js";
import { tempDataDir } from "../support/cli-process.js";

export interface ServedGateway {
  deps: ServerDeps;
  server: RunningHttpServer;
  /** The official SDK pointed at modelmux's /v1. */
  client: OpenAI;
  /** Another SDK client with a different bearer token (for virtual-key tests). */
  clientWith(apiKey: string): OpenAI;
  /** Stops the server, then the deps, then the upstreams it was given. */
  close(): Promise<void>;
}

/** modelmux's HTTP server in-process on `config` (a fresh data dir), in front of `upstreams`. */
export async function serveGateway(
  config: ConfigInput,
  upstreams: readonly { close(): Promise<void> }[],
): Promise<ServedGateway> {
  const deps = await createDeps(
    { config: parseConfig(config), dataDir: tempDataDir(), source: "test" },
    createLogger("silent"),
    {},
  );
  const server = await startHttpServer(deps, { host: "127.0.0.1", port: 0 });
  const clientWith = (apiKey: string) => new OpenAI({ baseURL: `${server.url}/v1`, apiKey, maxRetries: 0 });
  return {
    deps,
    server,
    client: clientWith("unused"),
    clientWith,
    async close() {
      await server.close();
      await deps.close();
      await Promise.all(upstreams.map((upstream) => upstream.close()));
    },
  };
}
