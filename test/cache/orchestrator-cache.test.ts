import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SQLITE_FILE } from "../../src/cache/sqlite-store.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { type CachedGateway, startCachedGateway } from "./cache-fixture.js";

let upstream: FakeUpstream;
const gateways: CachedGateway[] = [];

async function gateway(cache: Parameters<typeof startCachedGateway>[0]["cache"] = {}, dataDir?: string) {
  const started = await startCachedGateway({ upstream, cache, ...(dataDir && { dataDir }) });
  gateways.push(started);
  return started;
}

beforeEach(async () => {
  upstream = await startFakeUpstream();
});

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(gateways.splice(0).map((started) => started.close()));
  await upstream.close();
});

describe("response cache through the orchestrator (SQLite, the default store)", () => {
  it("answers a repeat from the cache: hit, no cost, the original model and provider, its own latency", async () => {
    const mux = await gateway();
    const miss = await mux.run();
    expect(miss).toMatchObject({ cache: "miss", model: "m1", provider: "pa", deployment: "pa/m1" });
    expect(miss.costUsd).toBeGreaterThan(0);

    const hit = await mux.run({ metadata: { trace: "ignored by the key" } });
    expect(hit).toMatchObject({
      cache: "hit",
      costUsd: 0,
      text: miss.text,
      model: "m1",
      provider: "pa",
      deployment: "pa/m1",
      usage: miss.usage,
      finishReason: miss.finishReason,
      attempts: [],
    });
    expect(hit.latencyMs).toBeGreaterThanOrEqual(0);
    expect(upstream.requests).toHaveLength(1);
  });

  it("survives a restart: a second server on the same data dir hits", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "modelmux-cache-"));
    const first = await gateway({}, dataDir);
    await first.run();
    await first.close();
    const second = await gateway({}, dataDir);
    expect((await second.run()).cache).toBe("hit");
    expect(upstream.requests).toHaveLength(1);
  });

  it("refresh calls upstream and overwrites; bypass calls upstream and stores nothing", async () => {
    const mux = await gateway();
    upstream.enqueue(
      { type: "ok", text: "Bonjour" },
      { type: "ok", text: "Bonjour !" },
      { type: "ok", text: "Salut" },
    );
    expect((await mux.run()).text).toBe("Bonjour");
    const refreshed = await mux.run({ cache: { mode: "refresh" } });
    expect(refreshed).toMatchObject({ cache: "miss", text: "Bonjour !" });
    const bypassed = await mux.run({ cache: { mode: "bypass" } });
    expect(bypassed).toMatchObject({ cache: "bypass", text: "Salut" });
    expect(await mux.run()).toMatchObject({ cache: "hit", text: "Bonjour !" });
    expect(upstream.requests).toHaveLength(3);
  });

  it("does not cache sampled answers unless config says cacheSampled", async () => {
    const strict = await gateway();
    expect((await strict.run({ temperature: 0.8 })).cache).toBe("bypass");
    expect((await strict.run({ temperature: 0.8 })).cache).toBe("bypass");
    const relaxed = await gateway({ store: "memory", cacheSampled: true });
    await relaxed.run({ temperature: 0.8 });
    expect((await relaxed.run({ temperature: 0.8 })).cache).toBe("hit");
    expect(upstream.requests).toHaveLength(3);
  });

  it("caches JSON-schema answers, whatever the schema's key order", async () => {
    const mux = await gateway();
    const schema = { type: "object", properties: { echo: { type: "string" } }, required: ["echo"] };
    const reordered = { required: ["echo"], properties: { echo: { type: "string" } }, type: "object" };
    const first = await mux.run({ jsonSchema: schema });
    const second = await mux.run({ jsonSchema: reordered });
    expect(second).toMatchObject({ cache: "hit", json: first.json });
    expect(first.json).toEqual({ echo: "Translate 'good morning' into French." });
  });

  it("keeps tenants apart: another virtual key never gets this key's entry", async () => {
    const mux = await gateway();
    await mux.run({ caller: { key: "team-a", tool: "test" } });
    expect((await mux.run({ caller: { key: "team-b", tool: "test" } })).cache).toBe("miss");
    expect((await mux.run({ caller: { key: "team-a", tool: "test" } })).cache).toBe("hit");
    expect(upstream.requests).toHaveLength(2);
  });

  it("expires an answer after its per-request TTL", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const mux = await gateway();
    await mux.run({ cache: { ttlSeconds: 10 } });
    vi.setSystemTime(Date.now() + 9_000);
    expect((await mux.run()).cache).toBe("hit");
    vi.setSystemTime(Date.now() + 2_000);
    expect((await mux.run()).cache).toBe("miss");
    expect(upstream.requests).toHaveLength(2);
  });

  it("makes one upstream call for 50 concurrent identical requests", async () => {
    // A slow upstream keeps the flight open while all 50 lookups miss.
    upstream.setDefault({ type: "ok", latencyMs: 300 });
    const mux = await gateway();
    const results = await Promise.all(Array.from({ length: 50 }, () => mux.run()));
    expect(upstream.requests).toHaveLength(1);
    expect(results.filter((result) => result.cache === "miss")).toHaveLength(1);
    expect(results.filter((result) => result.cache === "hit" && result.costUsd === 0)).toHaveLength(49);
    expect(new Set(results.map((result) => result.text)).size).toBe(1);
  });

  it("serves every request when the cache file is unusable (cache off)", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "modelmux-cache-"));
    writeFileSync(join(dataDir, SQLITE_FILE), "not a database ".repeat(100));
    const mux = await gateway({}, dataDir);
    expect((await mux.run()).cache).toBe("off");
    expect((await mux.run()).cache).toBe("off");
    expect(upstream.requests).toHaveLength(2);
  });

  it('reports "off" when the store is off', async () => {
    const mux = await gateway({ store: "off" });
    expect((await mux.run()).cache).toBe("off");
    expect((await mux.run()).cache).toBe("off");
  });
});
