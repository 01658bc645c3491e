import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";

// The fake upstream is what every provider, router and gateway test stands on: check it speaks
// the protocol the real SDK expects and plays scripts in the documented order.
let upstream: FakeUpstream;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startFakeUpstream({ models: ["alpha", "beta"] });
  client = new OpenAI({ baseURL: upstream.url, apiKey: "test", maxRetries: 0 });
});
afterAll(async () => {
  await upstream.close();
});

const ask = (model: string) =>
  client.chat.completions.create({ model, messages: [{ role: "user", content: `hi ${model}` }] });

describe("fake upstream", () => {
  it("lists models for GET /v1/models", async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toEqual(["alpha", "beta"]);
  });

  it("plays per-model queues, then the shared queue, then per-model defaults, then the default", async () => {
    upstream.setDefault({ type: "ok", text: "default" });
    upstream.setDefaultFor("beta", { type: "ok", text: "beta default" });
    upstream.enqueue({ type: "ok", text: "shared 1" }, { type: "ok", text: "shared 2" });
    upstream.enqueueFor("beta", { type: "ok", text: "beta queued" });
    const texts: (string | null | undefined)[] = [];
    for (const model of ["beta", "beta", "alpha", "beta", "alpha"]) {
      texts.push((await ask(model)).choices[0]?.message.content);
    }
    expect(texts).toEqual(["beta queued", "shared 1", "shared 2", "beta default", "default"]);
    upstream.setDefault({ type: "ok" });
  });

  it("records method, path, headers and parsed body, and keeps connections alive", async () => {
    upstream.requests.length = 0;
    await ask("alpha");
    await ask("alpha");
    const [first, second] = upstream.requests;
    expect(first).toMatchObject({
      method: "POST",
      path: "/v1/chat/completions",
      model: "alpha",
      behavior: "ok",
    });
    expect(first?.headers.authorization).toBe("Bearer test");
    expect(first?.body).toMatchObject({ messages: [{ role: "user", content: "hi alpha" }] });
    expect(second?.connectionId).toBeGreaterThan(0);
    // Keep-alive: nothing was closed, the client's pool holds its sockets open.
    expect(upstream.closedConnections()).toBe(0);
    expect(upstream.activeConnections()).toBeGreaterThan(0);
  });

  it("streams SSE chunks with a final usage chunk when asked", async () => {
    upstream.enqueue({ type: "ok", text: "a b c", usage: { prompt_tokens: 9, completion_tokens: 3 } });
    const stream = await client.chat.completions.create({
      model: "alpha",
      messages: [{ role: "user", content: "x" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("a b c");
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 3 });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("answers JSON mode with an echo object by default", async () => {
    const completion = await client.chat.completions.create({
      model: "alpha",
      messages: [{ role: "user", content: "data" }],
      response_format: { type: "json_object" },
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({ echo: "data" });
  });
});
