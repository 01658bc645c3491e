import { describe, expect, it } from "vitest";
import { isCacheable, resolveCacheOptions } from "../../src/cache/index.js";
import { parseConfig } from "../../src/config/load-config.js";
import { isModelmuxError } from "../../src/errors.js";

const config = parseConfig({}).cache;

function inputError(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isModelmuxError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected an error");
}

describe("resolveCacheOptions", () => {
  it("defaults to mode use and the configured TTL", () => {
    expect(config.ttlSeconds).toBe(3600);
    expect(resolveCacheOptions(undefined, config)).toEqual({
      mode: "use",
      ttlSeconds: 3600,
      explicitMode: false,
    });
  });

  it("takes a per-request TTL in either spelling, at both ends of the range", () => {
    expect(resolveCacheOptions({ ttl_s: 10 }, config).ttlSeconds).toBe(10);
    expect(resolveCacheOptions({ ttlSeconds: 31_536_000, mode: "refresh" }, config)).toEqual({
      mode: "refresh",
      ttlSeconds: 31_536_000,
      explicitMode: true,
    });
  });

  it.each([9, 0, -5, 31_536_001, 12.5, Number.NaN])("rejects ttl_s %s naming cache.ttl_s", (ttl) => {
    const error = inputError(() => resolveCacheOptions({ ttl_s: ttl }, config));
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toContain("cache.ttl_s");
    expect(error.message).toContain("10");
    expect(error.message).toContain("31536000");
  });

  it("rejects an unknown mode naming cache.mode", () => {
    const error = inputError(() => resolveCacheOptions({ mode: "sometimes" }, config));
    expect(error).toMatchObject({ code: "INVALID_INPUT" });
    expect(error.message).toMatch(/cache\.mode must be one of use, refresh, bypass/);
  });
});

describe("isCacheable", () => {
  it("caches deterministic requests, including those that omit temperature or carry a JSON schema", () => {
    expect(isCacheable({}, config)).toBe(true);
    expect(isCacheable({ temperature: 0 }, config)).toBe(true);
  });

  it("does not cache sampled answers unless config or the caller asks", () => {
    expect(isCacheable({ temperature: 0.7 }, config)).toBe(false);
    expect(isCacheable({ temperature: 0.7 }, { ...config, cacheSampled: true })).toBe(true);
    expect(isCacheable({ temperature: 0.7, cache: { mode: "use" } }, config)).toBe(true);
    expect(isCacheable({ temperature: 0.7, cache: { mode: "refresh" } }, config)).toBe(true);
  });

  it("never caches a bypass or when the store is off", () => {
    expect(isCacheable({ cache: { mode: "bypass" } }, { ...config, cacheSampled: true })).toBe(false);
    expect(isCacheable({ temperature: 0 }, { ...config, store: "off" })).toBe(false);
  });
});
