import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createServer, type ServerDeps } from "../server.js";

/** Serves MCP over stdin/stdout. Nothing else may write to stdout: logs go to stderr. */
export async function serveStdio(deps: ServerDeps): Promise<void> {
  const server = createServer(deps);
  const transport = new StdioServerTransport();
  // The client closing stdin ends the session: flush stores, then exit.
  transport.onclose = () => {
    deps.logger.info("stdio closed");
    void deps.close().then(() => process.exit(0));
  };
  process.stdin.once("end", () => void transport.close());
  await server.connect(transport);
  deps.logger.info("modelmux serving MCP on stdio");
}
