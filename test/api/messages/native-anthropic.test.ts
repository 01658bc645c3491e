import type Anthropic from "@anthropic-ai/sdk";
import { calcPrice } from "@pydantic/genai-prices";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeTokenCount } from "../../support/fake-anthropic-upstream.js";
import { ANTHROPIC_TEST_KEY, type NativeGateway, startNativeGateway } from "./native-fixture.js";

let gateway: NativeGateway;
beforeEach(async () => {
  gateway = await startNativeGateway();
});
afterEach(async () => {
  await gateway.close();
});

const weatherTool: Anthropic.Tool = {
  name: "get_weather",
  description: "Current weather for a city.",
  input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  cache_control: { type: "ephemeral" },
};
const PNG_1X1 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

async function ledgerRows() {
  await gateway.deps.ledger.flush();
  return gateway.deps.ledger.recent(50);
}

describe("/v1/messages through the native Anthropic adapter (fake Anthropic upstream)", () => {
  it("sends the request to Anthropic as it came, field by field: cache_control, thinking, tool history, image", async () => {
    gateway.upstream.enqueue({
      type: "ok",
      text: "Done.",
      thinking: { text: "The user wants a summary.", signature: "sig-abc" },
      usage: {
        input_tokens: 100,
        output_tokens: 20,
        cache_creation_input_tokens: 1000,
        cache_read_input_tokens: 4000,
      },
    });
    const history: Anthropic.MessageParam[] = [
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "I should call the tool.", signature: "sig-1" },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "service down", is_error: true },
          { type: "image", source: { type: "base64", media_type: "image/png", data: PNG_1X1 } },
          { type: "text", text: "Summarize.", cache_control: { type: "ephemeral" } },
        ],
      },
    ];
    const request = {
      model: "claude-sonnet-4-5",
      max_tokens: 2048,
      system: [
        { type: "text" as const, text: "You are terse.", cache_control: { type: "ephemeral" as const } },
      ],
      messages: history,
      tools: [weatherTool],
      tool_choice: { type: "auto" as const, disable_parallel_tool_use: true },
      thinking: { type: "enabled" as const, budget_tokens: 1024 },
      stop_sequences: ["STOP"],
      metadata: { user_id: "u-1" },
    };
    const message = await gateway.anthropic.messages.create({
      ...request,
      ...({ top_k: 5, temperature: 1 } as object),
    });

    const sent = gateway.upstream.requests[0];
    expect(sent?.path).toBe("/v1/messages");
    expect(sent?.headers["x-api-key"]).toBe(ANTHROPIC_TEST_KEY);
    expect(sent?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent?.body).toEqual({ ...request, top_k: 5, temperature: 1 });

    expect(message.content).toEqual([
      { type: "thinking", thinking: "The user wants a summary.", signature: "sig-abc" },
      { type: "text", text: "Done." },
    ]);
    expect(message.usage).toMatchObject({
      input_tokens: 100,
      output_tokens: 20,
      cache_creation_input_tokens: 1000,
      cache_read_input_tokens: 4000,
    });
    // Priced by genai-prices at Sonnet 4.5's cache-write and cache-read rates.
    const expected = calcPrice(
      { input_tokens: 5100, output_tokens: 20, cache_read_tokens: 4000, cache_write_tokens: 1000 },
      "claude-sonnet-4-5",
      { providerId: "anthropic" },
    );
    const [row] = await ledgerRows();
    expect(row).toMatchObject({ provider: "anthropic", tokensIn: 5100, tokensCached: 4000, tokensOut: 20 });
    expect(row?.costUsd).toBeCloseTo(expected?.total_price ?? Number.NaN, 9);
    expect(row?.costUsd).toBeCloseTo((100 * 3 + 1000 * 3.75 + 4000 * 0.3 + 20 * 15) / 1e6, 9);
  });

  it("streams thinking, text and tool_use from Anthropic through to the SDK's stream helpers", async () => {
    gateway.upstream.enqueue({
      type: "ok",
      text: "Checking the weather now.",
      thinking: { text: "Need the tool for this.", signature: "sig-stream" },
      toolUses: [{ id: "toolu_s", name: "get_weather", input: { city: "Oslo" } }],
      usage: { input_tokens: 50, output_tokens: 30, cache_read_input_tokens: 10 },
    });
    const stream = gateway.anthropic.messages.stream({
      model: "claude-sonnet-4-5",
      max_tokens: 2048,
      thinking: { type: "enabled", budget_tokens: 1024 },
      tools: [weatherTool],
      messages: [{ role: "user", content: "Weather in Oslo?" }],
    });
    const thinking: string[] = [];
    stream.on("thinking", (delta) => thinking.push(delta));
    const message = await stream.finalMessage();
    expect(thinking.join("")).toBe("Need the tool for this.");
    expect(message.content).toEqual([
      { type: "thinking", thinking: "Need the tool for this.", signature: "sig-stream" },
      { type: "text", text: "Checking the weather now." },
      { type: "tool_use", id: "toolu_s", name: "get_weather", input: { city: "Oslo" } },
    ]);
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toMatchObject({ input_tokens: 50, output_tokens: 30, cache_read_input_tokens: 10 });
    expect(gateway.upstream.requests[0]?.body.stream).toBe(true);
  });

  it("sends the client's anthropic-beta flags on to Anthropic (and through the beta API's ?beta=true path)", async () => {
    await gateway.anthropic.messages.create(
      { model: "claude-sonnet-4-5", max_tokens: 10, messages: [{ role: "user", content: "x" }] },
      {
        headers: {
          "anthropic-beta": "interleaved-thinking-2025-05-14, fine-grained-tool-streaming-2025-05-14",
        },
      },
    );
    await gateway.anthropic.beta.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 10,
      betas: ["context-management-2025-06-27"],
      messages: [{ role: "user", content: "y" }],
    });
    await gateway.anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 10,
      messages: [{ role: "user", content: "z" }],
    });
    expect(gateway.upstream.requests.map((request) => request.headers["anthropic-beta"])).toEqual([
      "interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14",
      "context-management-2025-06-27",
      undefined,
    ]);
    const bad = await gateway.anthropic.messages
      .create(
        { model: "claude-sonnet-4-5", max_tokens: 10, messages: [{ role: "user", content: "x" }] },
        { headers: { "anthropic-beta": "ok-flag, bad flag!" } },
      )
      .catch((error: unknown) => error);
    expect((bad as Error).message).toMatch(/anthropic-beta/);
  });

  it("counts tokens with Anthropic's own count_tokens, exactly, and says so", async () => {
    const { data, response } = await gateway.anthropic.messages
      .countTokens({
        model: "claude-sonnet-4-5",
        system: "Be brief.",
        tools: [weatherTool],
        messages: [{ role: "user", content: "How many tokens is this?" }],
      })
      .withResponse();
    const sent = gateway.upstream.requests[0];
    expect(sent?.path).toBe("/v1/messages/count_tokens");
    expect(sent?.body).toEqual({
      model: "claude-sonnet-4-5",
      system: "Be brief.",
      tools: [weatherTool],
      messages: [{ role: "user", content: "How many tokens is this?" }],
    });
    expect(data.input_tokens).toBe(fakeTokenCount(sent?.body ?? {}));
    expect(response.headers.get("x-modelmux-tokens-exact")).toBe("true");
  });

  it("reports which stop sequence ended the answer, whole and streamed", async () => {
    const request = {
      model: "claude-sonnet-4-5",
      max_tokens: 50,
      stop_sequences: ["END", "STOP"],
      messages: [{ role: "user" as const, content: "Count" }],
    };
    gateway.upstream.enqueue(
      { type: "ok", text: "1 2 3 ", stopReason: "stop_sequence", stopSequence: "STOP" },
      { type: "ok", text: "1 2 3 ", stopReason: "stop_sequence", stopSequence: "END" },
    );
    const whole = await gateway.anthropic.messages.create(request);
    expect(whole).toMatchObject({ stop_reason: "stop_sequence", stop_sequence: "STOP" });
    const streamed = await gateway.anthropic.messages.stream(request).finalMessage();
    expect(streamed).toMatchObject({ stop_reason: "stop_sequence", stop_sequence: "END" });
    expect(gateway.upstream.requests[0]?.body.stop_sequences).toEqual(["END", "STOP"]);
  });

  it("passes Anthropic's own 400 back in Anthropic's shape, and fails over on 529 overloaded", async () => {
    gateway.upstream.enqueue({
      type: "status",
      status: 400,
      errorType: "invalid_request_error",
      message: "thinking.budget_tokens: too small",
    });
    const error = await gateway.anthropic.messages
      .create({ model: "claude-sonnet-4-5", max_tokens: 10, messages: [{ role: "user", content: "x" }] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, error: { error: { type: "invalid_request_error" } } });
    expect((error as Error).message).toMatch(/budget_tokens/);
    expect((error as Error).message).not.toContain(ANTHROPIC_TEST_KEY);

    gateway.upstream.enqueue({ type: "status", status: 529, errorType: "overloaded_error" });
    const retried = await gateway.anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 10,
      messages: [{ role: "user", content: "again" }],
    });
    expect(retried.content).toEqual([{ type: "text", text: "again" }]);
  });
});

describe("/v1/chat/completions through the native Anthropic adapter", () => {
  it("maps the OpenAI request onto the Messages API and the answer back, field by field", async () => {
    gateway.upstream.enqueue({
      type: "ok",
      text: "Calling it.",
      thinking: { text: "Think first.", signature: "sig-chat" },
      toolUses: [{ id: "toolu_c", name: "get_weather", input: { city: "Rome" } }],
      usage: {
        input_tokens: 30,
        output_tokens: 12,
        cache_creation_input_tokens: 5,
        cache_read_input_tokens: 7,
      },
    });
    const completion = await gateway.openai.chat.completions.create({
      model: "claude-sonnet-4-5",
      max_tokens: 300,
      temperature: 0.2,
      top_p: 0.8,
      stop: ["END"],
      user: "u-9",
      tool_choice: "required",
      parallel_tool_calls: false,
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Weather.",
            parameters: { type: "object", properties: { city: { type: "string" } } },
          },
        },
      ],
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: "Use tools." },
        {
          role: "user",
          content: [
            { type: "text", text: "Weather in Rome? See:" },
            { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_1X1}` } },
            { type: "image_url", image_url: { url: "https://example.com/rome.png" } },
          ],
        },
      ],
    });
    expect(gateway.upstream.requests[0]?.body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 300,
      temperature: 0.2,
      top_p: 0.8,
      stop_sequences: ["END"],
      metadata: { user_id: "u-9" },
      system: [
        { type: "text", text: "Be brief." },
        { type: "text", text: "Use tools." },
      ],
      tools: [
        {
          name: "get_weather",
          description: "Weather.",
          input_schema: { type: "object", properties: { city: { type: "string" } } },
        },
      ],
      tool_choice: { type: "any", disable_parallel_tool_use: true },
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Weather in Rome? See:" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: PNG_1X1 } },
            { type: "image", source: { type: "url", url: "https://example.com/rome.png" } },
          ],
        },
      ],
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.content).toBe("Calling it.");
    expect(choice?.message.tool_calls).toEqual([
      { id: "toolu_c", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } },
    ]);
    expect(choice?.message).toMatchObject({
      reasoning_content: "Think first.",
      thinking_blocks: [{ type: "thinking", thinking: "Think first.", signature: "sig-chat" }],
    });
    expect(completion.usage).toMatchObject({
      prompt_tokens: 42,
      completion_tokens: 12,
      prompt_tokens_details: { cached_tokens: 7 },
    });

    // The next turn: the tool result goes back as a tool_result block in a user turn.
    gateway.upstream.enqueue({ type: "ok", text: "Sunny." });
    await gateway.openai.chat.completions.create({
      model: "claude-sonnet-4-5",
      max_tokens: 300,
      messages: [
        { role: "user", content: "Weather in Rome?" },
        { role: "assistant", content: null, tool_calls: choice?.message.tool_calls ?? [] },
        { role: "tool", tool_call_id: "toolu_c", content: "22 C" },
      ],
    });
    expect(gateway.upstream.requests[1]?.body.messages).toEqual([
      { role: "user", content: "Weather in Rome?" },
      {
        role: "assistant",
        content: [{ type: "tool_use", id: "toolu_c", name: "get_weather", input: { city: "Rome" } }],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_c", content: "22 C" }] },
    ]);
  });

  it("fills Anthropic's required max_tokens with the model's output limit, and maps json_schema to output_config", async () => {
    const schema = { type: "object", properties: { echo: { type: "string" } }, required: ["echo"] };
    gateway.upstream.enqueue({ type: "ok", text: '{"echo":"hi"}' });
    const completion = await gateway.openai.chat.completions.create({
      model: "claude-sonnet-4-5",
      messages: [{ role: "user", content: "hi" }],
      response_format: { type: "json_schema", json_schema: { name: "echo", schema } },
    });
    expect(completion.choices[0]?.message.content).toBe('{"echo":"hi"}');
    const body = gateway.upstream.requests[0]?.body;
    expect(body?.max_tokens).toBe(64_000);
    expect(body?.output_config).toEqual({ format: { type: "json_schema", schema } });
    expect(body).not.toHaveProperty("response_format");
  });

  it("streams a chat completion from Anthropic's events", async () => {
    gateway.upstream.enqueue({
      type: "ok",
      text: "alpha beta gamma",
      usage: { input_tokens: 9, output_tokens: 3 },
    });
    const stream = await gateway.openai.chat.completions.create({
      model: "claude-sonnet-4-5",
      max_tokens: 50,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "hi" }],
    });
    let text = "";
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe("alpha beta gamma");
    expect(usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 3 });
  });
});
