import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import { startEmbeddingsGateway } from "./embeddings-fixture.js";
import { type GatewayFixture, startGateway } from "./gateway-fixture.js";

/** A key outside its model allow-list is authenticated but not permitted: 403, in each door's shape. */
const keys = [{ name: "team-a", sha256: sha256Hex("token-a"), models: ["m1"] }];

let gateway: { close(): Promise<void> } | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error("expected a refusal"),
    (error: unknown) => error,
  );
}

function expectOpenAIForbidden(error: unknown, model: string) {
  expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
  expect(error).toMatchObject({ status: 403, type: "permission_error", code: "permission_denied" });
  expect((error as Error).message).toContain(`model "${model}" is not allowed for key "team-a"`);
}

describe("a model outside the key's allow-list", () => {
  let fixture: GatewayFixture;
  const start = async () => {
    fixture = await startGateway({ keys });
    gateway = fixture;
  };
  const hi = [{ role: "user" as const, content: "hi" }];

  it("is 403 permission_error on /v1/chat/completions, whole and streamed, and as a fallback", async () => {
    await start();
    const client = fixture.clientWith("token-a");
    expectOpenAIForbidden(await refusal(client.chat.completions.create({ model: "m2", messages: hi })), "m2");
    const streamed = await refusal(
      (async () => {
        for await (const _ of await client.chat.completions.create({
          model: "m2",
          messages: hi,
          stream: true,
        }));
      })(),
    );
    expectOpenAIForbidden(streamed, "m2");
    const fallback = await refusal(
      client.chat.completions.create(
        { model: "m1", messages: hi },
        { headers: { "x-modelmux-fallback-models": "m2" } },
      ),
    );
    expectOpenAIForbidden(fallback, "m2");
    // A wrong token is still an authentication failure.
    const unknown = await refusal(
      fixture.clientWith("wrong").chat.completions.create({ model: "m1", messages: hi }),
    );
    expect(unknown).toBeInstanceOf(OpenAI.AuthenticationError);
    for (const upstream of [fixture.pa, fixture.pb, fixture.pc]) expect(upstream.requests).toHaveLength(0);
  });

  it("is 403 permission_error on /v1/responses, whole and streamed", async () => {
    await start();
    const client = fixture.clientWith("token-a");
    expectOpenAIForbidden(await refusal(client.responses.create({ model: "m2", input: "hi" })), "m2");
    const streamed = await refusal(
      (async () => {
        for await (const _ of await client.responses.create({ model: "m2", input: "hi", stream: true }));
      })(),
    );
    expectOpenAIForbidden(streamed, "m2");
    expect(fixture.pc.requests).toHaveLength(0);
  });

  it("is 403 permission_error in Anthropic's shape on /v1/messages (whole, streamed) and count_tokens", async () => {
    await start();
    const anthropic = new Anthropic({ baseURL: fixture.server.url, apiKey: "token-a", maxRetries: 0 });
    const request = { model: "m2", max_tokens: 10, messages: hi };
    const whole = await refusal(anthropic.messages.create(request));
    const streamed = await refusal(anthropic.messages.stream(request).finalMessage());
    const counted = await refusal(anthropic.messages.countTokens({ model: "m2", messages: hi }));
    for (const error of [whole, streamed, counted]) {
      expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
      expect(error).toMatchObject({
        status: 403,
        error: { type: "error", error: { type: "permission_error" } },
      });
      expect((error as Error).message).toContain('model "m2" is not allowed for key "team-a"');
    }
    expect(fixture.pc.requests).toHaveLength(0);
  });
});

describe("an embedding model outside the key's allow-list", () => {
  it("is 403 permission_error on /v1/embeddings", async () => {
    const fixture = await startEmbeddingsGateway({ keys });
    gateway = fixture;
    const error = await refusal(
      fixture.clientWith("token-a").embeddings.create({ model: "e1", input: "hi" }),
    );
    expectOpenAIForbidden(error, "e1");
    expect(fixture.pa.requests).toHaveLength(0);
  });
});
