import { describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { modelKey } from "../../src/catalog/model-names.js";
import { loadPriceData } from "../../src/catalog/price-data.js";
import { parseConfig } from "../../src/config/load-config.js";

const catalog = createCatalog(parseConfig({}), {});
const idOf = (name: string) => catalog.lookup(name).entry.id;

describe("names resolve to one entry", () => {
  it.each([
    // family, names that must all mean one entry
    [
      "anthropic snapshots and dots",
      [
        "claude-sonnet-4-5",
        "claude-sonnet-4.5",
        "claude-sonnet-4-5-20250929",
        "anthropic/claude-sonnet-4.5",
        "Claude-Sonnet-4.5",
      ],
    ],
    ["anthropic dated snapshot", ["claude-sonnet-4-20250514", "claude-sonnet-4-0", "claude-sonnet-4"]],
    ["anthropic -latest", ["claude-3-5-haiku", "claude-3-5-haiku-latest"]],
    ["openai snapshots", ["gpt-4o", "gpt-4o-2024-08-06", "openai/gpt-4o", "gpt-4o"]],
    ["openai dots and dashes", ["gpt-5.1", "gpt-5-1", "openai/gpt-5.1"]],
    [
      "mistral bare family",
      ["mistral-large", "mistral-large-latest", "mistral-large-2512", "mistralai/mistral-large-2512"],
    ],
    [
      "llama host ids",
      [
        "llama-3.3-70b",
        "llama-3.3-70b-versatile",
        "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        "meta-llama/llama-3.3-70b-instruct",
      ],
    ],
    [
      "llama fireworks spelling",
      ["llama-3.1-8b", "accounts/fireworks/models/llama-v3p1-8b-instruct", "llama-3.1-8b-instant"],
    ],
    ["qwen host ids", ["qwen3-32b", "qwen/qwen3-32b", "Qwen3-32B"]],
    [
      "gpt-oss under a vendor prefix",
      ["gpt-oss-120b", "openai/gpt-oss-120b", "accounts/fireworks/models/gpt-oss-120b"],
    ],
    ["deepseek", ["deepseek-chat", "deepseek/deepseek-chat"]],
    ["kimi", ["kimi-k2", "moonshotai/kimi-k2"]],
    ["gemini", ["gemini-2.5-pro", "google/gemini-2.5-pro"]],
    ["grok", ["grok-4-1-fast", "grok-4-1-fast-non-reasoning"]],
  ])("%s", (_family, names) => {
    const ids = new Set(names.map(idOf));
    expect([...ids], names.join(", ")).toHaveLength(1);
  });

  it("knows the widely used models the issue found missing", () => {
    for (const name of [
      "gpt-5.1",
      "gpt-5.2",
      "o3-mini",
      "o3-pro",
      "claude-sonnet-4-6",
      "claude-opus-4-1",
      "claude-sonnet-4-20250514",
      "gemini-2.0-flash",
      "gemini-3-flash-preview",
      "grok-4",
      "grok-code-fast-1",
      "deepseek-r1",
      "qwen3-coder",
      "kimi-k2",
      "glm-4.6",
      "mistral-nemo",
      "llama-3.1-70b",
    ])
      expect(catalog.lookup(name).entry.deployments.length, name).toBeGreaterThan(0);
  });

  it("pins a provider with provider/model, and says which serve it otherwise", () => {
    expect(catalog.lookup("groq/llama-3.3-70b").pinnedProvider).toBe("groq");
    expect(catalog.lookup("together/llama-3.3-70b-versatile")).toMatchObject({
      entry: { id: "llama-3.3-70b" },
      pinnedProvider: "together",
    });
    expect(() => catalog.lookup("xai/llama-3.3-70b")).toThrow(
      /not served by provider "xai"; it is served by: groq/,
    );
  });

  it("keys erase only what never changes the model", () => {
    expect(modelKey("claude-sonnet-4.5")).toBe(modelKey("claude-sonnet-4-5"));
    expect(modelKey("gpt-4.1")).not.toBe(modelKey("gpt-4"));
    expect(modelKey("mistral-large-2411")).not.toBe(modelKey("mistral-large-2512"));
    expect(modelKey("gpt-4o-mini")).not.toBe(modelKey("gpt-4o"));
    expect(modelKey("x".repeat(100_000)).length).toBeLessThanOrEqual(200);
  });
});

describe("kinds", () => {
  it("routes curated models and explains priced-only ones", () => {
    expect(catalog.resolve("claude-sonnet-4.5").model.id).toBe("claude-sonnet-4-5");
    expect(catalog.lookup("gpt-5.1").entry.kind).toBe("priced");
    expect(() => catalog.resolve("gpt-5.1")).toThrow(/priced only.*providers\.openai\.models\["gpt-5\.1"\]/);
  });

  it("takes a priced-only model's name and context window from the price library", () => {
    const models = loadPriceData().providers.flatMap((provider) =>
      provider.models.map((model) => ({ provider: provider.id, model })),
    );
    const gpt = models.find((offer) => offer.provider === "openai" && offer.model.id === "gpt-5.1")?.model;
    expect(catalog.lookup("gpt-5.1").entry).toMatchObject({
      kind: "priced",
      name: gpt?.name,
      contextWindow: gpt?.context_window,
      deprecated: false,
    });
    expect(gpt?.name).toBe("GPT-5.1");
    // Deprecation is per offer (a host may retire a model its vendor still serves): see the rows'
    // warnings in test/tools/price-quotes.test.ts.
  });

  it("keeps tier and capabilities of priced-only models unknown", () => {
    const priced = catalog.entries.filter((entry) => entry.kind === "priced");
    expect(priced.length).toBeGreaterThan(500);
    for (const entry of priced) {
      expect(entry.tier).toBeNull();
      expect(entry.capabilities).toBeNull();
    }
    expect(new Set(catalog.entries.map((entry) => entry.id)).size).toBe(catalog.entries.length);
  });
});

describe("suggestions", () => {
  it("rank by family and vendor before edit distance", () => {
    for (const name of ["kimi-k9", "kimi-k2-turbo-max"]) {
      const suggestions = catalog.suggest(name);
      for (const suggestion of suggestions) expect(suggestion, name).toMatch(/^kimi/);
    }
    expect(catalog.suggest("claude-sonet-4-5")[0]).toBe("claude-sonnet-4-5");
    for (const suggestion of catalog.suggest("llama-9-70b")) expect(suggestion).toMatch(/llama/);
  });
});
