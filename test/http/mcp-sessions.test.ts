import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import { LIST_TOOLS, MCP_HEADERS, startTestHttp } from "./http-fixture.js";

const TEAM_A = "mmx-sessions-team-a-0001";
const TEAM_B = "mmx-sessions-team-b-0002";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
});

let server: Awaited<ReturnType<typeof startTestHttp>> | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function initialize(url: string, token: string): Promise<string> {
  const response = await fetch(url, {
    method: "POST",
    headers: { ...MCP_HEADERS, ...bearer(token) },
    body: INITIALIZE,
  });
  expect(response.status).toBe(200);
  await response.body?.cancel();
  return response.headers.get("mcp-session-id") ?? "";
}

function listTools(url: string, token: string, sessionId: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      ...MCP_HEADERS,
      ...bearer(token),
      "mcp-session-id": sessionId,
      "mcp-protocol-version": "2025-06-18",
    },
    body: LIST_TOOLS,
  });
}

describe("MCP sessions are bounded", () => {
  it("keeps at most maxMcpSessionsPerKey per key and maxMcpSessions in all, however many initialize calls", async () => {
    server = await startTestHttp({
      keys: [
        { name: "team-a", sha256: sha256Hex(TEAM_A) },
        { name: "team-b", sha256: sha256Hex(TEAM_B) },
      ],
      server: { maxMcpSessions: 8, maxMcpSessionsPerKey: 5 },
    });
    for (let index = 0; index < 40; index++) await initialize(server.mcpUrl, TEAM_A);
    expect(server.mcpSessions()).toBe(5);
    for (let index = 0; index < 40; index++) await initialize(server.mcpUrl, TEAM_B);
    expect(server.mcpSessions()).toBe(8);
  }, 60_000);

  it("closes the least recently used idle session first; the closed one answers 404", async () => {
    server = await startTestHttp({ server: { maxMcpSessionsPerKey: 3 } });
    const token = "unused";
    const [first, second, third] = [
      await initialize(server.mcpUrl, token),
      await initialize(server.mcpUrl, token),
      await initialize(server.mcpUrl, token),
    ];
    // Using the first makes the second the least recently used.
    const used = await listTools(server.mcpUrl, token, first ?? "");
    expect(used.status).toBe(200);
    await used.text();
    await initialize(server.mcpUrl, token);
    const evicted = await listTools(server.mcpUrl, token, second ?? "");
    expect(evicted.status).toBe(404);
    expect(await evicted.text()).toMatch(/unknown or expired MCP session/);
    for (const kept of [first, third]) {
      const answer = await listTools(server.mcpUrl, token, kept ?? "");
      expect(answer.status).toBe(200);
      await answer.text();
    }
  });
});

describe("MCP sessions expire when idle", () => {
  it("the real SDK client gets 404 after mcpSessionIdleMs, and initializes a new session that works", async () => {
    server = await startTestHttp({ server: { mcpSessionIdleMs: 3_000 } });
    const client = new Client({ name: "modelmux-test", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl));
    await client.connect(transport);
    const expiredId = transport.sessionId;
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    expect(server.mcpSessions()).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await expect(client.listTools()).rejects.toMatchObject({
      code: 404,
      message: /unknown or expired MCP session/,
    });
    expect(server.mcpSessions()).toBe(0);
    await client.close();

    // What a client does on 404: initialize again, and carry on with the new session.
    const again = new Client({ name: "modelmux-test", version: "1.0.0" });
    const fresh = new StreamableHTTPClientTransport(new URL(server.mcpUrl));
    await again.connect(fresh);
    expect(fresh.sessionId).not.toBe(expiredId);
    expect((await again.listTools()).tools.length).toBeGreaterThan(0);
    await again.close();
  });
});
