import type { ProviderSpec } from "../providers/types.js";
import type { ModelInfo } from "./types.js";

/**
 * The MCP client's own model, reached through `sampling/createMessage` when config enables
 * sampling and the client declares the capability: route_completion then works with no API
 * key at all. It costs nothing here (the host pays) and is recorded as provider `client`.
 */
export const SAMPLING_PROVIDER: ProviderSpec = {
  id: "client",
  name: "MCP client (sampling)",
  baseURL: "mcp://client",
  keyEnv: null,
  pricesId: null,
  local: true,
};

export const SAMPLING_MODEL: ModelInfo = {
  id: "client",
  name: "The MCP host's model (via sampling)",
  vendor: "host",
  tier: "medium",
  capabilities: [],
  contextWindow: 128_000,
  maxOutput: 8192,
  tasks: ["classification", "extraction", "summarization", "chat", "code", "reasoning"],
  encoding: null,
  deployments: [
    {
      id: "client/client",
      model: "client",
      provider: "client",
      providerModelId: "client",
      price: { input: 0, output: 0 },
      priceSource: "config",
    },
  ],
};
