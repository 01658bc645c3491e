import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SECRET_KEY } from "../support/routing-fixture.js";
import { type GatewayFixture, startGateway } from "./gateway-fixture.js";

let gateway: GatewayFixture;
beforeEach(async () => {
  gateway = await startGateway();
});
afterEach(async () => {
  await gateway.close();
});

describe("POST /v1/chat/completions (openai SDK as the client)", () => {
  it("answers a non-streaming completion in OpenAI's shape, with what served it in the headers", async () => {
    gateway.pa.enqueue({
      type: "ok",
      text: "Bonjour",
      usage: { prompt_tokens: 1200, completion_tokens: 300 },
    });
    const { data, response } = await gateway.client.chat.completions
      .create({ model: "m1", messages: [{ role: "user", content: "Say hello in French" }] })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(data.model).toBe("m1");
    expect(data.choices[0]?.message).toMatchObject({ role: "assistant", content: "Bonjour" });
    expect(data.choices[0]?.finish_reason).toBe("stop");
    expect(data.usage).toMatchObject({ prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 });
    expect(response.headers.get("x-modelmux-provider")).toBe("pa");
    expect(response.headers.get("x-modelmux-model")).toBe("m1");
    expect(response.headers.get("x-modelmux-deployment")).toBe("pa/m1");
    expect(Number(response.headers.get("x-modelmux-cost-usd"))).toBeCloseTo((1200 * 1 + 300 * 2) / 1e6, 12);
    expect(response.headers.get("x-modelmux-cache")).toBe("off");
    expect(response.headers.get("x-modelmux-attempts")).toBe("1");
    expect(Number(response.headers.get("x-modelmux-latency-ms"))).toBeGreaterThanOrEqual(0);
    // The provider's key goes upstream, never back to the client.
    expect(gateway.pa.requests[0]?.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(JSON.stringify([...response.headers])).not.toContain(SECRET_KEY);
  });

  it("accepts content-part arrays and the developer role, and passes every parameter on", async () => {
    const completion = await gateway.client.chat.completions.create({
      model: "pb/m1",
      messages: [
        { role: "developer", content: "Be brief." },
        {
          role: "user",
          content: [
            { type: "text", text: "Hello, " },
            { type: "text", text: "world" },
          ],
        },
      ],
      temperature: 0,
      max_completion_tokens: 50,
      user: "someone",
      metadata: { team: "a" },
    });
    expect(completion.choices[0]?.message.content).toBe("Hello, world");
    const sent = gateway.pb.requests[0]?.body as Record<string, unknown>;
    // Parts reach the provider as parts; `developer` is the system role outside OpenAI.
    expect(sent.messages).toEqual([
      { role: "system", content: "Be brief." },
      {
        role: "user",
        content: [
          { type: "text", text: "Hello, " },
          { type: "text", text: "world" },
        ],
      },
    ]);
    expect(sent).toMatchObject({ temperature: 0, max_tokens: 50, user: "someone", metadata: { team: "a" } });
  });

  it("fails over to the next deployment and says so in the headers", async () => {
    gateway.pa.enqueue({ type: "status", status: 503 });
    const { data, response } = await gateway.client.chat.completions
      .create({ model: "m1", messages: [{ role: "user", content: "after a 503" }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe("after a 503");
    expect(response.headers.get("x-modelmux-provider")).toBe("pb");
    expect(response.headers.get("x-modelmux-attempts")).toBe("2");
  });

  it("maps response_format json_schema to a validated answer", async () => {
    const completion = await gateway.client.chat.completions.create({
      model: "m1",
      messages: [{ role: "user", content: "capital of France" }],
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "answer",
          schema: { type: "object", properties: { echo: { type: "string" } }, required: ["echo"] },
        },
      },
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({ echo: "capital of France" });
    const sent = gateway.pa.requests[0]?.body as { response_format?: { type: string } };
    expect(sent.response_format?.type).toBe("json_schema");
  });

  it("honours x-modelmux-fallback-models, -task and -routing", async () => {
    gateway.pa.enqueue({ type: "status", status: 502 });
    gateway.pb.enqueue({ type: "status", status: 502 });
    const { response } = await gateway.client.chat.completions
      .create(
        { model: "m1", messages: [{ role: "user", content: "hi" }] },
        { headers: { "x-modelmux-fallback-models": "m2" } },
      )
      .withResponse();
    expect(response.headers.get("x-modelmux-deployment")).toBe("pc/m2");
    expect(response.headers.get("x-modelmux-attempts")).toBe("3");

    // m1 is fit for chat and classification only: a code task routed `auto` lands on m2.
    const code = await gateway.client.chat.completions
      .create(
        { model: "auto", messages: [{ role: "user", content: "write a sort" }] },
        { headers: { "x-modelmux-task": "code", "x-modelmux-routing": "cheapest" } },
      )
      .withResponse();
    expect(code.response.headers.get("x-modelmux-model")).toBe("m2");
    const chat = await gateway.client.chat.completions
      .create(
        { model: "auto", messages: [{ role: "user", content: "hi" }] },
        { headers: { "x-modelmux-task": "chat" } },
      )
      .withResponse();
    expect(chat.response.headers.get("x-modelmux-model")).toBe("m1");
  });
});

describe("x-modelmux-cache", () => {
  let cached: GatewayFixture;
  beforeEach(async () => {
    cached = await startGateway({ cache: { store: "memory" } });
  });
  afterEach(async () => {
    await cached.close();
  });

  it("serves a repeated request from the cache, and bypasses it on request", async () => {
    const ask = (headers: Record<string, string> = {}, user = "someone") =>
      cached.client.chat.completions
        .create({ model: "m1", messages: [{ role: "user", content: "cache me" }], user }, { headers })
        .withResponse();
    const first = await ask({ "x-modelmux-cache-ttl": "60" });
    expect(first.response.headers.get("x-modelmux-cache")).toBe("miss");
    // `user` and `metadata` are not part of the cache key.
    const second = await ask({}, "someone else");
    expect(second.response.headers.get("x-modelmux-cache")).toBe("hit");
    expect(second.response.headers.get("x-modelmux-cost-usd")).toBe("0");
    expect(second.data.choices[0]?.message.content).toBe("cache me");
    const bypass = await ask({ "x-modelmux-cache": "bypass" });
    expect(bypass.response.headers.get("x-modelmux-cache")).toBe("bypass");
    expect(cached.pa.requests).toHaveLength(2);

    const streamed = await cached.client.chat.completions
      .create({ model: "m1", messages: [{ role: "user", content: "cache me" }], stream: true })
      .withResponse();
    expect(streamed.response.headers.get("x-modelmux-cache")).toBe("hit");
    let text = "";
    for await (const chunk of streamed.data) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("cache me");
  });
});
