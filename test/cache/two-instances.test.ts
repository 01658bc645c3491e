import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@keyv/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpProcess, spawnHttp } from "../support/cli-process.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";

let upstream: FakeUpstream;
let redis: RedisServer;
let servers: HttpProcess[] = [];

/** One chat completion through a server's /v1; returns the cache header and the answer text. */
async function ask(server: HttpProcess, content: string): Promise<{ cache: string | null; text: string }> {
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "m1", messages: [{ role: "user", content }] }),
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { choices: { message: { content: string } }[] };
  return { cache: response.headers.get("x-modelmux-cache"), text: body.choices[0]?.message.content ?? "" };
}

/** The entry is written behind the answer: wait until it is in Redis (a write that never lands fails here, by name). */
async function entryInRedis(): Promise<void> {
  const client = createClient({ url: redis.url });
  await client.connect();
  const deadline = Date.now() + 10_000;
  try {
    while ((await client.keys("modelmux::*")).length === 0) {
      if (Date.now() > deadline) throw new Error("the first server's cache entry never reached Redis");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  [upstream, redis] = await Promise.all([startFakeUpstream(), startRedisServer()]);
  const file = join(mkdtempSync(join(tmpdir(), "modelmux-config-")), "modelmux.config.json");
  const config = {
    providers: { pa: { baseURL: upstream.url, models: { m1: { price: { input: 1, output: 2 } } } } },
    routing: { exploration: 0 },
  };
  writeFileSync(file, JSON.stringify(config));
  // Two real modelmux processes, each with its own data dir, sharing one Redis.
  const options = { args: ["--config", file], env: { MODELMUX_REDIS_URL: redis.url } };
  servers = await Promise.all([spawnHttp(options), spawnHttp(options)]);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await Promise.all([upstream?.close(), redis?.stop()]);
});

describe("two modelmux processes on one Redis", () => {
  it("see each other's entries, and keep answering after Redis is killed", async () => {
    const [first, second] = servers as [HttpProcess, HttpProcess];
    expect(await ask(first, "shared question")).toEqual({ cache: "miss", text: "shared question" });
    await entryInRedis();
    expect(await ask(second, "shared question")).toEqual({ cache: "hit", text: "shared question" });
    expect(await ask(first, "shared question")).toEqual({ cache: "hit", text: "shared question" });
    expect(upstream.requests).toHaveLength(1);

    await redis.kill();
    for (const [index, server] of [first, second, first, second].entries()) {
      expect(await ask(server, `after the crash ${index}`)).toEqual({
        cache: "miss",
        text: `after the crash ${index}`,
      });
    }
    expect(servers.every((server) => server.child.exitCode === null)).toBe(true);
  });
});
