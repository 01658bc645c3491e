import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createOpenAICompatibleAdapter } from "../../src/providers/openai-compatible.js";
import { ProviderError } from "../../src/providers/provider-error.js";
import type { CompletionRequest } from "../../src/providers/types.js";
import { type FakeBehavior, type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";
import { freePort } from "../support/free-port.js";

// Distinctive so any leak is unambiguous; not `sk-`-shaped so only the known-secret redaction can hide it.
const API_KEY = "mmx-live-QX7kP2vL9tR4wZ8nB3yJ6hD1";
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream.close();
});
afterEach(() => {
  upstream.requests.length = 0;
});

const adapter = () =>
  createOpenAICompatibleAdapter({ provider: "lab", baseURL: upstream.url, apiKey: API_KEY });
const request = (extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: "m",
  messages: [{ role: "user", content: "hello" }],
  ...extra,
});

async function failure(
  behavior: FakeBehavior,
  extra: Partial<CompletionRequest> = {},
): Promise<ProviderError> {
  upstream.enqueue(behavior);
  const error = await adapter()
    .complete(request(extra))
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  expect(error).toBeInstanceOf(ProviderError);
  const providerError = error as ProviderError;
  expect(providerError.code).toBe("PROVIDER_CALL_FAILED");
  expect(providerError.provider).toBe("lab");
  expectNoKey(providerError);
  return providerError;
}

function expectNoKey(error: Error) {
  expect(error.message).not.toContain(API_KEY);
  expect(JSON.stringify(error)).not.toContain(API_KEY);
  expect(String(error.stack)).not.toContain(API_KEY);
}

describe("HTTP status errors", () => {
  it.each([
    [500, true],
    [502, true],
    [503, true],
    [408, true],
    [409, true],
    [429, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [422, false],
  ])("HTTP %i → retryable %s, without SDK retries", async (status, retryable) => {
    const error = await failure({ type: "status", status });
    expect(error.kind).toBe("http");
    expect(error.status).toBe(status);
    expect(error.isRetryable).toBe(retryable);
    expect(error.message).toContain(`fake upstream error ${status}`);
    expect(upstream.requests).toHaveLength(1);
  });

  it("reads Retry-After seconds from a 429", async () => {
    const error = await failure({ type: "status", status: 429, retryAfter: 2 });
    expect(error.isRetryable).toBe(true);
    expect(error.retryAfterMs).toBe(2000);
  });

  it("prefers retry-after-ms", async () => {
    const error = await failure({ type: "status", status: 429, retryAfter: 9, retryAfterMs: 1500 });
    expect(error.retryAfterMs).toBe(1500);
  });

  it("reads Retry-After as an HTTP date", async () => {
    const date = new Date(Date.now() + 30_000).toUTCString();
    const error = await failure({ type: "status", status: 503, retryAfter: date });
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it("marks context-length errors as not retryable even on a 5xx", async () => {
    const body = { error: { message: "This model's maximum context length is 8192 tokens", code: null } };
    const error = await failure({ type: "status", status: 500, body });
    expect(error.isRetryable).toBe(false);
    expect(error.providerCode).toBe("context_length_exceeded");
  });

  it("never shows the key a provider echoes back, nor sk-/Bearer lookalikes", async () => {
    const message = `Incorrect API key provided: ${API_KEY}. Also saw sk-proj-abc123def456ghi and Bearer eyJhbGciOi.x.y`;
    const error = await failure({
      type: "status",
      status: 401,
      body: { error: { message, code: "invalid_api_key" } },
    });
    expect(error.message).toContain("Incorrect API key provided: [REDACTED]");
    expect(error.message).not.toContain("sk-proj-abc123def456ghi");
    expect(error.message).not.toContain("eyJhbGciOi");
    expect(error.providerCode).toBe("invalid_api_key");
  });
});

describe("transport faults", () => {
  it.each([false, true])("a malformed body is retryable (streaming %s)", async (streaming) => {
    const error = await failure({ type: "malformed" }, streaming ? { onDelta: () => {} } : {});
    expect(error.kind).toBe("malformed");
    expect(error.isRetryable).toBe(true);
  });

  it("a reset connection is a retryable connection error", async () => {
    const error = await failure({ type: "reset" });
    expect(error.kind).toBe("connection");
    expect(error.isRetryable).toBe(true);
  });

  it("a stream cut mid-answer is a retryable connection error, not a partial success", async () => {
    const deltas: string[] = [];
    const error = await failure(
      { type: "reset", afterChunks: 3 },
      {
        messages: [{ role: "user", content: "a b c d e f" }],
        onDelta: (delta) => deltas.push(delta.content ?? ""),
      },
    );
    expect(deltas.length).toBeGreaterThan(0);
    expect(error.kind).toBe("connection");
    expect(error.isRetryable).toBe(true);
  });

  it("a refused connection is a retryable connection error", async () => {
    const port = await freePort();
    const closed = createOpenAICompatibleAdapter({
      provider: "down",
      baseURL: `http://127.0.0.1:${port}/v1`,
      apiKey: API_KEY,
    });
    const error = (await closed.complete(request()).catch((thrown: unknown) => thrown)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe("connection");
    expect(error.isRetryable).toBe(true);
    expect(error.message).toMatch(/ECONNREFUSED/);
    expectNoKey(error);
  });
});

describe("timeouts and cancellation close the upstream connection", () => {
  it("a timeout signal gives a retryable timeout error", async () => {
    const closedBefore = upstream.closedConnections();
    const error = await failure({ type: "timeout" }, { signal: AbortSignal.timeout(150) });
    expect(error.kind).toBe("timeout");
    expect(error.isRetryable).toBe(true);
    await upstream.waitForClosedConnections(closedBefore + 1);
    expect(upstream.requests[0]?.clientClosedEarly).toBe(true);
  });

  it("an abort by the caller is not retryable and the fake sees the connection close", async () => {
    upstream.enqueue({ type: "timeout" });
    const controller = new AbortController();
    const closedBefore = upstream.closedConnections();
    const pending = adapter().complete(request({ signal: controller.signal }));
    await upstream.waitForRequests(1);
    expect(upstream.activeConnections()).toBeGreaterThan(0);
    controller.abort();
    const error = (await pending.catch((thrown: unknown) => thrown)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe("aborted");
    expect(error.isRetryable).toBe(false);
    await upstream.waitForClosedConnections(closedBefore + 1);
    expect(upstream.requests[0]?.clientClosedEarly).toBe(true);
  });

  it("an abort mid-stream rejects instead of returning the partial text", async () => {
    upstream.enqueue({ type: "ok", text: "a b c d e f g h i j", chunkDelayMs: 20 });
    const controller = new AbortController();
    const closedBefore = upstream.closedConnections();
    const deltas: string[] = [];
    const error = (await adapter()
      .complete(
        request({
          signal: controller.signal,
          onDelta: (delta) => {
            deltas.push(delta.content ?? "");
            controller.abort();
          },
        }),
      )
      .catch((thrown: unknown) => thrown)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe("aborted");
    expect(deltas.length).toBeLessThan(3);
    await upstream.waitForClosedConnections(closedBefore + 1);
    expect(upstream.requests[0]?.clientClosedEarly).toBe(true);
  });
});
