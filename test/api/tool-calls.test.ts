import type OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GatewayFixture, startGateway } from "./gateway-fixture.js";

let gateway: GatewayFixture;
beforeEach(async () => {
  gateway = await startGateway();
});
afterEach(async () => {
  await gateway.close();
});

const weatherTool: OpenAI.Chat.ChatCompletionTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city.",
    parameters: {
      type: "object",
      properties: { city: { type: "string", description: "City name" } },
      required: ["city"],
      additionalProperties: false,
    },
    strict: true,
  },
};
const timeTool: OpenAI.Chat.ChatCompletionTool = {
  type: "function",
  function: { name: "get_time", parameters: { type: "object", properties: { zone: { type: "string" } } } },
};

type Sent = { messages?: unknown[]; tools?: unknown; tool_choice?: unknown; parallel_tool_calls?: unknown };

/** The JSON body the fake provider received. */
function sent(request: { body: unknown } | undefined): Sent {
  return (request?.body ?? {}) as Sent;
}

describe("tool calling through /v1/chat/completions (openai SDK)", () => {
  it("round-trips call → tool result → final answer, with tools reaching the provider unchanged", async () => {
    gateway.pa.enqueue({
      type: "ok",
      toolCalls: [{ id: "call_w1", name: "get_weather", arguments: '{"city":"Paris"}' }],
    });
    const question: OpenAI.Chat.ChatCompletionMessageParam = { role: "user", content: "Weather in Paris?" };
    const first = await gateway.client.chat.completions.create({
      model: "m1",
      messages: [question],
      tools: [weatherTool],
      tool_choice: "auto",
      parallel_tool_calls: false,
    });
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toEqual([
      { id: "call_w1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
    ]);
    const body = sent(gateway.pa.requests[0]);
    expect(body.tools).toEqual([weatherTool]);
    expect(body.tool_choice).toBe("auto");
    expect(body.parallel_tool_calls).toBe(false);

    const assistant = choice?.message as OpenAI.Chat.ChatCompletionAssistantMessageParam;
    const followUp: OpenAI.Chat.ChatCompletionMessageParam[] = [
      question,
      { role: "assistant", content: null, tool_calls: assistant.tool_calls },
      { role: "tool", tool_call_id: "call_w1", content: '{"temp_c":18,"sky":"clear"}' },
    ];
    gateway.pa.enqueue({ type: "ok", text: "It is 18 °C and clear in Paris." });
    const final = await gateway.client.chat.completions.create({
      model: "m1",
      messages: followUp,
      tools: [weatherTool],
    });
    expect(final.choices[0]?.message.content).toBe("It is 18 °C and clear in Paris.");
    expect(final.choices[0]?.finish_reason).toBe("stop");
    expect(sent(gateway.pa.requests[1]).messages).toEqual(followUp);
  });

  it("streams tool-call deltas in order; the SDK's stream helper reassembles the arguments", async () => {
    const args = '{"city":"Reykjavík","units":"metric"}';
    gateway.pa.enqueue({ type: "ok", toolCalls: [{ id: "call_s1", name: "get_weather", arguments: args }] });
    const stream = gateway.client.chat.completions.stream({
      model: "m1",
      messages: [{ role: "user", content: "Weather in Reykjavík?" }],
      tools: [weatherTool],
      stream_options: { include_usage: true },
    });
    const fragments: string[] = [];
    stream.on("tool_calls.function.arguments.delta", (event) => fragments.push(event.arguments_delta));
    const completion = await stream.finalChatCompletion();
    expect(fragments.length).toBeGreaterThan(1);
    expect(fragments.join("")).toBe(args);
    const message = completion.choices[0]?.message;
    // The helper adds parsed_arguments for strict tools; the wire fields are what modelmux relayed.
    expect(message?.tool_calls).toMatchObject([
      { id: "call_s1", type: "function", function: { name: "get_weather", arguments: args } },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("carries parallel tool calls, whole and streamed", async () => {
    const calls = [
      { id: "call_a", name: "get_weather", arguments: '{"city":"Oslo"}' },
      { id: "call_b", name: "get_time", arguments: '{"zone":"Europe/Oslo"}' },
    ];
    const expected = calls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    }));
    gateway.pa.enqueue({ type: "ok", toolCalls: calls }, { type: "ok", toolCalls: calls });
    const request = {
      model: "m1",
      messages: [{ role: "user" as const, content: "Weather and time in Oslo?" }],
      tools: [weatherTool, timeTool],
    };
    const whole = await gateway.client.chat.completions.create(request);
    expect(whole.choices[0]?.message.tool_calls).toEqual(expected);
    const streamed = await gateway.client.chat.completions.stream(request).finalChatCompletion();
    expect(streamed.choices[0]?.message.tool_calls).toMatchObject(expected);
  });

  it("fails over with the tools intact", async () => {
    gateway.pa.enqueue({ type: "status", status: 503 });
    gateway.pb.enqueue({
      type: "ok",
      toolCalls: [{ id: "call_f", name: "get_weather", arguments: '{"city":"Rome"}' }],
    });
    const { data, response } = await gateway.client.chat.completions
      .create({ model: "m1", messages: [{ role: "user", content: "Rome?" }], tools: [weatherTool] })
      .withResponse();
    expect(response.headers.get("x-modelmux-provider")).toBe("pb");
    expect(data.choices[0]?.message.tool_calls?.[0]?.id).toBe("call_f");
    expect(sent(gateway.pa.requests[0]).tools).toEqual([weatherTool]);
    expect(sent(gateway.pb.requests[0]).tools).toEqual([weatherTool]);
  });
});

describe("custom tools (free-form input)", () => {
  it("forwards custom tool definitions and returns custom tool calls, whole and streamed", async () => {
    const tools = [
      {
        type: "custom" as const,
        custom: {
          name: "run_sql",
          description: "Run a read-only SQL query.",
          format: { type: "text" as const },
        },
      },
    ];
    const input = "SELECT count(*) FROM orders WHERE status = 'late'";
    gateway.pa.enqueue(
      { type: "ok", toolCalls: [{ id: "call_c1", name: "run_sql", arguments: input, custom: true }] },
      { type: "ok", toolCalls: [{ id: "call_c2", name: "run_sql", arguments: input, custom: true }] },
    );
    const request = {
      model: "m1",
      messages: [{ role: "user" as const, content: "How many late orders?" }],
      tools,
    };
    const whole = await gateway.client.chat.completions.create(request);
    expect(whole.choices[0]?.message.tool_calls).toEqual([
      { id: "call_c1", type: "custom", custom: { name: "run_sql", input } },
    ]);
    expect(sent(gateway.pa.requests[0]).tools).toEqual(tools);

    const response = await fetch(`${gateway.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...request, stream: true }),
    });
    const events = (await response.text())
      .split("\n\n")
      .filter((frame) => frame.startsWith("data: {"))
      .map(
        (frame) =>
          JSON.parse(frame.slice(6)) as {
            choices: { delta: { tool_calls?: { custom?: { input?: string } }[] } }[];
          },
      );
    const pieces = events.flatMap((event) =>
      event.choices.flatMap((choice) => choice.delta.tool_calls ?? []),
    );
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((piece) => piece.custom?.input ?? "").join("")).toBe(input);
  });
});

describe("content parts and parameters (openai SDK)", () => {
  it("sends a vision message to the provider part for part", async () => {
    const png = `data:image/png;base64,${Buffer.from("89504e470d0a1a0a0000000d49484452000002000000010008060000001f15c489", "hex").toString("base64")}`;
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      {
        role: "user",
        content: [
          { type: "text", text: "What is in these images?" },
          { type: "image_url", image_url: { url: png, detail: "high" } },
          { type: "image_url", image_url: { url: "https://example.com/cat.jpg", detail: "low" } },
        ],
      },
    ];
    gateway.pa.enqueue({ type: "ok", text: "A cat." });
    const completion = await gateway.client.chat.completions.create({ model: "m1", messages });
    expect(completion.choices[0]?.message.content).toBe("A cat.");
    expect(sent(gateway.pa.requests[0]).messages).toEqual(messages);
  });

  it("forwards every parameter it does not use itself byte-for-byte, unknown ones included", async () => {
    const forwarded = {
      stop: ["\n", "END"],
      top_p: 0.1,
      seed: 42,
      presence_penalty: 1,
      frequency_penalty: -0.5,
      logit_bias: { "50256": -100 },
      logprobs: true,
      top_logprobs: 3,
      user: "user-123",
      reasoning_effort: "low",
      verbosity: "low",
      service_tier: "flex",
      prediction: { type: "content", content: "Paris" },
      metadata: { team: "a", run: "7" },
      store: false,
      modalities: ["text"],
      safety_identifier: "hash-abc",
      prompt_cache_key: "k1",
      web_search_options: { search_context_size: "low" },
      a_future_parameter: { nested: [1, "two", null] },
    };
    const body = {
      model: "m1",
      messages: [{ role: "user", content: "Capital of France?" }],
      response_format: { type: "json_object" },
      ...forwarded,
    };
    gateway.pa.enqueue({ type: "ok", json: { answer: "Paris" } });
    const response = await fetch(`${gateway.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    const sent = gateway.pa.requests[0]?.body as Record<string, unknown>;
    for (const [name, value] of Object.entries(forwarded)) expect(sent[name], name).toEqual(value);
    expect(sent.response_format).toEqual({ type: "json_object" });
    expect(sent.messages).toEqual(body.messages);
    const answer = (await response.json()) as OpenAI.Chat.ChatCompletion;
    // logprobs were asked for: they come back.
    expect(answer.choices[0]?.logprobs?.content?.[0]).toMatchObject({ logprob: -0.25 });
    expect(answer.system_fingerprint).toBe("fp_fake");
  });

  it("returns refusal, system_fingerprint and usage details, and prices cached tokens at the cached price", async () => {
    gateway.pa.enqueue({
      type: "ok",
      refusal: "I can't help with that.",
      systemFingerprint: "fp_123",
      usage: {
        prompt_tokens: 1000,
        completion_tokens: 500,
        cached_tokens: 400,
        reasoning_tokens: 300,
        audio_prompt_tokens: 7,
      },
    });
    const { data, response } = await gateway.client.chat.completions
      .create({ model: "pa/m1", messages: [{ role: "user", content: "something refused" }] })
      .withResponse();
    expect(data.choices[0]?.message.refusal).toBe("I can't help with that.");
    expect(data.choices[0]?.message.content).toBeNull();
    expect(data.system_fingerprint).toBe("fp_123");
    expect(data.usage).toMatchObject({
      prompt_tokens: 1000,
      completion_tokens: 500,
      prompt_tokens_details: { cached_tokens: 400, audio_tokens: 7 },
      completion_tokens_details: { reasoning_tokens: 300 },
    });
    // pa/m1: input $1, output $2 per 1M, no cached price set → cached at the input price;
    // reasoning tokens are part of completion_tokens, at the output price.
    expect(Number(response.headers.get("x-modelmux-cost-usd"))).toBeCloseTo((1000 * 1 + 500 * 2) / 1e6, 12);
  });

  it("asks for n choices and returns them all", async () => {
    gateway.pa.enqueue({ type: "ok", text: "hi" });
    const completion = await gateway.client.chat.completions.create({
      model: "m1",
      messages: [{ role: "user", content: "hi" }],
      n: 2,
    });
    expect(completion.choices.map((choice) => [choice.index, choice.message.content])).toEqual([
      [0, "hi"],
      [1, "hi"],
    ]);
    expect((sent(gateway.pa.requests[0]) as { n?: number }).n).toBe(2);
  });
});
