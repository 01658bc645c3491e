import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { ClientCapabilities } from "@modelcontextprotocol/sdk/types.js";
import { parseConfig } from "../../src/config/load-config.js";
import type { ConfigInput } from "../../src/config/schema.js";
import { createDeps } from "../../src/core/create-deps.js";
import { createLogger } from "../../src/logger.js";
import { createServer, type ServerDeps } from "../../src/server.js";
import { tempDataDir } from "./cli-process.js";

/** Builds the real server with the given config and links an SDK client to it in memory. */
export interface ClientSetup {
  capabilities?: ClientCapabilities;
  /** Registers request handlers (elicitation, sampling) before the client connects. */
  prepare?: (client: Client) => void;
  /** createDeps' options (warm-up, the detectors). */
  deps?: Parameters<typeof createDeps>[3];
}

export async function connectInMemory(
  config: ConfigInput = {},
  env: NodeJS.ProcessEnv = {},
  setup: ClientSetup = {},
) {
  const deps: ServerDeps = await createDeps(
    { config: parseConfig(config), dataDir: tempDataDir(), source: "test" },
    createLogger("silent"),
    env,
    setup.deps,
  );
  const server = createServer(deps);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client(
    { name: "modelmux-test", version: "1.0.0" },
    { capabilities: setup.capabilities ?? {} },
  );
  setup.prepare?.(client);
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  return {
    client,
    deps,
    close: async () => {
      await Promise.all([client.close(), server.close()]);
      await deps.close();
    },
  };
}

/** The structured content of a successful tool call; fails the test with the message on isError. */
interface ToolAnswer {
  isError?: boolean;
  content?: unknown;
  structuredContent?: unknown;
}

export function structured<T = Record<string, unknown>>(answer: unknown): T {
  const result = answer as ToolAnswer;
  if (result.isError) throw new Error(`tool returned isError: ${JSON.stringify(result.content)}`);
  return result.structuredContent as T;
}

export function errorText(answer: unknown): string {
  const result = answer as ToolAnswer;
  if (!result.isError) throw new Error(`expected isError, got ${JSON.stringify(result).slice(0, 300)}`);
  return (result.content as { text: string }[]).map((part) => part.text).join("\n");
}
