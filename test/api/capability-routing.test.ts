import type OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { type GatewayFixture, startGateway } from "./gateway-fixture.js";

let gateway: GatewayFixture | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

const image: OpenAI.Chat.ChatCompletionMessageParam = {
  role: "user",
  content: [
    { type: "text", text: "What is this?" },
    { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
  ],
};

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const failure = error as { status?: number; error?: { message?: string; param?: string } };
    return { status: failure.status, message: failure.error?.message ?? "", param: failure.error?.param };
  }
  throw new Error("expected the request to fail");
}

describe("capability-aware routing", () => {
  it("refuses an image for a model without vision, naming the capability and the models that have it", async () => {
    gateway = await startGateway();
    const failure = await failureOf(
      gateway.client.chat.completions.create({ model: "m2", messages: [image] }),
    );
    expect(failure.status).toBe(400);
    expect(failure.message).toMatch(
      /model "m2" does not fit this request: lacks the "vision" capability \(models with it: m1\)/,
    );
    expect(gateway.pc.requests).toHaveLength(0);
  });

  it("keeps fallbacks to capable models: an image skips m2 for the m1 fallback", async () => {
    gateway = await startGateway();
    const { data, response } = await gateway.client.chat.completions
      .create({ model: "m2", messages: [image] }, { headers: { "x-modelmux-fallback-models": "m1" } })
      .withResponse();
    expect(response.headers.get("x-modelmux-model")).toBe("m1");
    expect(data.choices[0]?.message.content).toBe("What is this?");
    expect(gateway.pc.requests).toHaveLength(0);
  });

  it("auto routing with tools and an image keeps to models that have both", async () => {
    gateway = await startGateway();
    const { response } = await gateway.client.chat.completions
      .create(
        {
          model: "auto",
          messages: [image],
          tools: [
            { type: "function", function: { name: "zoom", parameters: { type: "object", properties: {} } } },
          ],
        },
        { headers: { "x-modelmux-routing": "quality" } },
      )
      .withResponse();
    expect(response.headers.get("x-modelmux-model")).toBe("m1");
  });

  it("says which capability no enabled model has", async () => {
    gateway = await startGateway();
    const failure = await failureOf(
      gateway.client.chat.completions.create({
        model: "m1",
        messages: [
          {
            role: "user",
            content: [{ type: "input_audio", input_audio: { data: "UklGRg==", format: "wav" } }],
          },
        ],
      }),
    );
    expect(failure.status).toBe(400);
    expect(failure.message).toMatch(/lacks the "audio" capability \(no enabled model has it\)/);
  });
});

describe("routing.unsupportedParams", () => {
  it('"route" (default): a deployment that lacks a parameter is not a candidate; none left is a 400 naming it', async () => {
    gateway = await startGateway({}, { pa: { unsupportedParams: ["logprobs", "n"] } });
    const { response } = await gateway.client.chat.completions
      .create({ model: "m1", messages: [{ role: "user", content: "hi" }], logprobs: true })
      .withResponse();
    // pa is cheaper and first otherwise; it does not support logprobs.
    expect(response.headers.get("x-modelmux-provider")).toBe("pb");
    expect(gateway.pa.requests).toHaveLength(0);
    expect(response.headers.get("x-modelmux-dropped-params")).toBeNull();

    const many = await gateway.client.chat.completions
      .create({ model: "m1", messages: [{ role: "user", content: "hi" }], n: 3 })
      .withResponse();
    expect(many.response.headers.get("x-modelmux-provider")).toBe("pb");
    expect(many.data.choices).toHaveLength(3);
    // n = 1 is no request for several choices: pa may serve it.
    const one = await gateway.client.chat.completions
      .create({ model: "pa/m1", messages: [{ role: "user", content: "hi" }], n: 1 })
      .withResponse();
    expect(one.response.headers.get("x-modelmux-provider")).toBe("pa");

    const failure = await failureOf(
      gateway.client.chat.completions.create({
        model: "pa/m1",
        messages: [{ role: "user", content: "hi" }],
        logprobs: true,
      }),
    );
    expect(failure.status).toBe(400);
    expect(failure.param).toBe("logprobs");
    expect(failure.message).toMatch(/logprobs: not supported by any deployment .*pa\/m1/);
  });

  it('"drop": the parameter is removed for that deployment and named in x-modelmux-dropped-params', async () => {
    gateway = await startGateway(
      {
        routing: {
          exploration: 0,
          maxAttempts: 3,
          timeoutMs: 10_000,
          attemptTimeoutMs: 2_000,
          unsupportedParams: "drop",
        },
      },
      { pa: { unsupportedParams: ["logprobs", "top_logprobs"] } },
    );
    const { response } = await gateway.client.chat.completions
      .create({
        model: "pa/m1",
        messages: [{ role: "user", content: "hi" }],
        logprobs: true,
        top_logprobs: 2,
        seed: 5,
      })
      .withResponse();
    expect(response.headers.get("x-modelmux-dropped-params")).toBe("logprobs, top_logprobs");
    const sent = gateway.pa.requests[0]?.body as Record<string, unknown> | undefined;
    expect(sent).not.toHaveProperty("logprobs");
    expect(sent).not.toHaveProperty("top_logprobs");
    expect(sent?.seed).toBe(5);

    // A deployment that supports everything gets everything, and no header.
    const full = await gateway.client.chat.completions
      .create({ model: "pb/m1", messages: [{ role: "user", content: "hi" }], logprobs: true })
      .withResponse();
    expect(full.response.headers.get("x-modelmux-dropped-params")).toBeNull();
    expect((gateway.pb.requests[0]?.body as Record<string, unknown> | undefined)?.logprobs).toBe(true);
  });
});
