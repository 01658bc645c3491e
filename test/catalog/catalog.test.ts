import { describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { parseConfig } from "../../src/config/load-config.js";

const catalog = createCatalog(parseConfig({}), {});

describe("catalog", () => {
  it("covers the major vendors and open models on several hosts", () => {
    const vendors = new Set(catalog.models.map((model) => model.vendor));
    for (const vendor of ["openai", "anthropic", "google", "mistral", "deepseek", "meta", "alibaba"])
      expect(vendors).toContain(vendor);
    for (const vendor of ["meta", "alibaba"]) {
      for (const model of catalog.models.filter((candidate) => candidate.vendor === vendor)) {
        expect(
          new Set(model.deployments.map((deployment) => deployment.provider)).size,
          model.id,
        ).toBeGreaterThanOrEqual(2);
      }
    }
    expect(catalog.warnings).toEqual([]);
  });

  it("gives every model a tier, context window, max output and priced deployments", () => {
    for (const model of catalog.models) {
      expect(model.contextWindow, model.id).toBeGreaterThan(0);
      expect(model.maxOutput, model.id).toBeGreaterThan(0);
      expect(model.deployments.length, model.id).toBeGreaterThan(0);
      for (const deployment of model.deployments) {
        expect(deployment.price.output, deployment.id).toBeGreaterThan(0);
        // From the price data, or curated with the page it was read from.
        if (deployment.priceSource === "curated")
          expect(deployment.priceUrl, deployment.id).toMatch(/^https:\/\//);
        else expect(deployment.priceSource, deployment.id).toBe("genai-prices");
      }
    }
  });

  it("checks providers at once but prices the models on first use, once", () => {
    const builds: (readonly string[])[] = [];
    const lazy = createCatalog(parseConfig({}), {}, { onBuild: (warnings) => builds.push(warnings) });
    expect(lazy.getProvider("openai")?.enabled).toBe(false);
    expect(builds).toEqual([]);
    expect(lazy.resolve("gpt-4o-mini").model.deployments.length).toBeGreaterThan(0);
    expect(lazy.models.length).toBe(catalog.models.length);
    expect(builds).toEqual([[]]);
    // A custom provider without baseURL is refused at creation, before any model is priced.
    expect(() => createCatalog(parseConfig({ providers: { mine: {} } }), {})).toThrow(
      "providers.mine.baseURL: required",
    );
  });

  it("enables providers by their key variable only", () => {
    const withKey = createCatalog(parseConfig({}), { GROQ_API_KEY: "k" });
    expect(withKey.getProvider("groq")?.enabled).toBe(true);
    expect(withKey.getProvider("openai")?.enabled).toBe(false);
    expect(withKey.getProvider("ollama")?.enabled).toBe(false);
  });

  it("takes price overrides, custom models and custom providers from config", () => {
    const custom = createCatalog(
      parseConfig({
        providers: {
          groq: {
            apiKey: "env:MY_GROQ",
            models: { "llama-3.3-70b": { price: { input: 0.1, output: 0.2 } } },
          },
          lab: {
            baseURL: "http://127.0.0.1:9001/v1",
            models: {
              "llama-3.3-70b": {
                id: "meta-llama/Llama-3.3-70B-Instruct",
                price: { input: 0.6, output: 0.8 },
              },
              "my-model": { tier: "small" },
            },
          },
        },
      }),
      { MY_GROQ: "secret" },
    );
    const llama = custom.getModel("llama-3.3-70b");
    expect(llama?.deployments.find((deployment) => deployment.provider === "groq")?.price).toEqual({
      input: 0.1,
      output: 0.2,
    });
    expect(llama?.deployments.find((deployment) => deployment.provider === "lab")?.providerModelId).toBe(
      "meta-llama/Llama-3.3-70B-Instruct",
    );
    expect(custom.getProvider("groq")?.enabled).toBe(true);
    expect(custom.getProvider("lab")?.enabled).toBe(true);
    expect(custom.getModel("my-model")?.tier).toBe("small");
    expect(custom.resolve("lab/my-model").pinnedProvider).toBe("lab");
  });

  it("suggests close names for unknown models", () => {
    expect(() => catalog.resolve("gpt-4oo")).toThrow(/did you mean "gpt-4o"/);
    expect(catalog.suggest("llama 70b")[0]).toBe("llama-3.3-70b");
  });

  it("routes to at least 25 OpenAI-compatible providers", () => {
    const serving = new Set(catalog.models.flatMap((model) => model.deployments.map((d) => d.provider)));
    expect(catalog.providers.length).toBeGreaterThanOrEqual(25);
    expect(serving.size).toBeGreaterThanOrEqual(25);
    for (const id of [
      "cerebras",
      "sambanova",
      "deepinfra",
      "novita",
      "nebius",
      "hyperbolic",
      "perplexity",
      "moonshot",
      "zai",
      "alibaba",
      "azure",
      "cohere",
    ])
      expect(serving, id).toContain(id);
  });

  it("enables Azure only with its resource URL, from the environment or the config", () => {
    const keyOnly = createCatalog(parseConfig({}), { AZURE_OPENAI_API_KEY: "k" });
    expect(keyOnly.getProvider("azure")?.enabled).toBe(false);
    const withUrl = createCatalog(parseConfig({}), {
      AZURE_OPENAI_API_KEY: "k",
      AZURE_OPENAI_BASE_URL: "https://mine.openai.azure.com/openai/v1",
    });
    expect(withUrl.getProvider("azure")).toMatchObject({
      enabled: true,
      baseURL: "https://mine.openai.azure.com/openai/v1",
    });
    const fromConfig = createCatalog(
      parseConfig({ providers: { azure: { baseURL: "https://other.openai.azure.com/openai/v1" } } }),
      { AZURE_OPENAI_API_KEY: "k" },
    );
    expect(fromConfig.getProvider("azure")?.enabled).toBe(true);
  });
});
