import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BUILT_DEFAULT_CONFIG_FILE,
  defaultConfig,
  loadConfig,
  parseConfig,
} from "../../src/config/load-config.js";
import { CLI } from "../support/cli-process.js";

describe("the config without a file", () => {
  it("is, as the build wrote it beside the bundle, exactly what the schemas parse from nothing", () => {
    const built = JSON.parse(readFileSync(join(CLI, "..", BUILT_DEFAULT_CONFIG_FILE), "utf8"));
    expect(built).toStrictEqual(JSON.parse(JSON.stringify(parseConfig({}))));
    expect(built).toEqual(parseConfig({}));
  });

  it("is a fresh copy for every load, with the environment's overrides on it", async () => {
    const first = await loadConfig({ env: { MODELMUX_REDIS_URL: "redis://127.0.0.1:1" } });
    expect(first.config.cache.store).toBe("redis");
    expect(first.source).toBe("defaults");
    const second = await loadConfig({ env: {} });
    expect(second.config.cache.store).toBe("sqlite");
    expect(defaultConfig()).toEqual(parseConfig({}));
  });
});
