import { describe, expect, it } from "vitest";
import { createResponseCache } from "../../src/cache/index.js";
import { BoundedMap } from "../../src/cache/memory-store.js";
import { parseConfig } from "../../src/config/load-config.js";
import { answer } from "./answer.js";
import { captureLogger } from "./capture-logger.js";

describe("memory store", () => {
  it("forgets the least recently used entry beyond its bound", () => {
    const map = new BoundedMap<number>(2);
    map.set("a", 1);
    map.set("b", 2);
    map.get("a");
    map.set("c", 3);
    expect([...map.keys()]).toEqual(["a", "c"]);
  });

  it("serves hits in-process", async () => {
    const config = parseConfig({ cache: { store: "memory" } }).cache;
    const cache = await createResponseCache({ config, dataDir: "", logger: captureLogger().logger });
    const key = cache.key({ route: { model: "m" }, messages: [], params: {}, namespace: "local" });
    await cache.set(key, answer(), 60);
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.store).toBe("memory");
    expect(await cache.get(key)).toEqual(answer());
    await cache.close();
  });
});
