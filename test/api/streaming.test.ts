import { APIError } from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GatewayFixture, startGateway } from "./gateway-fixture.js";

let gateway: GatewayFixture;
beforeEach(async () => {
  gateway = await startGateway();
});
afterEach(async () => {
  await gateway.close();
});

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const textOf = (chunks: ChatCompletionChunk[]) =>
  chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");

describe("POST /v1/chat/completions with stream: true", () => {
  it("streams the answer as chunks, with usage in the final chunk when asked", async () => {
    gateway.pa.enqueue({
      type: "ok",
      text: "one two three",
      usage: { prompt_tokens: 10, completion_tokens: 3 },
      chunkDelayMs: 5,
    });
    const { data, response } = await gateway.client.chat.completions
      .create({
        model: "m1",
        messages: [{ role: "user", content: "count" }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const chunks = await collect(data);
    expect(textOf(chunks)).toBe("one two three");
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason);
    expect(finish?.choices[0]?.finish_reason).toBe("stop");
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 });
    expect(last?.model).toBe("m1");
    expect((gateway.pa.requests[0]?.body as { stream?: boolean } | undefined)?.stream).toBe(true);
  });

  it("sends no usage chunk unless stream_options.include_usage", async () => {
    const chunks = await collect(
      await gateway.client.chat.completions.create({
        model: "m1",
        messages: [{ role: "user", content: "no usage please" }],
        stream: true,
      }),
    );
    expect(textOf(chunks)).toBe("no usage please");
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it.each([
    { afterChunks: 0, what: "before any byte" },
    { afterChunks: 1, what: "after the role chunk, before any text" },
  ])(
    "fails over when the first upstream resets $what: the client sees one clean stream",
    async ({ afterChunks }) => {
      gateway.pa.enqueue({ type: "reset", afterChunks });
      gateway.pb.enqueue({ type: "ok", text: "served by pb", chunkDelayMs: 2 });
      const { data, response } = await gateway.client.chat.completions
        .create({ model: "m1", messages: [{ role: "user", content: "hi" }], stream: true })
        .withResponse();
      expect(response.status).toBe(200);
      const chunks = await collect(data);
      expect(textOf(chunks)).toBe("served by pb");
      expect(chunks.filter((chunk) => chunk.choices[0]?.delta.role === "assistant")).toHaveLength(1);
      expect(gateway.pa.requests).toHaveLength(1);
      expect(gateway.pb.requests).toHaveLength(1);
    },
  );

  it("names the model that served in every chunk, after failover to another model", async () => {
    gateway.pa.enqueue({ type: "status", status: 503 });
    gateway.pc.enqueue({ type: "ok", text: "pc answers here", chunkDelayMs: 2 });
    const chunks = await collect(
      await gateway.client.chat.completions.create(
        { model: "pa/m1", messages: [{ role: "user", content: "who answers?" }], stream: true },
        { headers: { "x-modelmux-fallback-models": "m2" } },
      ),
    );
    expect(textOf(chunks)).toBe("pc answers here");
    // Live: the text came in several chunks, each naming m2 (they named "pa/m1", the last one m2).
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(1);
    expect(new Set(chunks.map((chunk) => chunk.model))).toEqual(new Set(["m2"]));
    expect(gateway.pa.requests).toHaveLength(1);
    expect(gateway.pc.requests).toHaveLength(1);
  });

  it("answers a proper HTTP error when every attempt fails before the first byte", async () => {
    for (const upstream of [gateway.pa, gateway.pb]) upstream.setDefault({ type: "status", status: 503 });
    const failure = await gateway.client.chat.completions
      .create({ model: "m1", messages: [{ role: "user", content: "hi" }], stream: true })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).status).toBe(502);
    expect((failure as APIError).code).toBe("provider_call_failed");
    expect((failure as APIError).headers?.get("x-modelmux-attempts")).toBe("3");
  });

  it("ends the stream with an error event when the upstream fails after the first byte", async () => {
    // The fake echoes the prompt word by word and cuts the connection after the third frame.
    gateway.pa.enqueue({ type: "reset", afterChunks: 3 });
    const stream = await gateway.client.chat.completions.create({
      model: "m1",
      messages: [{ role: "user", content: "one two three four" }],
      stream: true,
    });
    const received: string[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? "");
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(received.join("")).toBe("one two ");
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).message).toMatch(/pa\/m1 failed/);
    // No failover once text reached the client: the second deployment was never asked.
    expect(gateway.pa.requests).toHaveLength(1);
    expect(gateway.pb.requests).toHaveLength(0);
  });
});

describe("client disconnect", () => {
  it("cancels the upstream call of a non-streaming request", async () => {
    gateway.pa.enqueue({ type: "ok", latencyMs: 30_000 });
    const controller = new AbortController();
    const pending = gateway.client.chat.completions
      .create({ model: "m1", messages: [{ role: "user", content: "slow" }] }, { signal: controller.signal })
      .catch((error: unknown) => error);
    await gateway.pa.waitForRequests(1);
    controller.abort();
    await pending;
    await gateway.pa.waitForClosedConnections(1);
    expect(gateway.pa.requests[0]?.clientClosedEarly).toBe(true);
    expect(gateway.pb.requests).toHaveLength(0);
  });

  it("cancels the upstream call of a stream the client stops reading", async () => {
    gateway.pa.enqueue({ type: "ok", text: "a b c d e f g h i j k l m n o p", chunkDelayMs: 200 });
    const controller = new AbortController();
    const stream = await gateway.client.chat.completions.create(
      { model: "m1", messages: [{ role: "user", content: "slow stream" }], stream: true },
      { signal: controller.signal },
    );
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) break; // leaving the loop aborts the response
    }
    await gateway.pa.waitForClosedConnections(1);
    expect(gateway.pa.requests[0]?.clientClosedEarly).toBe(true);
    expect(gateway.pb.requests).toHaveLength(0);
  });
});
