import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, it } from "vitest";
import { startTestHttp } from "./http-fixture.js";

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

async function connect(mcpUrl: string) {
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl));
  const client = new Client({ name: "stateless-test", version: "1.0.0" });
  await client.connect(transport);
  return { client, transport };
}

describe("MCP session modes", () => {
  it("stateless: initialize opens no session, and every call is served without one", async () => {
    const server = await startTestHttp({ server: { mcpSessions: "stateless" } });
    running.push(server);
    const { client, transport } = await connect(server.mcpUrl);
    expect(transport.sessionId).toBeUndefined();
    const usage = await client.callTool({ name: "get_usage", arguments: {} });
    expect(usage.isError).toBeFalsy();
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
  });

  it("stateful (the default): initialize opens a session this process holds", async () => {
    const server = await startTestHttp();
    running.push(server);
    const { client, transport } = await connect(server.mcpUrl);
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await client.close();
  });
});
