import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { parseConfig } from "../src/config/load-config.js";
import { createDeps } from "../src/core/create-deps.js";
import { createLogger } from "../src/logger.js";
import { createServer } from "../src/server.js";
import { tempDataDir } from "../test/support/cli-process.js";
import { startFakeUpstream } from "../test/support/fake-upstream.js";
import { formatMs, median, printTable } from "./stats.js";

const ITEMS = 1000;
const CONCURRENCY = 32;
const UPSTREAM_LATENCY_MS = 50;

/** Issue 9's target: route_batch of 1,000 short prompts at concurrency 32 against a 50 ms upstream. */
export async function benchBatch(): Promise<void> {
  const upstream = await startFakeUpstream({ latencyMs: UPSTREAM_LATENCY_MS, record: false });
  const config = parseConfig({
    providers: { lab: { baseURL: upstream.url, models: { m1: { price: { input: 0.5, output: 1 } } } } },
    cache: { store: "off" },
  });
  const deps = await createDeps(
    { config, dataDir: tempDataDir(), source: "bench" },
    createLogger("silent"),
    {},
    { metrics: false },
  );
  const server = createServer(deps);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "bench", version: "1" });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);

  const single: number[] = [];
  for (let index = 0; index < 20; index++) {
    const started = performance.now();
    await client.callTool({ name: "route_completion", arguments: { prompt: `warm ${index}`, model: "m1" } });
    single.push(performance.now() - started);
  }
  const oneCall = median(single);
  const items = Array.from({ length: ITEMS }, (_, index) => ({ n: index }));
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = (await client.callTool(
    {
      name: "route_batch",
      arguments: { template: "Classify item {{n}} as A or B", items, model: "m1", concurrency: CONCURRENCY },
    },
    undefined,
    { timeout: 600_000 },
  )) as { structuredContent?: { totals: { succeeded: number } } };
  const wall = performance.now() - started;
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const ideal = (ITEMS / CONCURRENCY) * oneCall;
  await client.close();
  await server.close();
  await deps.close();
  await upstream.close();

  printTable(
    `route_batch (issue 9): ${ITEMS} prompts, concurrency ${CONCURRENCY}, upstream latency ${UPSTREAM_LATENCY_MS} ms`,
    [
      ["one route_completion (median of 20)", formatMs(oneCall)],
      ["batch wall time", formatMs(wall)],
      ["ideal (1000 / 32 × one call)", formatMs(ideal)],
      ["wall / ideal", (wall / ideal).toFixed(2), "≤ 1.5"],
      ["items succeeded", String(result.structuredContent?.totals.succeeded ?? 0)],
      [
        "heap used before → after (after GC)",
        `${(heapBefore / 1e6).toFixed(1)} MB → ${(heapAfter / 1e6).toFixed(1)} MB`,
      ],
    ],
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBatch();
