import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import { connectHttp } from "../support/cli-process.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { startTestHttp } from "./http-fixture.js";

const TEAM_A = "mmx-identity-team-a-1234";

let upstream: FakeUpstream;
let server: Awaited<ReturnType<typeof startTestHttp>>;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  server = await startTestHttp({
    providers: {
      lab: {
        baseURL: upstream.url,
        apiKey: "lab-test-key-000000",
        models: { m1: { price: { input: 1, output: 2 } }, m2: { price: { input: 3, output: 4 } } },
      },
    },
    keys: [{ name: "team-a", sha256: sha256Hex(TEAM_A) }],
    cache: { store: "off" },
  });
});

afterAll(async () => {
  await server?.stop();
  await upstream?.close();
});

describe("the caller's virtual key reaches the core", () => {
  it("records MCP calls under the key that made them, and the dashboard data shows them", async () => {
    const client = await connectHttp(server.mcpUrl, { authorization: `Bearer ${TEAM_A}` });
    const answer = await client.callTool({
      name: "route_completion",
      arguments: { model: "lab/m1", prompt: "hi" },
    });
    expect(answer.isError).toBeFalsy();
    await client.close();

    await server.deps.ledger.flush();
    const [latest] = await server.deps.ledger.recent(1);
    expect(latest).toMatchObject({ key: "team-a", tool: "route_completion", model: "m1", provider: "lab" });

    const data = (await (
      await fetch(`${server.url}/api/dashboard?window=1h`, { headers: { authorization: `Bearer ${TEAM_A}` } })
    ).json()) as { totals: { requests: number; cost_usd: number }; recent: { key: string }[] };
    expect(data.totals.requests).toBe(1);
    expect(data.totals.cost_usd).toBe(latest?.costUsd);
    expect(data.recent[0]?.key).toBe("team-a");
  });
});
