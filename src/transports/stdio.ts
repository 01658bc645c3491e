import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createServer, type ServerDeps } from "../server.js";

/** Serves MCP over stdin/stdout. Nothing else may write to stdout: logs go to stderr. */
export async function serveStdio(deps: ServerDeps): Promise<void> {
  const server = createServer(deps);
  const transport = new StdioServerTransport();
  transport.onclose = () => deps.logger.info("stdio closed");
  await server.connect(transport);
  deps.logger.info("modelmux serving MCP on stdio");
}
