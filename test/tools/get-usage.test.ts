import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { registerGetUsageTool } from "../../src/tools/get-usage.js";
import { createLedger, type Ledger, type UsageSummary } from "../../src/usage/index.js";
import { tempDataDir } from "../support/cli-process.js";
import { errorText, structured } from "../support/in-memory-server.js";
import { usageRecord } from "../usage/usage-record.js";

const HOUR = 3_600_000;
let ledger: Ledger;
const sessions: { close(): Promise<void> }[] = [];

/** A server with get_usage over the given ledger, and a client that calls it as `key` (HTTP virtual key) or locally. */
async function connect(key?: string) {
  const server = new McpServer({ name: "modelmux-test", version: "1.0.0" });
  registerGetUsageTool(server, { ledger });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  if (key) {
    // What the HTTP front door does for an authenticated virtual key.
    const send = clientTransport.send.bind(clientTransport);
    clientTransport.send = (message, options) =>
      send(message, { ...options, authInfo: { token: "[redacted]", clientId: key, scopes: [] } });
  }
  const client = new Client({ name: "modelmux-test", version: "1.0.0" });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  const session = {
    call: (args: Record<string, unknown>) => client.callTool({ name: "get_usage", arguments: args }),
    close: async () => {
      await client.close();
      await server.close();
    },
  };
  sessions.push(session);
  return session;
}

beforeAll(() => {
  ledger = createLedger({ dataDir: tempDataDir(), logger: createLogger("silent") });
  const now = Date.now();
  ledger.record(usageRecord({ time: now - 2 * HOUR, costUsd: 0.01, latencyMs: 100 }));
  ledger.record(
    usageRecord({ time: now - HOUR, costUsd: 0, cache: "hit", savedByCacheUsd: 0.01, latencyMs: 4 }),
  );
  ledger.record(
    usageRecord({
      time: now - HOUR,
      key: "team-a",
      model: "llama-3.3-70b",
      provider: "groq",
      requestedModel: "gpt-4o",
      costUsd: 0.002,
      baselineCostUsd: 0.01,
      latencyMs: 300,
    }),
  );
  ledger.record(usageRecord({ time: now - 3 * 24 * HOUR, key: "team-a", costUsd: 1, latencyMs: 900 }));
});

afterAll(async () => {
  for (const session of sessions) await session.close();
  await ledger.close();
});

describe("get_usage", () => {
  it("defaults to the last 24 hours and tells the savings story", async () => {
    const session = await connect();
    const answer = await session.call({});
    const usage = structured<UsageSummary & { key: string | null }>(answer);
    expect(usage.key).toBeNull();
    expect(usage.group_by).toBeNull();
    expect(Date.parse(usage.until) - Date.parse(usage.since)).toBe(24 * HOUR);
    expect(usage.totals).toMatchObject({
      requests: 3,
      cost_usd: 0.012,
      cache_hits: 1,
      cache_hit_rate: 0.3333,
      latency_p50_ms: 100,
      latency_p95_ms: 280, // 4 100 300: rank 1.9, 100 + 0.9 × 200
      saved_by_cache_usd: 0.01,
      saved_by_routing_usd: 0.008,
    });
    const text = (answer.content as { text: string }[])[0]?.text ?? "";
    expect(text).toContain("3 requests, $0.012");
    expect(text).toContain("Saved $0.01 by cache hits and $0.008 by routing");
  });

  it("groups and widens the window with `last`", async () => {
    const session = await connect();
    const usage = structured<UsageSummary>(await session.call({ last: "7d", group_by: "key" }));
    expect(usage.totals.requests).toBe(4);
    expect(usage.groups.map((row) => [row.group, row.requests, row.cost_usd])).toEqual([
      ["team-a", 2, 1.002],
      ["local", 2, 0.01],
    ]);
    const byModel = structured<UsageSummary>(await session.call({ since: "2d", group_by: "model" }));
    expect(byModel.groups.map((row) => row.group)).toEqual(["gpt-4o", "llama-3.3-70b"]);
  });

  it("names the field for bad windows and bad groupings", async () => {
    const session = await connect();
    expect(errorText(await session.call({ last: "a while" }))).toMatch(
      /INVALID_INPUT: last: expected a duration like 30m, 24h, 7d/,
    );
    expect(errorText(await session.call({ since: "yesterday" }))).toMatch(/since: expected an ISO 8601 date/);
    expect(errorText(await session.call({ since: "1h", until: "2h" }))).toMatch(
      /since: must be before until/,
    );
    expect(errorText(await session.call({ group_by: "colour" }))).toMatch(/group_by/);
  });

  it("shows a virtual key only its own usage", async () => {
    const session = await connect("team-a");
    const usage = structured<UsageSummary & { key: string }>(await session.call({ last: "7d" }));
    expect(usage.key).toBe("team-a");
    expect(usage.totals).toMatchObject({ requests: 2, cost_usd: 1.002 });
    expect(errorText(await session.call({ key: "local" }))).toMatch(
      /UNAUTHORIZED: key: a virtual key can read only its own usage/,
    );
  });
});
