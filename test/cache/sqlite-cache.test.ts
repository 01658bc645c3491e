import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createResponseCache, type StoreBackedCache } from "../../src/cache/index.js";
import { SQLITE_FILE } from "../../src/cache/sqlite-store.js";
import { parseConfig } from "../../src/config/load-config.js";
import type { Logger } from "../../src/logger.js";
import { answer } from "./answer.js";
import { captureLogger } from "./capture-logger.js";

const config = parseConfig({}).cache;
const open: StoreBackedCache[] = [];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "modelmux-cache-"));
}

async function openCache(
  dataDir: string,
  logger: Logger = captureLogger().logger,
): Promise<StoreBackedCache> {
  const cache = await createResponseCache({ config, dataDir, logger });
  open.push(cache);
  return cache;
}

function keyFor(cache: StoreBackedCache, content: string, namespace = "local"): string {
  return cache.key({
    route: { model: "gpt-4o" },
    messages: [{ role: "user", content }],
    params: {},
    namespace,
  });
}

/** Direct access to the cache file, to look at rows and to damage them. */
function withDatabase<T>(dataDir: string, use: (database: Database.Database) => T): T {
  const database = new Database(join(dataDir, SQLITE_FILE));
  try {
    return use(database);
  } finally {
    database.close();
  }
}

const countRows = (dataDir: string) =>
  withDatabase(
    dataDir,
    (database) => (database.prepare("SELECT COUNT(*) AS rows FROM responses").get() as { rows: number }).rows,
  );

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(open.splice(0).map((cache) => cache.close()));
});

describe("SQLite response cache (real file)", () => {
  it("is the default store, lives in <dataDir>/cache.sqlite in WAL mode, and survives a restart", async () => {
    const dataDir = join(tempDir(), "created-on-demand");
    const first = await openCache(dataDir);
    expect(first.store).toBe("sqlite");
    const key = keyFor(first, "hello");
    expect(await first.get(key)).toBeUndefined();
    await first.set(key, answer(), 3600);
    expect(await first.get(key)).toEqual(answer());
    await first.close();

    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(true);
    expect(withDatabase(dataDir, (database) => database.pragma("journal_mode", { simple: true }))).toBe(
      "wal",
    );
    expect(countRows(dataDir)).toBe(1);
    const second = await openCache(dataDir);
    expect(await second.get(key)).toEqual(answer());
  });

  it("writes behind: set returns before the row is on disk, and an immediate get still hits", async () => {
    const dataDir = tempDir();
    const cache = await openCache(dataDir);
    const keys = Array.from({ length: 500 }, (_, index) => keyFor(cache, `question ${index}`));
    for (const key of keys) await cache.set(key, answer(key), 3600);
    expect(countRows(dataDir)).toBe(0);
    expect(await cache.get(keys[499] as string)).toEqual(answer(keys[499]));
    await cache.close();
    expect(countRows(dataDir)).toBe(500);
  });

  it("keeps tenants apart: another namespace never sees an entry", async () => {
    const dataDir = tempDir();
    const writer = await openCache(dataDir);
    await writer.set(keyFor(writer, "hello", "team-a"), answer("for team a"), 3600);
    await writer.close();
    const reader = await openCache(dataDir);
    expect(await reader.get(keyFor(reader, "hello", "team-b"))).toBeUndefined();
    expect(await reader.get(keyFor(reader, "hello", "local"))).toBeUndefined();
    expect((await reader.get(keyFor(reader, "hello", "team-a")))?.text).toBe("for team a");
  });

  it("expires entries after their TTL, in the write buffer and on disk", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const dataDir = tempDir();
    const cache = await openCache(dataDir);
    const [short, long, buffered] = ["short", "long", "buffered"].map((content) =>
      keyFor(cache, content),
    ) as [string, string, string];
    await cache.set(short, answer("short"), 10);
    await cache.set(long, answer("long"), 3600);
    await cache.close();

    const reopened = await openCache(dataDir);
    await reopened.set(buffered, answer("buffered"), 10);
    vi.setSystemTime(Date.now() + 9_000);
    expect((await reopened.get(short))?.text).toBe("short");
    expect((await reopened.get(buffered))?.text).toBe("buffered");
    vi.setSystemTime(Date.now() + 2_000);
    expect(await reopened.get(short)).toBeUndefined();
    expect(await reopened.get(buffered)).toBeUndefined();
    expect((await reopened.get(long))?.text).toBe("long");
  });

  it("prunes expired rows when it opens", async () => {
    const dataDir = tempDir();
    const cache = await openCache(dataDir);
    await cache.set(keyFor(cache, "old"), answer("old"), 10);
    await cache.set(keyFor(cache, "fresh"), answer("fresh"), 3600);
    await cache.close();
    withDatabase(dataDir, (database) =>
      database
        .prepare("UPDATE responses SET value = json_set(value, '$.expires', 1) WHERE value LIKE '%\"old\"%'")
        .run(),
    );
    const reopened = await openCache(dataDir);
    await reopened.close();
    expect(countRows(dataDir)).toBe(1);
  });

  it("drops a corrupt entry with one warning and answers a miss", async () => {
    const dataDir = tempDir();
    const writer = await openCache(dataDir);
    const [broken, foreign, good] = ["broken", "foreign", "good"].map((content) =>
      keyFor(writer, content),
    ) as [string, string, string];
    for (const key of [broken, foreign, good]) await writer.set(key, answer(key), 3600);
    await writer.close();
    withDatabase(dataDir, (database) => {
      const update = database.prepare("UPDATE responses SET value = ? WHERE key = ?");
      update.run("{not json", broken);
      update.run(JSON.stringify({ value: { text: 42 } }), foreign);
    });

    const { logger, warnings } = captureLogger();
    const reader = await openCache(dataDir, logger);
    expect(await reader.get(broken)).toBeUndefined();
    expect(await reader.get(foreign)).toBeUndefined();
    expect((await reader.get(good))?.text).toBe(good);
    expect(warnings().map((line) => line.msg)).toEqual([
      "corrupt cache entry dropped",
      "corrupt cache entry dropped",
    ]);
    await reader.close();
    expect(countRows(dataDir)).toBe(1);
  });

  it("runs without a cache (one warning) when the file is not a SQLite database", async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, SQLITE_FILE), "this is not a database ".repeat(100));
    const { logger, warnings } = captureLogger();
    const cache = await openCache(dataDir, logger);
    expect(cache.store).toBe("off");
    const key = keyFor(cache, "hello");
    await cache.set(key, answer(), 3600);
    expect(await cache.get(key)).toBeUndefined();
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({
      msg: "cache store unavailable: running without cache",
      store: "sqlite",
    });
  });
});
