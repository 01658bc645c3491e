import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import type { UsageSummary } from "../../src/usage/index.js";
import { connectHttp, type HttpProcess, spawnHttp, tempDataDir } from "../support/cli-process.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { type PostgresServer, startPostgresServer } from "../support/postgres-server.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";
import { type RoundRobinProxy, startRoundRobinProxy } from "../support/round-robin-proxy.js";

/**
 * Three `modelmux http` processes behind round-robin, one PostgreSQL ledger, one Redis, one fake
 * upstream. Mid-run one instance is SIGKILLed and restarted and PostgreSQL is restarted.
 */
const TOTAL = 3_000;
const CONCURRENCY = 12;
const FLUSH_BOUND_MS = 1_000; // answers this close to the SIGKILL may be lost (flush interval 100 ms + slack)
const BULK = "bulk-token";
const LIMITED = "limited-token";
const CAPPED = "capped-token";
const RPM = 30;
const CAPPED_DAILY_USD = 0.5;

let upstream: FakeUpstream;
let postgres: PostgresServer;
let redis: RedisServer;
let databaseUrl: string;
let configFile: string;
const dataDirs = [tempDataDir(), tempDataDir(), tempDataDir()];
const instances: HttpProcess[] = [];

function spawnInstance(index: number): Promise<HttpProcess> {
  return spawnHttp({
    args: ["--config", configFile],
    env: {
      MODELMUX_DATA_DIR: dataDirs[index] as string,
      MODELMUX_DATABASE_URL: databaseUrl,
      MODELMUX_REDIS_URL: redis.url,
    },
  });
}

interface Answer {
  status: number;
  requestId: string | null;
  instance: number;
  answeredAt: number;
}

async function complete(index: number, token: string, content: string, maxTokens = 16): Promise<Answer> {
  const instance = instances[index] as HttpProcess;
  const response = await fetch(`${instance.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ model: "m1", max_tokens: maxTokens, messages: [{ role: "user", content }] }),
  });
  await response.arrayBuffer();
  return {
    status: response.status,
    requestId: response.headers.get("x-modelmux-request-id"),
    instance: index,
    answeredAt: Date.now(),
  };
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Waits until no instance has records waiting on disk and the row count stops moving. */
async function ledgerSettled(): Promise<number> {
  let last = -1;
  for (let attempt = 0; attempt < 120; attempt++) {
    const spilled = dataDirs.some((dir) => readdirSync(dir).some((name) => name.startsWith("usage-spill")));
    const [row] = await sql<{ count: string }>("SELECT count(*) FROM modelmux_usage");
    const count = Number(row?.count);
    if (!spilled && count === last) return count;
    last = count;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the ledger never settled");
}

async function getUsage(index: number, token: string): Promise<UsageSummary> {
  const client = await connectHttp((instances[index] as HttpProcess).mcpUrl, {
    authorization: `Bearer ${token}`,
  });
  try {
    const result = (await client.callTool({
      name: "get_usage",
      arguments: { since: "1h" },
    })) as CallToolResult;
    if (result.isError) throw new Error(JSON.stringify(result.content));
    return result.structuredContent as unknown as UsageSummary;
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  [upstream, postgres, redis] = await Promise.all([
    startFakeUpstream({ record: false, latencyMs: 2 }),
    startPostgresServer(),
    startRedisServer(),
  ]);
  databaseUrl = await postgres.createDatabase("multi");
  configFile = join(mkdtempSync(join(tmpdir(), "modelmux-config-")), "modelmux.config.json");
  writeFileSync(
    configFile,
    JSON.stringify({
      // $1,000 per million tokens: each call costs about a cent, so a small budget is reached quickly.
      providers: {
        pa: { baseURL: upstream.url, models: { m1: { price: { input: 1_000, output: 1_000 } } } },
      },
      routing: { exploration: 0 },
      server: { mcpSessions: "stateless" },
      keys: [
        { name: "bulk", sha256: sha256Hex(BULK) },
        { name: "limited", sha256: sha256Hex(LIMITED), rpm: RPM },
        { name: "capped", sha256: sha256Hex(CAPPED), dailyUsd: CAPPED_DAILY_USD },
      ],
    }),
  );
  instances.push(...(await Promise.all([0, 1, 2].map(spawnInstance))));
}, 90_000);

afterAll(async () => {
  await Promise.allSettled(instances.map((instance) => instance.stop()));
  await Promise.allSettled([upstream?.close(), redis?.stop(), postgres?.destroy()]);
});

describe("three instances, one PostgreSQL ledger, one Redis", () => {
  it("records every answered request exactly once through an instance SIGKILL and a PostgreSQL restart", {
    timeout: 180_000,
  }, async () => {
    const answers: Answer[] = [];
    let next = 0;
    let killedAt = 0;
    let restarting: Promise<void> | undefined;
    let databaseRestart: Promise<void> | undefined;
    const down = new Set<number>();

    async function worker(): Promise<void> {
      while (next < TOTAL) {
        const sequence = next++;
        if (sequence === 1_000) {
          // SIGKILL instance 1 mid-run, and bring it back on the same data dir.
          const victim = instances[1] as HttpProcess;
          down.add(1);
          killedAt = Date.now();
          victim.child.kill("SIGKILL");
          restarting = spawnInstance(1).then((restarted) => {
            instances[1] = restarted;
            down.delete(1);
          });
        }
        if (sequence === 2_000) {
          databaseRestart = (async () => {
            await postgres.kill();
            await new Promise((resolve) => setTimeout(resolve, 1_500));
            await postgres.start();
          })();
        }
        let index = sequence % 3;
        if (down.has(index)) index = (index + 1) % 3;
        try {
          answers.push(await complete(index, BULK, `request ${sequence}`));
        } catch {
          // The killed instance's connections break: those requests were never answered.
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await restarting;
    await databaseRestart;

    const ok = answers.filter((answer) => answer.status === 200);
    expect(ok.length).toBeGreaterThan(TOTAL * 0.95);
    expect(ok.every((answer) => answer.requestId)).toBe(true);
    const rows = await ledgerSettled();
    const stored = new Map(
      (
        await sql<{ request_id: string; n: string }>(
          "SELECT request_id, count(*) AS n FROM modelmux_usage WHERE key = 'bulk' GROUP BY request_id",
        )
      ).map((row) => [row.request_id, Number(row.n)]),
    );
    // Exactly once: no id twice (the unique constraint), and every answer present but for the kill bound.
    expect([...stored.values()].every((count) => count === 1)).toBe(true);
    const missing = ok.filter((answer) => !stored.has(answer.requestId as string));
    // Lost answers may only be the killed instance's last ones: its socket can still deliver an
    // answer written just before the signal landed, hence a little slack after the kill too.
    for (const answer of missing) {
      expect(answer.instance).toBe(1);
      expect(answer.answeredAt).toBeGreaterThan(killedAt - FLUSH_BOUND_MS);
      expect(answer.answeredAt).toBeLessThan(killedAt + 500);
    }
    console.info(
      `multi-instance: ${TOTAL} sent, ${ok.length} answered, ${stored.size} bulk rows (${rows} in all), ${missing.length} answered but lost to the SIGKILL`,
    );

    // get_usage from each instance: the same totals, all of them from the shared ledger.
    const summaries = await Promise.all([0, 1, 2].map((index) => getUsage(index, BULK)));
    for (const summary of summaries) {
      expect(summary.totals).toEqual(summaries[0]?.totals);
      expect(summary.totals.requests).toBe(stored.size);
    }
  });

  it("holds a key's rpm across the instances: one window in Redis, not one per instance", async () => {
    const answers = await Promise.all(
      Array.from({ length: 2 * RPM }, (_, sequence) =>
        complete(sequence % 3, LIMITED, `limited ${sequence}`),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(RPM);
    expect(statuses.filter((status) => status === 429)).toHaveLength(RPM);
  });

  it("holds a key's daily budget across the instances, overshooting by no more than the calls in flight", async () => {
    let refused = 0;
    let accepted = 0;
    const sequence = { next: 0 };
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (refused < 10 && sequence.next < 500) {
          const at = sequence.next++;
          const answer = await complete(at % 3, CAPPED, `capped ${at}`);
          if (answer.status === 200) accepted += 1;
          else refused += 1;
        }
      }),
    );
    await ledgerSettled();
    const [spent] = await sql<{ usd: number; n: string }>(
      "SELECT COALESCE(SUM(cost_usd), 0) AS usd, count(*) FILTER (WHERE error_class IS NULL) AS n FROM modelmux_usage WHERE key = 'capped'",
    );
    const perCall = (spent?.usd ?? 0) / Math.max(1, accepted);
    expect(Number(spent?.n)).toBe(accepted);
    expect(refused).toBeGreaterThan(0);
    // The budget was used, and reached: what three separate instances would each have allowed did not happen.
    expect(spent?.usd).toBeGreaterThan(CAPPED_DAILY_USD / 2);
    expect(spent?.usd).toBeLessThanOrEqual(CAPPED_DAILY_USD + 6 * perCall * 2);
  });

  it("serves an MCP client through a load balancer with no affinity in stateless mode", async () => {
    let proxy: RoundRobinProxy | undefined;
    try {
      proxy = await startRoundRobinProxy(() => instances.map((instance) => instance.url));
      const client = await connectHttp(`${proxy.url}/mcp`, { authorization: `Bearer ${BULK}` });
      const tools = await client.listTools();
      expect(tools.tools.map((tool) => tool.name)).toContain("get_usage");
      for (let call = 0; call < 3; call++) {
        const result = (await client.callTool({ name: "get_usage", arguments: {} })) as CallToolResult;
        expect(result.isError).toBeFalsy();
      }
      await client.close();
      expect(new Set(proxy.served).size).toBe(3);
    } finally {
      await proxy?.close();
    }
  });
});
