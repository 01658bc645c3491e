import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import { connectHttp } from "../support/cli-process.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { structured } from "../support/in-memory-server.js";
import { startTestHttp } from "./http-fixture.js";

/**
 * Issue 21 (left open): a resource-updated notification tells its subscriber that a request just
 * finished, and health rows count every tenant's requests. A virtual key hears only of its own
 * requests and sees the health of the deployments it may use; the operator sees everything.
 */
const TOKENS = { a: "mmx-tenant-a-1111111", b: "mmx-tenant-b-2222222" };
const OPS = "mmx-operator-9999999";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let upstream: FakeUpstream;
let server: Awaited<ReturnType<typeof startTestHttp>>;
const clients: Client[] = [];

async function chat(token: string, model: string): Promise<void> {
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(token) },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hello" }] }),
  });
  expect(response.status).toBe(200);
}

/** A client subscribed to every live resource, and the notifications it received. */
async function subscriber(token: string): Promise<{ client: Client; heard: string[] }> {
  const client = await connectHttp(server.mcpUrl, bearer(token));
  clients.push(client);
  const heard: string[] = [];
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
    heard.push(notification.params.uri);
  });
  for (const uri of ["modelmux://usage/today", "modelmux://health", "modelmux://budget"])
    await client.subscribeResource({ uri });
  return { client, heard };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

async function healthDeployments(client: Client): Promise<string[]> {
  const result = await client.readResource({ uri: "modelmux://health" });
  const [content] = result.contents;
  const body = JSON.parse((content as { text: string }).text) as { deployments: { deployment: string }[] };
  return body.deployments.map((row) => row.deployment).sort();
}

beforeAll(async () => {
  upstream = await startFakeUpstream();
  server = await startTestHttp({
    providers: {
      fake: {
        baseURL: upstream.url,
        models: { m1: { price: { input: 1, output: 2 } }, m2: { price: { input: 1, output: 2 } } },
      },
    },
    keys: [
      { name: "team-a", sha256: sha256Hex(TOKENS.a), models: ["fake/m1"] },
      { name: "team-b", sha256: sha256Hex(TOKENS.b), models: ["fake/m2"] },
      { name: "ops", sha256: sha256Hex(OPS), admin: true },
    ],
    routing: { exploration: 0 },
    cache: { store: "off" },
  });
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await server.stop();
  await upstream.close();
});

describe("a virtual key hears of and sees only what is its own", () => {
  it("resource-updated notifications: a key hears of its own requests only, the operator of all", async () => {
    const b = await subscriber(TOKENS.b);
    const operator = await subscriber(OPS);
    await chat(TOKENS.a, "fake/m1");
    await settle();
    expect(b.heard).toEqual([]);
    expect(operator.heard).toContain("modelmux://usage/today");
    await chat(TOKENS.b, "fake/m2");
    await settle();
    expect(b.heard.sort()).toEqual(["modelmux://budget", "modelmux://health", "modelmux://usage/today"]);
  }, 30_000);

  it("the health resource, provider_health and the dashboard show a key the deployments it may use", async () => {
    const a = await connectHttp(server.mcpUrl, bearer(TOKENS.a));
    const operator = await connectHttp(server.mcpUrl, bearer(OPS));
    clients.push(a, operator);
    expect(await healthDeployments(a)).toEqual(["fake/m1"]);
    expect(await healthDeployments(operator)).toEqual(["fake/m1", "fake/m2"]);

    const tool = structured<{ deployments: { deployment: string }[] }>(
      await a.callTool({ name: "provider_health", arguments: {} }),
    );
    expect(tool.deployments.map((row) => row.deployment)).toEqual(["fake/m1"]);

    const dashboard = async (token: string) => {
      const response = await fetch(`${server.url}/api/dashboard?window=1h`, { headers: bearer(token) });
      const body = (await response.json()) as { health: { deployment: string }[] };
      return body.health.map((row) => row.deployment).sort();
    };
    // Both deployments have served requests (the test above), so both have health to show.
    expect(await dashboard(OPS)).toEqual(["fake/m1", "fake/m2"]);
    expect(await dashboard(TOKENS.a)).toEqual(["fake/m1"]);
  }, 30_000);
});
