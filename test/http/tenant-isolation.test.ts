import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { sha256Hex } from "../../src/http/auth.js";
import { connectHttp, tempDataDir } from "../support/cli-process.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { structured } from "../support/in-memory-server.js";
import { startTestHttp } from "./http-fixture.js";

const TOKENS = { a: "mmx-tenant-a-1111111", b: "mmx-tenant-b-2222222", c: "mmx-tenant-c-3333333" };
const OPS = "mmx-operator-9999999";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let upstream: FakeUpstream;
let server: Awaited<ReturnType<typeof startTestHttp>>;

async function chat(token: string, model = "fake/m1", content = "hello"): Promise<Response> {
  return fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(token) },
    body: JSON.stringify({ model, messages: [{ role: "user", content }] }),
  });
}

interface Dashboard {
  key: string | null;
  totals: { requests: number };
  by_model: { model: string }[];
  recent: { key: string }[];
}

async function dashboard(token: string): Promise<Dashboard> {
  const response = await fetch(`${server.url}/api/dashboard?window=1h`, { headers: bearer(token) });
  expect(response.status).toBe(200);
  return (await response.json()) as Dashboard;
}

async function readJson<T>(client: Client, uri: string): Promise<T> {
  const result = await client.readResource({ uri });
  const [content] = result.contents;
  return JSON.parse((content as { text: string }).text) as T;
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
      { name: "team-a", sha256: sha256Hex(TOKENS.a), dailyUsd: 5 },
      { name: "team-b", sha256: sha256Hex(TOKENS.b), dailyUsd: 7 },
      { name: "team-c", sha256: sha256Hex(TOKENS.c) },
      { name: "ops", sha256: sha256Hex(OPS), admin: true },
    ],
    budgets: { global: { dailyUsd: 100 } },
    routing: { exploration: 0 },
    cache: { store: "off" },
  });
  for (const token of [TOKENS.a, TOKENS.a, TOKENS.c]) expect((await chat(token)).status).toBe(200);
  expect((await chat(TOKENS.b, "fake/m2")).status).toBe(200);
});
afterAll(async () => {
  await server.stop();
  await upstream.close();
});

describe("a virtual key sees only its own usage", () => {
  it("/api/dashboard: totals, groups and recent requests are the caller's only", async () => {
    const seen = await dashboard(TOKENS.b);
    expect(seen.key).toBe("team-b");
    expect(seen.totals.requests).toBe(1);
    expect(seen.recent.map((row) => row.key)).toEqual(["team-b"]);
    expect(seen.by_model.map((row) => row.model)).toEqual(["m2"]);
    expect((await dashboard(TOKENS.a)).totals.requests).toBe(2);
  });

  it("the operator's key (admin: true) sees every tenant", async () => {
    const all = await dashboard(OPS);
    expect(all.key).toBeNull();
    expect(all.totals.requests).toBe(4);
    expect(new Set(all.recent.map((row) => row.key))).toEqual(new Set(["team-a", "team-b", "team-c"]));
  });

  it("modelmux://usage/today and modelmux://budget through the real SDK client", async () => {
    const client = await connectHttp(server.mcpUrl, bearer(TOKENS.b));
    const today = await readJson<{ key: string; totals: { requests: number } }>(
      client,
      "modelmux://usage/today",
    );
    expect(today).toMatchObject({ key: "team-b", totals: { requests: 1 } });
    const budget = await readJson<{ budgets: { scope: string; key: string | null }[] }>(
      client,
      "modelmux://budget",
    );
    // Its own daily budget; neither the global one (everyone's spend) nor team-a's.
    expect(budget.budgets.map((line) => `${line.scope}:${line.key}`)).toEqual(["key:team-b"]);
    await client.close();

    const operator = await connectHttp(server.mcpUrl, bearer(OPS));
    expect(
      (await readJson<{ totals: { requests: number } }>(operator, "modelmux://usage/today")).totals.requests,
    ).toBe(4);
    const lines = (
      await readJson<{ budgets: { scope: string; key: string | null }[] }>(operator, "modelmux://budget")
    ).budgets.map((line) => `${line.scope}:${line.key}`);
    expect(lines).toEqual(["global:null", "key:team-a", "key:team-b"]);
    await operator.close();
  });

  it("get_usage answers with the caller's own key and refuses another's", async () => {
    const client = await connectHttp(server.mcpUrl, bearer(TOKENS.c));
    const own = structured<{ key: string; totals: { requests: number } }>(
      await client.callTool({ name: "get_usage", arguments: { last: "1h" } }),
    );
    expect(own).toMatchObject({ key: "team-c", totals: { requests: 1 } });
    const other = await client.callTool({ name: "get_usage", arguments: { key: "team-a" } });
    expect(other.isError).toBe(true);
    await client.close();
  });

  it("/metrics (every tenant's traffic) is the operator's only: 403 for a tenant's key", async () => {
    const refused = await fetch(`${server.url}/metrics`, { headers: bearer(TOKENS.a) });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/\/metrics shows every tenant's traffic/);
    const allowed = await fetch(`${server.url}/metrics`, { headers: bearer(OPS) });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("modelmux_requests_total");
  });
});

describe("a cache hit is checked against the key's allowed models", () => {
  it("a key that lost access to fake/m1 gets the same refusal as without the cache", async () => {
    const cacheUpstream = await startFakeUpstream();
    const dataDir = tempDataDir();
    const providers = {
      fake: {
        baseURL: cacheUpstream.url,
        models: { m1: { price: { input: 1, output: 2 } }, m2: { price: { input: 1, output: 2 } } },
      },
    };
    const body = (model: string) =>
      JSON.stringify({ model, messages: [{ role: "user", content: "cache me" }], temperature: 0 });
    const post = (url: string, model: string, headers: Record<string, string> = {}) =>
      fetch(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(TOKENS.a), ...headers },
        body: body(model),
      });
    const configWith = (models: string[]) => ({
      dataDir,
      providers,
      keys: [{ name: "team-a", sha256: sha256Hex(TOKENS.a), models }],
      routing: { exploration: 0 },
      cache: { store: "sqlite" as const },
    });

    const before = await startTestHttp(configWith(["fake/m1"]));
    expect((await post(before.url, "fake/m1")).status).toBe(200);
    expect((await post(before.url, "auto")).status).toBe(200);
    const again = await post(before.url, "fake/m1");
    expect(again.headers.get("x-modelmux-cache")).toBe("hit");
    await before.stop();
    const calls = cacheUpstream.requests.length;

    // The same key, same data dir and cache, now allowed fake/m2 only.
    const after = await startTestHttp(configWith(["fake/m2"]));
    try {
      const cached = await post(after.url, "fake/m1");
      const fresh = await post(after.url, "fake/m1", { "x-modelmux-cache": "bypass" });
      expect(cached.status).toBe(403);
      expect(await cached.json()).toEqual(await fresh.json());
      // `auto` cached an m1 answer: it is not served, the call routes to m2 instead.
      const auto = await post(after.url, "auto");
      expect(auto.status).toBe(200);
      expect(((await auto.json()) as { model: string }).model).toBe("m2");
      expect(cacheUpstream.requests.slice(calls).map((request) => request.model)).toEqual(["m2"]);
    } finally {
      await after.stop();
      await cacheUpstream.close();
    }
  });
});

describe("config", () => {
  it("reserves the key name `local` for the keyless operator", () => {
    expect(() => parseConfig({ keys: [{ name: "local", sha256: "a".repeat(64) }] })).toThrow(
      /"local" is the name of the keyless local operator/,
    );
  });
});
