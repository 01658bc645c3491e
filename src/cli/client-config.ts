/** Ready-to-paste MCP client config for a running HTTP server. */
export function httpClientConfig(mcpUrl: string): string {
  return JSON.stringify({ mcpServers: { modelmux: { type: "http", url: mcpUrl } } }, null, 2);
}
