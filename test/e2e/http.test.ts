import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectHttp, type HttpProcess, spawnHttp } from "../support/cli-process.js";
import { errorText, structured } from "../support/in-memory-server.js";

let server: HttpProcess;

beforeAll(async () => {
  server = await spawnHttp();
});
afterAll(async () => {
  await server.stop();
});

const ACCEPT = { "content-type": "application/json", accept: "application/json, text/event-stream" };

describe("modelmux http (spawned CLI)", () => {
  it("prints the endpoint and a client config on start", () => {
    expect(server.stderr()).toContain(`MCP endpoint: ${server.mcpUrl}`);
    expect(server.stderr()).toContain('"mcpServers"');
  });

  it("answers /healthz", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("serves a session-ful SDK client", async () => {
    const client = await connectHttp(server.mcpUrl);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("estimate_cost");
    const estimate = structured<{ cheapest: { deployment: string } }>(
      await client.callTool({
        name: "estimate_cost",
        arguments: { input_tokens: 2000, models: ["gpt-4.1", "gpt-4.1-nano"] },
      }),
    );
    expect(estimate.cheapest.deployment).toMatch(/gpt-4.1-nano$/);
    expect(
      errorText(await client.callTool({ name: "compare_models", arguments: { models: ["gpt-4o"] } })),
    ).toMatch(/models/);
    await client.close();
  });

  it("serves clients that keep no session", async () => {
    const response = await fetch(server.mcpUrl, {
      method: "POST",
      headers: ACCEPT,
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 7,
        method: "tools/call",
        params: { name: "list_models", arguments: { provider: "mistral" } },
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: number; result: { structuredContent: { count: number } } };
    expect(body.id).toBe(7);
    expect(body.result.structuredContent.count).toBeGreaterThan(2);
  });

  it("rejects unknown sessions, bad JSON, oversized bodies and unknown routes without dying", async () => {
    const unknown = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { ...ACCEPT, "mcp-session-id": "does-not-exist" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(unknown.status).toBe(404);
    const badJson = await fetch(server.mcpUrl, { method: "POST", headers: ACCEPT, body: "{not json" });
    expect(badJson.status).toBe(400);
    const huge = await fetch(server.mcpUrl, {
      method: "POST",
      headers: ACCEPT,
      body: JSON.stringify({ pad: "x".repeat(9 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
