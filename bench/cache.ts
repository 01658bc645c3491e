import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createResponseCache, type StoreBackedCache } from "../src/cache/index.js";
import { parseConfig } from "../src/config/load-config.js";
import { createDeps } from "../src/core/create-deps.js";
import type { CachedAnswer } from "../src/core/hooks.js";
import type { RouteRequest } from "../src/core/route-types.js";
import { createLogger } from "../src/logger.js";
import { createRandom } from "../src/router/random.js";
import type { ServerDeps } from "../src/server.js";
import { type FakeUpstream, startFakeUpstream } from "../test/support/fake-upstream.js";
import { type RedisServer, startRedisServer } from "../test/support/redis-server.js";
import { formatMs, percentile, printTable } from "./stats.js";

type Store = "sqlite" | "redis";

const KEYS = 1_000;
const MODULE_GETS = 20_000;
const RUN_WARM_UP = 500;
const RUN_HITS = 5_000;
const REPLAY_REQUESTS = 1_000;
const REPEAT_SHARE = 0.5;
/** A realistic sub-call: ~1 KB prompt; the fake upstream reports 800 tokens in, 200 out. */
const PROMPT = "Summarise this support ticket in one line. ".repeat(24);
const USAGE = { prompt_tokens: 800, completion_tokens: 200 };
/** gpt-4o-like prices (USD per 1M tokens), so saved cost reads like a real bill. */
const PRICE = { input: 2.5, output: 10 };

const logger = createLogger(process.env.MODELMUX_LOG_LEVEL ?? "error");

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "modelmux-bench-cache-"));
}

function cacheConfig(store: Store, redis: RedisServer) {
  return parseConfig({ cache: { store, ...(store === "redis" && { redisUrl: redis.url }) } }).cache;
}

function sample(answerText: string): CachedAnswer {
  return {
    text: answerText,
    model: "m1",
    provider: "pa",
    deployment: "pa/m1",
    usage: { input: 800, output: 200, cached: 0 },
    costUsd: 0.004,
    finishReason: "stop",
    createdAt: Date.now(),
  };
}

/** `cache.get` of a stored answer, straight through the cache module. */
async function benchModuleHits(store: Store, redis: RedisServer): Promise<[string, string, string?]> {
  const dataDir = tempDir();
  const cache: StoreBackedCache = await createResponseCache({
    config: cacheConfig(store, redis),
    dataDir,
    logger,
  });
  const keys = Array.from({ length: KEYS }, (_, index) =>
    cache.key({
      route: { model: "m1" },
      messages: [{ role: "user", content: `q${index}` }],
      params: {},
      namespace: "bench",
    }),
  );
  const written = performance.now();
  for (const key of keys) await cache.set(key, sample("x".repeat(800)), 3600);
  await cache.close();
  const writeMs = performance.now() - written;

  const reader = await createResponseCache({ config: cacheConfig(store, redis), dataDir, logger });
  const samples: number[] = [];
  for (let index = 0; index < MODULE_GETS; index++) {
    const key = keys[index % KEYS] as string;
    const started = performance.now();
    const hit = await reader.get(key);
    samples.push(performance.now() - started);
    if (!hit) throw new Error(`${store}: expected a hit`);
  }
  await reader.close();
  const p50 = percentile(samples, 50);
  return [
    `${store}: cache.get hit (module)`,
    `p50 ${formatMs(p50)}, p99 ${formatMs(percentile(samples, 99))}; ${KEYS} writes stored in ${formatMs(writeMs)} (background)`,
  ];
}

async function gateway(store: Store, redis: RedisServer, upstream: FakeUpstream): Promise<ServerDeps> {
  const config = parseConfig({
    providers: { pa: { baseURL: upstream.url, models: { m1: { price: PRICE, tier: "small" } } } },
    routing: { exploration: 0 },
    cache: { store, ...(store === "redis" && { redisUrl: redis.url }) },
  });
  return createDeps({ config, dataDir: tempDir(), source: "bench" }, logger, {});
}

function request(content: string): RouteRequest {
  return { model: "m1", messages: [{ role: "user", content }], caller: { key: "bench", tool: "bench" } };
}

/** `orchestrator.run` answered from the cache: routing plan, lookup and the answer's shape included. */
async function benchRunHits(
  store: Store,
  redis: RedisServer,
  upstream: FakeUpstream,
): Promise<[string, string, string]> {
  const deps = await gateway(store, redis, upstream);
  const prompts = Array.from({ length: 100 }, (_, index) => `${PROMPT} #${index}`);
  for (const prompt of prompts) await deps.orchestrator.run(request(prompt));
  for (let index = 0; index < RUN_WARM_UP; index++)
    await deps.orchestrator.run(request(prompts[index % 100] as string));
  const samples: number[] = [];
  for (let index = 0; index < RUN_HITS; index++) {
    const started = performance.now();
    const result = await deps.orchestrator.run(request(prompts[index % 100] as string));
    samples.push(performance.now() - started);
    if (result.cache !== "hit") throw new Error(`${store}: expected a hit, got ${result.cache}`);
  }
  await deps.close();
  const p50 = percentile(samples, 50);
  return [
    `${store}: orchestrator.run cache hit`,
    `p50 ${formatMs(p50)}, p99 ${formatMs(percentile(samples, 99))} (${p50 < 1 ? "met" : "MISSED"})`,
    "p50 < 1 ms",
  ];
}

/** 1,000 requests, half of them repeats of an earlier one, in a shuffled order. */
function workload(): string[] {
  const random = createRandom(11);
  const unique = Math.round(REPLAY_REQUESTS * (1 - REPEAT_SHARE));
  const order: string[] = [];
  const seen: string[] = [];
  let next = 0;
  while (order.length < REPLAY_REQUESTS) {
    const uniquesLeft = unique - next;
    const slotsLeft = REPLAY_REQUESTS - order.length;
    // A repeat only of something already asked; new prompts while enough slots remain for them.
    const repeat = seen.length > 0 && (uniquesLeft === 0 || random() < 1 - uniquesLeft / slotsLeft);
    if (repeat) order.push(seen[Math.floor(random() * seen.length)] as string);
    else {
      const prompt = `${PROMPT} ticket ${next++}`;
      seen.push(prompt);
      order.push(prompt);
    }
  }
  return order;
}

async function benchReplay(
  store: Store,
  redis: RedisServer,
  upstream: FakeUpstream,
): Promise<[string, string][]> {
  const deps = await gateway(store, redis, upstream);
  const prompts = workload();
  const repeats = prompts.length - new Set(prompts).size;
  const firstCost = new Map<string, number>();
  let hits = 0;
  let spent = 0;
  let saved = 0;
  const started = performance.now();
  for (const prompt of prompts) {
    const result = await deps.orchestrator.run(request(prompt));
    spent += result.costUsd;
    if (result.cache === "hit") {
      hits++;
      saved += firstCost.get(prompt) ?? 0;
    } else firstCost.set(prompt, result.costUsd);
  }
  const elapsedMs = performance.now() - started;
  await deps.close();
  const rate = (count: number) => `${((100 * count) / prompts.length).toFixed(1)}%`;
  return [
    [
      `${store}: replay ${prompts.length} requests`,
      `hit rate ${rate(hits)} (repeat share ${rate(repeats)}${hits === repeats ? ", equal" : ", DIFFERENT"}), ${formatMs(elapsedMs)} in all`,
    ],
    [
      `${store}: replay cost`,
      `spent $${spent.toFixed(4)}, saved $${saved.toFixed(4)} (${((100 * saved) / (spent + saved)).toFixed(1)}% of $${(spent + saved).toFixed(4)})`,
    ],
  ];
}

/** Cache figures: hit latency through the module and through the orchestrator, and a replayed workload. */
export async function benchCache(): Promise<void> {
  const [redis, upstream] = await Promise.all([startRedisServer(), startFakeUpstream({ record: false })]);
  upstream.setDefault({ type: "ok", usage: USAGE });
  try {
    const rows: [string, string, string?][] = [];
    for (const store of ["sqlite", "redis"] as const) {
      rows.push(await benchModuleHits(store, redis));
      rows.push(await benchRunHits(store, redis, upstream));
      rows.push(...(await benchReplay(store, redis, upstream)));
    }
    printTable("Response cache (fake upstream on loopback, redis-server on loopback)", rows);
  } finally {
    await Promise.all([upstream.close(), redis.stop()]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchCache();
}
