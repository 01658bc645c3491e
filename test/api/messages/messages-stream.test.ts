import type Anthropic from "@anthropic-ai/sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type MessagesGateway, messagesRows, startMessagesGateway } from "./messages-fixture.js";

let gateway: MessagesGateway;
beforeEach(async () => {
  gateway = await startMessagesGateway();
});
afterEach(async () => {
  await gateway.close();
});

const weatherTool: Anthropic.Tool = {
  name: "get_weather",
  input_schema: { type: "object", properties: { city: { type: "string" } } },
};

describe("POST /v1/messages with stream: true through @anthropic-ai/sdk", () => {
  it("streams text deltas in Anthropic's event sequence, and the SDK's helpers assemble the message", async () => {
    gateway.pa.enqueue({
      type: "ok",
      text: "one two three four",
      chunkDelayMs: 2,
      usage: { prompt_tokens: 20, completion_tokens: 4, cached_tokens: 5 },
    });
    const stream = gateway.anthropic.messages.stream({
      model: "m1",
      max_tokens: 50,
      messages: [{ role: "user", content: "Count to four" }],
    });
    const types: string[] = [];
    const texts: string[] = [];
    stream.on("streamEvent", (event) => types.push(event.type));
    stream.on("text", (delta) => texts.push(delta));
    const message = await stream.finalMessage();
    expect(texts.join("")).toBe("one two three four");
    expect(texts.length).toBeGreaterThan(1);
    expect(message.content).toEqual([{ type: "text", text: "one two three four" }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage).toMatchObject({ input_tokens: 15, output_tokens: 4, cache_read_input_tokens: 5 });
    expect(types[0]).toBe("message_start");
    expect(types[1]).toBe("content_block_start");
    expect(types.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    expect(new Set(types.slice(2, -3))).toEqual(new Set(["content_block_delta"]));
    expect(gateway.pa.requests[0]?.body).toMatchObject({ stream: true });
    const rows = await messagesRows(gateway);
    expect(rows[0]).toMatchObject({ tokensIn: 20, tokensOut: 4, provider: "pa" });
  });

  it("keeps the text before a tool call in one text block ahead of the tool_use block, output guardrails on", async () => {
    gateway.pa.enqueue({
      type: "ok",
      text: "Let me check the weather",
      chunkDelayMs: 1,
      toolCalls: [{ id: "toolu_w", name: "get_weather", arguments: '{"city":"Oslo"}' }],
    });
    const stream = gateway.anthropic.messages.stream({
      model: "m1",
      max_tokens: 50,
      tools: [weatherTool],
      messages: [{ role: "user", content: "Weather in Oslo?" }],
    });
    const starts: string[] = [];
    stream.on("streamEvent", (event) => {
      if (event.type === "content_block_start") starts.push(`${event.index}:${event.content_block.type}`);
    });
    const message = await stream.finalMessage();
    expect(starts).toEqual(["0:text", "1:tool_use"]);
    expect(message.content).toEqual([
      { type: "text", text: "Let me check the weather" },
      { type: "tool_use", id: "toolu_w", name: "get_weather", input: { city: "Oslo" } },
    ]);
  });

  it("streams a tool call as a tool_use block with input_json_delta pieces", async () => {
    gateway.pa.enqueue({
      type: "ok",
      toolCalls: [{ id: "toolu_9", name: "get_weather", arguments: '{"city":"Lisbon","unit":"c"}' }],
    });
    const stream = gateway.anthropic.messages.stream({
      model: "m1",
      max_tokens: 50,
      tools: [weatherTool],
      messages: [{ role: "user", content: "Weather in Lisbon?" }],
    });
    const pieces: string[] = [];
    stream.on("inputJson", (partial) => pieces.push(partial));
    const message = await stream.finalMessage();
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe('{"city":"Lisbon","unit":"c"}');
    expect(message.content).toEqual([
      { type: "tool_use", id: "toolu_9", name: "get_weather", input: { city: "Lisbon", unit: "c" } },
    ]);
    expect(message.stop_reason).toBe("tool_use");
  });

  it("answers a failure before the first event with a status, and the SDK raises it", async () => {
    gateway.pa.setDefault({ type: "status", status: 500 });
    gateway.pb.setDefault({ type: "status", status: 500 });
    const stream = gateway.anthropic.messages.stream({
      model: "m1",
      max_tokens: 50,
      messages: [{ role: "user", content: "hi" }],
    });
    const error = await stream.finalMessage().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 502, error: { type: "error", error: { type: "api_error" } } });
  });

  it("fails over before the first delta, so the client sees one clean stream", async () => {
    gateway.pa.enqueue({ type: "status", status: 503 });
    const message = await gateway.anthropic.messages
      .stream({ model: "m1", max_tokens: 50, messages: [{ role: "user", content: "still here" }] })
      .finalMessage();
    expect(message.content).toEqual([{ type: "text", text: "still here" }]);
    expect(gateway.pb.requests).toHaveLength(1);
  });

  it("names the model that served in message_start, as the whole answer does, after failover to another model", async () => {
    const ask = {
      model: "pa/m1",
      max_tokens: 50,
      messages: [{ role: "user" as const, content: "who answers?" }],
    };
    const options = { headers: { "x-modelmux-fallback-models": "m2" } };
    gateway.pa.enqueue({ type: "status", status: 503 });
    const whole = await gateway.anthropic.messages.create(ask, options);
    expect(whole.model).toBe("m2");
    gateway.pa.enqueue({ type: "status", status: 503 });
    gateway.pc.enqueue({ type: "ok", text: "pc answers here", chunkDelayMs: 2 });
    const stream = gateway.anthropic.messages.stream(ask, options);
    const events: string[] = [];
    stream.on("streamEvent", (event) =>
      events.push(event.type === "message_start" ? `message_start ${event.message.model}` : event.type),
    );
    const texts: string[] = [];
    stream.on("text", (delta) => texts.push(delta));
    const streamed = await stream.finalMessage();
    // Live: the deltas came one by one after message_start, not replayed from a whole answer.
    expect(texts.length).toBeGreaterThan(1);
    expect(events[0]).toBe("message_start m2");
    expect(events.filter((event) => event.startsWith("message_start"))).toHaveLength(1);
    expect(streamed.model).toBe("m2");
    expect(streamed.content).toEqual([{ type: "text", text: "pc answers here" }]);
    expect(gateway.pa.requests).toHaveLength(2);
    expect(gateway.pb.requests).toHaveLength(0);
    expect(gateway.pc.requests).toHaveLength(2);
  });

  it("replays a cached answer as a stream of whole blocks", async () => {
    await gateway.close();
    gateway = await startMessagesGateway({ cache: { store: "memory" } });
    const request = {
      model: "m1",
      max_tokens: 50,
      tools: [weatherTool],
      messages: [{ role: "user" as const, content: "Weather in Lima?" }],
    };
    gateway.pa.enqueue({
      type: "ok",
      text: "Looking.",
      toolCalls: [{ id: "toolu_c", name: "get_weather", arguments: '{"city":"Lima"}' }],
    });
    const first = await gateway.anthropic.messages.create(request);
    const { data: replayed, response } = await gateway.anthropic.messages
      .stream(request)
      .withResponse()
      .then(async ({ data, response }) => ({ data: await data.finalMessage(), response }));
    expect(response.headers.get("x-modelmux-cache")).toBe("hit");
    expect(replayed.content).toEqual(first.content);
    expect(replayed.stop_reason).toBe("tool_use");
    expect(gateway.pa.requests).toHaveLength(1);
  });
});
