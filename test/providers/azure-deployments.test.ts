import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { parseConfig } from "../../src/config/load-config.js";
import { azureDeploymentUrl } from "../../src/providers/azure-deployments.js";
import { createOpenAICompatibleAdapter } from "../../src/providers/openai-compatible.js";
import { type HttpProcess, spawnHttp, tempDataDir } from "../support/cli-process.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";

const KEY = "azk-Lm3Nb4Vc5Xz6Qw7Er8Ty9Ui0";
const API_VERSION = "2024-10-21";

let upstream: FakeUpstream;
let server: HttpProcess;
let dataDir: string;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  dataDir = tempDataDir();
  const config = join(dataDir, "config.json");
  // The README's Azure example, with the endpoint pointed at the fake upstream.
  writeFileSync(
    config,
    JSON.stringify({
      providers: {
        azure: {
          apiKey: "env:AZURE_OPENAI_API_KEY",
          azure: { endpoint: `http://127.0.0.1:${upstream.port}`, apiVersion: API_VERSION },
          models: { "gpt-4o-mini": { id: "chat-mini-eu" } },
        },
      },
      routing: { exploration: 0, maxAttempts: 1 },
      cache: { store: "off" },
    }),
  );
  server = await spawnHttp({
    args: ["--config", config],
    env: { MODELMUX_DATA_DIR: dataDir, MODELMUX_LOG_LEVEL: "debug", AZURE_OPENAI_API_KEY: KEY },
  });
});
afterAll(async () => {
  await server?.stop();
  await upstream.close();
});

const chat = (stream = false) =>
  fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "azure/gpt-4o-mini", stream, messages: [{ role: "user", content: "hi" }] }),
  });

describe("Azure OpenAI deployment-style URLs", () => {
  it("calls the model's deployment with the api-version query and the api-key header", async () => {
    const response = await chat();
    expect(response.status).toBe(200);
    const sent = upstream.requests.at(-1);
    expect(sent?.path).toBe("/openai/deployments/chat-mini-eu/chat/completions");
    expect(sent?.query).toBe(`api-version=${API_VERSION}`);
    expect(sent?.headers["api-key"]).toBe(KEY);
    expect(sent?.headers.authorization).toBeUndefined();
  });

  it("streams from the same deployment URL", async () => {
    const response = await chat(true);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("data: [DONE]");
    const sent = upstream.requests.at(-1);
    expect(`${sent?.path}?${sent?.query}`).toBe(
      `/openai/deployments/chat-mini-eu/chat/completions?api-version=${API_VERSION}`,
    );
  });

  it("an upstream 401 echoing the request keeps the key out of the answer and the log", async () => {
    upstream.enqueue({ type: "status", status: 401, echoRequest: true });
    const response = await chat();
    const body = await response.text();
    expect(response.status).toBe(502);
    expect(upstream.requests.at(-1)?.headers["api-key"]).toBe(KEY);
    expect(body).toContain("401");
    expect(body).not.toContain(KEY);
    await server.stop();
    expect(server.stderr()).toContain("request failed");
    expect(server.stderr()).not.toContain(KEY);
  });
});

describe("Azure configuration", () => {
  it("builds https://{resource}.openai.azure.com from the resource name", () => {
    const catalog = createCatalog(
      parseConfig({
        providers: { azure: { apiKey: "k", azure: { resource: "contoso-eu", apiVersion: API_VERSION } } },
      }),
      {},
    );
    const azure = catalog.getProvider("azure");
    expect(azure).toMatchObject({
      enabled: true,
      baseURL: "https://contoso-eu.openai.azure.com",
      azureApiVersion: API_VERSION,
    });
    expect(azureDeploymentUrl(azure?.baseURL ?? "", "gpt 4o/eu", "/embeddings", API_VERSION)).toBe(
      `https://contoso-eu.openai.azure.com/openai/deployments/gpt%204o%2Feu/embeddings?api-version=${API_VERSION}`,
    );
  });

  it("refuses a bad resource, a missing api version, both resource and endpoint, or azure with baseURL", () => {
    const build =
      (azure: unknown, extra: Record<string, unknown> = {}) =>
      () =>
        createCatalog(parseConfig({ providers: { azure: { apiKey: "k", azure, ...extra } } }), {});
    expect(build({ resource: "no spaces", apiVersion: API_VERSION })).toThrow(/resource/);
    expect(build({ resource: "contoso" })).toThrow(/apiVersion/);
    expect(build({ resource: "contoso", endpoint: "https://x.example", apiVersion: API_VERSION })).toThrow(
      /one of resource or endpoint/,
    );
    expect(
      build(
        { resource: "contoso", apiVersion: API_VERSION },
        { baseURL: "https://contoso.openai.azure.com/openai/v1" },
      ),
    ).toThrow(/not both/);
  });

  it("asks for max_completion_tokens from 2024-09-01-preview on (o-series refuse max_tokens), max_tokens before", async () => {
    // No api-version: Azure's v1 API (the built-in `azure` provider at …/openai/v1).
    const sentFields = async (apiVersion?: string) => {
      const adapter = createOpenAICompatibleAdapter({
        provider: "azure",
        baseURL: `http://127.0.0.1:${upstream.port}${apiVersion ? "" : "/openai/v1"}`,
        apiKey: KEY,
        ...(apiVersion && { azureApiVersion: apiVersion }),
      });
      await adapter.complete({
        model: "o4-mini-eu",
        messages: [{ role: "user", content: "hi" }],
        maxTokens: 50,
      });
      const body = upstream.requests.at(-1)?.body as Record<string, unknown>;
      return { max_tokens: body.max_tokens, max_completion_tokens: body.max_completion_tokens };
    };
    expect(await sentFields(API_VERSION)).toEqual({ max_tokens: undefined, max_completion_tokens: 50 });
    expect(await sentFields("2024-09-01-preview")).toEqual({
      max_tokens: undefined,
      max_completion_tokens: 50,
    });
    expect(await sentFields("2024-06-01")).toEqual({ max_tokens: 50, max_completion_tokens: undefined });
    expect(await sentFields()).toEqual({ max_tokens: undefined, max_completion_tokens: 50 });
    expect(upstream.requests.at(-1)?.path).toBe("/openai/v1/chat/completions");
  });

  it("sends embeddings to the deployment's /embeddings", async () => {
    const adapter = createOpenAICompatibleAdapter({
      provider: "azure",
      baseURL: `http://127.0.0.1:${upstream.port}`,
      apiKey: KEY,
      azureApiVersion: API_VERSION,
    });
    const result = await adapter.embed?.({ model: "embed-small", input: ["a", "b"] });
    expect(result?.vectors).toHaveLength(2);
    const sent = upstream.requests.at(-1);
    expect(`${sent?.path}?${sent?.query}`).toBe(
      `/openai/deployments/embed-small/embeddings?api-version=${API_VERSION}`,
    );
    expect(sent?.headers["api-key"]).toBe(KEY);
  });
});
