import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import { connectHttp } from "../support/cli-process.js";
import { LIST_TOOLS, MCP_HEADERS, rawRequest, startTestHttp } from "./http-fixture.js";

const TEAM_A = "mmx-test-team-a-7f3c9e21";
const TEAM_B = "mmx-test-team-b-1a2b3c4d";
const LIMITED = "mmx-test-limited-55aa66bb";

type Server = Awaited<ReturnType<typeof startTestHttp>>;

describe("HTTP server without virtual keys (loopback)", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestHttp({ server: { maxBodyBytes: 2048 } });
  });
  afterAll(() => server.stop());

  it("serves /mcp, /metrics and the dashboard data without a token", async () => {
    const client = await connectHttp(server.mcpUrl);
    expect((await client.listTools()).tools.length).toBeGreaterThan(2);
    await client.close();
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await metrics.text()).toContain("# TYPE modelmux_requests_total counter");
    expect((await fetch(`${server.url}/api/dashboard`)).status).toBe(200);
  });

  it("refuses a forged Host or a foreign Origin on /mcp with 403 (DNS rebinding)", async () => {
    const port = new URL(server.url).port;
    const post = (headers: Record<string, string>) =>
      rawRequest(server.mcpUrl, {
        method: "POST",
        headers: { ...MCP_HEADERS, ...headers },
        body: LIST_TOOLS,
      });
    const rebound = await post({ host: `attacker.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('Host \\"attacker.example');
    expect((await post({ host: `127.0.0.1:${port}`, origin: "https://attacker.example" })).status).toBe(403);
    expect((await post({ host: `localhost:${port}`, origin: "http://localhost:6274" })).status).toBe(200);
    // The dashboard data is guarded the same way; /healthz is not.
    expect(
      (await rawRequest(`${server.url}/api/dashboard`, { headers: { host: "attacker.example" } })).status,
    ).toBe(403);
    expect(
      (await rawRequest(`${server.url}/healthz`, { headers: { host: "attacker.example" } })).status,
    ).toBe(200);
  });

  it("limits body size with 413", async () => {
    const huge = await fetch(server.mcpUrl, {
      method: "POST",
      headers: MCP_HEADERS,
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/list",
        params: { pad: "x".repeat(4096) },
      }),
    });
    expect(huge.status).toBe(413);
  });

  it("limits a chunked body that declares no length with 413 too, and keeps serving", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${server.url}/v1/chat/completions`,
        { method: "POST", headers: { "content-type": "application/json" } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on("error", reject);
      request.write(`{"model":"auto","pad":"${"x".repeat(1500)}`);
      request.end(`${"x".repeat(1500)}"}`);
    });
    expect(status).toBe(413);
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(200);
  });
});

describe("HTTP server with virtual keys", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestHttp({
      keys: [
        { name: "team-a", sha256: sha256Hex(TEAM_A) },
        { name: "team-b", sha256: sha256Hex(TEAM_B) },
        { name: "limited", sha256: sha256Hex(LIMITED), rpm: 2 },
      ],
    });
  });
  afterAll(() => server.stop());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("requires a bearer token on /mcp: 401 with a challenge and a JSON-RPC error", async () => {
    const missing = await fetch(server.mcpUrl, { method: "POST", headers: MCP_HEADERS, body: LIST_TOOLS });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await missing.json()).toMatchObject({ jsonrpc: "2.0", error: { message: /Authorization/ } });
    const wrong = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { ...MCP_HEADERS, ...bearer(`${TEAM_A}-not`) },
      body: LIST_TOOLS,
    });
    expect(wrong.status).toBe(401);
  });

  it("lets a valid key use MCP through the real SDK client", async () => {
    const client = await connectHttp(server.mcpUrl, bearer(TEAM_A));
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain("list_models");
    await client.close();
  });

  it("keeps a session to the key that opened it", async () => {
    const opened = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { ...MCP_HEADERS, ...bearer(TEAM_A) },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      }),
    });
    const sessionId = opened.headers.get("mcp-session-id") ?? "";
    expect(sessionId).not.toBe("");
    await opened.body?.cancel();
    const session = { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-06-18" };
    const stolen = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { ...MCP_HEADERS, ...session, ...bearer(TEAM_B) },
      body: LIST_TOOLS,
    });
    expect(stolen.status).toBe(403);
    const own = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { ...MCP_HEADERS, ...session, ...bearer(TEAM_A) },
      body: LIST_TOOLS,
    });
    expect(own.status).toBe(200);
    await own.body?.cancel();
  });

  it("applies the key's requests-per-minute limit with 429 and Retry-After", async () => {
    const post = () =>
      fetch(server.mcpUrl, {
        method: "POST",
        headers: { ...MCP_HEADERS, ...bearer(LIMITED) },
        body: LIST_TOOLS,
      });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { message: /limited to 2 requests per minute/ } });
    // Other keys are unaffected.
    expect(
      (
        await fetch(server.mcpUrl, {
          method: "POST",
          headers: { ...MCP_HEADERS, ...bearer(TEAM_B) },
          body: LIST_TOOLS,
        })
      ).status,
    ).toBe(200);
  });

  it("protects /metrics and the dashboard data; the page, its assets and /healthz stay open", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    // Metrics are every tenant's traffic: a tenant's key is known but refused (tenant-isolation.test.ts).
    expect((await fetch(`${server.url}/metrics`, { headers: bearer(TEAM_B) })).status).toBe(403);
    const data = await fetch(`${server.url}/api/dashboard`);
    expect(data.status).toBe(401);
    expect(await data.json()).toMatchObject({ error: { type: "invalid_api_key" } });
    expect((await fetch(`${server.url}/api/dashboard?window=7d`, { headers: bearer(TEAM_A) })).status).toBe(
      200,
    );
    expect(
      (await fetch(`${server.url}/api/dashboard?window=forever`, { headers: bearer(TEAM_A) })).status,
    ).toBe(400);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await page.text()).toContain("dashboard.js");
    expect((await fetch(`${server.url}/dashboard.js`)).headers.get("content-type")).toMatch(/javascript/);
    expect((await fetch(`${server.url}/dashboard.css`)).status).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/../../etc/passwd`)).status).toBe(404);
    // A target the URL parser refuses is no route, not a server error.
    expect((await rawRequest(`${server.url}//`, { headers: bearer(TEAM_A) })).status).toBe(404);
  });
});
