import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import { connectHttp } from "../support/cli-process.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { errorText, structured } from "../support/in-memory-server.js";
import { startTestHttp } from "./http-fixture.js";

const TOKEN = "mm-team-a-token-7f3c9d";
let upstream: FakeUpstream;
let server: Awaited<ReturnType<typeof startTestHttp>>;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  server = await startTestHttp({
    providers: {
      pa: { baseURL: upstream.url, models: { m1: { price: { input: 1, output: 2 }, tier: "small" } } },
      pb: { baseURL: upstream.url, models: { m2: { price: { input: 1, output: 2 }, tier: "small" } } },
    },
    keys: [{ name: "team-a", sha256: sha256Hex(TOKEN), models: ["pb/*"] }],
    routing: { exploration: 0 },
    cache: { store: "off" },
  });
});
afterAll(async () => {
  await server.stop();
  await upstream.close();
});

describe("a virtual key's allowed models on MCP", () => {
  it("refuses a model the key may not use, and routes auto only among allowed ones", async () => {
    const client = await connectHttp(server.mcpUrl, { authorization: `Bearer ${TOKEN}` });
    const refused = errorText(
      await client.callTool({ name: "route_completion", arguments: { prompt: "hi", model: "m1" } }),
    );
    expect(refused).toMatch(/UNAUTHORIZED: model "m1" is not allowed for key "team-a"/);
    const fallback = errorText(
      await client.callTool({
        name: "route_completion",
        arguments: { prompt: "hi", model: "m2", fallback_models: ["m1"] },
      }),
    );
    expect(fallback).toMatch(/model "m1" is not allowed/);
    const auto = structured<{ provider: string }>(
      await client.callTool({ name: "route_completion", arguments: { prompt: "hi" } }),
    );
    expect(auto.provider).toBe("pb");
    expect(upstream.requests.every((request) => (request.body as { model?: string }).model === "m2")).toBe(
      true,
    );
    await client.close();
  });
});
