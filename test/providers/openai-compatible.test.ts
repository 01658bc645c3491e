import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createOpenAICompatibleAdapter } from "../../src/providers/openai-compatible.js";
import { type FakeRequestBody, type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";

const API_KEY = "sk-modelmux-adapter-test-4b1d9e2f7a";
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream.close();
});
afterEach(() => {
  upstream.requests.length = 0;
  upstream.setDefault({ type: "ok" });
});

function adapter(provider = "lab") {
  return createOpenAICompatibleAdapter({ provider, baseURL: upstream.url, apiKey: API_KEY });
}

function lastBody(): FakeRequestBody {
  const body = upstream.requests.at(-1)?.body;
  if (typeof body !== "object") throw new Error("no JSON request recorded");
  return body;
}

describe("openai-compatible adapter, non-streaming", () => {
  it("sends the request and returns text, normalised usage, finish reason and timings", async () => {
    upstream.enqueue({
      type: "ok",
      text: "Paris",
      usage: { prompt_tokens: 120, completion_tokens: 2, cached_tokens: 100 },
    });
    const result = await adapter().complete({
      model: "provider-model-id",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Capital of France?" },
      ],
      temperature: 0.2,
      maxTokens: 50,
    });
    expect(result.text).toBe("Paris");
    expect(result.usage).toEqual({ input: 120, output: 2, cached: 100 });
    expect(result.finishReason).toBe("stop");
    expect(result.totalMs).toBeGreaterThan(0);
    expect(result.timeToFirstTokenMs).toBeLessThanOrEqual(result.totalMs);

    const request = upstream.requests.at(-1);
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(lastBody()).toMatchObject({ model: "provider-model-id", temperature: 0.2, max_tokens: 50 });
    expect(lastBody().stream).toBeFalsy();
  });

  it("echoes the last user message by default, with usage derived from the request", async () => {
    const result = await adapter().complete({
      model: "m",
      messages: [{ role: "user", content: "ping pong" }],
    });
    expect(result.text).toBe("ping pong");
    expect(result.usage.input).toBeGreaterThan(0);
    expect(result.usage.output).toBeGreaterThan(0);
    expect(result.usage.cached).toBe(0);
  });

  it("uses max_completion_tokens for OpenAI itself", async () => {
    await adapter("openai").complete({
      model: "m",
      messages: [{ role: "user", content: "hi" }],
      maxTokens: 7,
    });
    expect(lastBody().max_completion_tokens).toBe(7);
    expect(lastBody().max_tokens).toBeUndefined();
  });

  it("forwards a JSON schema response format and returns the JSON text", async () => {
    upstream.enqueue({ type: "json", value: { answer: 42 } });
    const schema = { type: "object", properties: { answer: { type: "number" } }, required: ["answer"] };
    const result = await adapter().complete({
      model: "m",
      messages: [{ role: "user", content: "answer?" }],
      responseFormat: { type: "json_schema", name: "answer", schema },
    });
    expect(JSON.parse(result.text)).toEqual({ answer: 42 });
    expect(lastBody().response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "answer", schema },
    });
  });

  it("maps a length finish reason", async () => {
    upstream.enqueue({ type: "ok", text: "cut", finishReason: "length" });
    const result = await adapter().complete({ model: "m", messages: [{ role: "user", content: "long" }] });
    expect(result.finishReason).toBe("length");
  });

  it("sends a placeholder key, never OPENAI_API_KEY, to keyless providers", async () => {
    const previous = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = "sk-environment-key-must-not-leak";
    try {
      const local = createOpenAICompatibleAdapter({ provider: "ollama", baseURL: upstream.url });
      await local.complete({ model: "m", messages: [{ role: "user", content: "hi" }] });
      expect(upstream.requests.at(-1)?.headers.authorization).toBe("Bearer not-needed");
    } finally {
      if (previous === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = previous;
    }
  });

  it("does not expose the key on the adapter object", () => {
    expect(JSON.stringify(adapter())).not.toContain(API_KEY);
  });
});

describe("openai-compatible adapter, streaming", () => {
  it("streams deltas and reads usage from the final chunk", async () => {
    upstream.enqueue({
      type: "ok",
      text: "one two three four",
      chunkDelayMs: 5,
      usage: { prompt_tokens: 30, completion_tokens: 4, cached_tokens: 10 },
    });
    const deltas: string[] = [];
    const result = await adapter().complete({
      model: "m",
      messages: [{ role: "user", content: "count" }],
      onDelta: (delta) => deltas.push(delta.content ?? ""),
    });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("one two three four");
    expect(result.text).toBe("one two three four");
    expect(result.usage).toEqual({ input: 30, output: 4, cached: 10 });
    expect(result.finishReason).toBe("stop");
    expect(result.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(result.timeToFirstTokenMs).toBeLessThan(result.totalMs);
    expect(lastBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("rethrows an error thrown by the caller's onDelta untouched and closes the upstream stream", async () => {
    upstream.enqueue({ type: "ok", text: "a b c d e f g h", chunkDelayMs: 20 });
    const closedBefore = upstream.closedConnections();
    const failure = new Error("client went away");
    await expect(
      adapter().complete({
        model: "m",
        messages: [{ role: "user", content: "x" }],
        onDelta: () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    await upstream.waitForClosedConnections(closedBefore + 1);
    expect(upstream.requests.at(-1)?.clientClosedEarly).toBe(true);
  });
});

describe("openai-compatible adapter, configured headers", () => {
  it("sends a provider's headers on whole and streamed calls; its own key always wins", async () => {
    const withHeaders = createOpenAICompatibleAdapter({
      provider: "lab",
      baseURL: upstream.url,
      apiKey: API_KEY,
      defaultHeaders: { "X-Team": "search", Authorization: "Bearer someone-else" },
    });
    const messages = [{ role: "user" as const, content: "hi" }];
    await withHeaders.complete({ model: "m", messages });
    await withHeaders.complete({ model: "m", messages, onDelta: () => {} });
    expect(upstream.requests).toHaveLength(2);
    for (const request of upstream.requests) {
      expect(request.headers["x-team"]).toBe("search");
      expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    }
  });
});
