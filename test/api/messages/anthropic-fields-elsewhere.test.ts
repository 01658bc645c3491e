import Anthropic from "@anthropic-ai/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config/load-config.js";
import { createDeps } from "../../../src/core/create-deps.js";
import { createLogger } from "../../../src/logger.js";
import type { ServerDeps } from "../../../src/server.js";
import { type RunningHttpServer, startHttpServer } from "../../../src/transports/http.js";
import { tempDataDir } from "../../support/cli-process.js";
import { type FakeUpstream, startFakeUpstream } from "../../support/fake-upstream.js";

/**
 * Anthropic's top_k and thinking, sent through /v1/messages to built-in OpenAI-compatible
 * providers: OpenAI's API has neither, Together documents top_k, DeepSeek documents thinking.
 */
interface Gateway {
  upstreams: Record<"openai" | "together" | "deepseek", FakeUpstream>;
  deps: ServerDeps;
  server: RunningHttpServer;
  anthropic: Anthropic;
}

let gateway: Gateway;
afterEach(async () => {
  await gateway.server.close();
  await gateway.deps.close();
  await Promise.all(Object.values(gateway.upstreams).map((upstream) => upstream.close()));
});

async function startGateway(unsupportedParams: "route" | "drop"): Promise<Gateway> {
  const [openai, together, deepseek] = await Promise.all([
    startFakeUpstream(),
    startFakeUpstream(),
    startFakeUpstream(),
  ]);
  const upstreams = { openai, together, deepseek };
  // The same model on all three, OpenAI cheapest: routing goes there unless a field keeps it away.
  const prices = { openai: 1, together: 2, deepseek: 3 };
  const providers = Object.fromEntries(
    Object.entries(upstreams).map(([id, upstream]) => [
      id,
      {
        baseURL: upstream.url,
        apiKey: "sk-test",
        models: { m1: { price: { input: prices[id as keyof typeof prices], output: 1 } } },
      },
    ]),
  );
  const deps = await createDeps(
    {
      config: parseConfig({
        providers,
        routing: {
          exploration: 0,
          maxAttempts: 2,
          timeoutMs: 10_000,
          attemptTimeoutMs: 5_000,
          unsupportedParams,
        },
        cache: { store: "off" },
      }),
      dataDir: tempDataDir(),
      source: "test",
    },
    createLogger("silent"),
    {},
  );
  const server = await startHttpServer(deps, { host: "127.0.0.1", port: 0 });
  const anthropic = new Anthropic({ baseURL: server.url, apiKey: "unused", maxRetries: 0 });
  return { upstreams, deps, server, anthropic };
}

const request = { model: "m1", max_tokens: 50, messages: [{ role: "user" as const, content: "hi" }] };

function served(): string[] {
  return Object.entries(gateway.upstreams).flatMap(([id, upstream]) => upstream.requests.map(() => id));
}

describe("top_k and thinking from /v1/messages on OpenAI-compatible providers", () => {
  it("route: each goes only to a provider whose API takes it, as sent; none left is a 400 naming it", async () => {
    gateway = await startGateway("route");
    await gateway.anthropic.messages.create(request);
    expect(served()).toEqual(["openai"]);

    await gateway.anthropic.messages.create({ ...request, ...({ top_k: 4 } as object) });
    expect(gateway.upstreams.together.requests[0]?.body).toMatchObject({ top_k: 4 });

    const thinking = { type: "enabled" as const, budget_tokens: 1024 };
    await gateway.anthropic.messages.create({ ...request, thinking });
    expect(gateway.upstreams.deepseek.requests[0]?.body).toMatchObject({ thinking });

    const refused = await gateway.anthropic.messages
      .create({ ...request, thinking, ...({ top_k: 4 } as object) })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Anthropic.BadRequestError);
    expect((refused as Error).message).toMatch(/top_k: not supported by any deployment .*openai\/m1/);
    expect(served()).toEqual(["openai", "together", "deepseek"]);
  });

  it("drop: the cheapest provider answers without them and x-modelmux-dropped-params names them", async () => {
    gateway = await startGateway("drop");
    const { response } = await gateway.anthropic.messages
      .create({ ...request, thinking: { type: "enabled", budget_tokens: 1024 }, ...({ top_k: 4 } as object) })
      .withResponse();
    expect(response.headers.get("x-modelmux-dropped-params")).toBe("top_k, thinking");
    const sent = gateway.upstreams.openai.requests[0]?.body as Record<string, unknown>;
    expect(sent).not.toHaveProperty("top_k");
    expect(sent).not.toHaveProperty("thinking");
  });
});
