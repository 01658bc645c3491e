import OpenAI from "openai";
import type { FunctionTool, ResponseInputItem } from "openai/resources/responses/responses.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GatewayFixture, startGateway } from "./gateway-fixture.js";

let gateway: GatewayFixture;
beforeEach(async () => {
  gateway = await startGateway();
});
afterEach(async () => {
  await gateway.close();
});

const weatherTool: FunctionTool = {
  type: "function",
  name: "get_weather",
  description: "Current weather for a city.",
  parameters: {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
    additionalProperties: false,
  },
  strict: true,
};

type SentBody = Record<string, unknown> & { messages?: unknown[] };

/** The chat body the fake provider received for call `index`. */
function sent(fake: GatewayFixture["pa"], index: number): SentBody {
  return (fake.requests[index]?.body ?? {}) as SentBody;
}

async function ledgerRows() {
  await gateway.deps.ledger.flush();
  return (await gateway.deps.ledger.recent(50)).filter((row) => row.tool === "v1/responses");
}

describe("POST /v1/responses through the openai SDK (whole answers)", () => {
  it("answers a string input as a Response with output_text, usage and the ledger row", async () => {
    gateway.pa.enqueue({ type: "ok", text: "Bonjour !", usage: { prompt_tokens: 21, completion_tokens: 4 } });
    const { data: response, response: raw } = await gateway.client.responses
      .create({ model: "m1", input: "Say hello in French.", instructions: "Be brief." })
      .withResponse();
    expect(response.object).toBe("response");
    expect(response.id).toMatch(/^resp_[0-9a-f]{32}$/);
    expect(response.status).toBe("completed");
    expect(response.model).toBe("m1");
    expect(response.output_text).toBe("Bonjour !");
    expect(response.output).toEqual([
      {
        type: "message",
        id: expect.stringMatching(/^msg_/),
        status: "completed",
        role: "assistant",
        content: [{ type: "output_text", text: "Bonjour !", annotations: [] }],
      },
    ]);
    expect(response.usage).toEqual({
      input_tokens: 21,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 4,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 25,
    });
    expect(response.instructions).toBe("Be brief.");
    expect((response as unknown as { store: boolean }).store).toBe(true);
    expect(raw.headers.get("x-modelmux-provider")).toBe("pa");
    expect(sent(gateway.pa, 0).messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Say hello in French." },
    ]);
    const [row] = await ledgerRows();
    expect(row).toMatchObject({
      tool: "v1/responses",
      model: "m1",
      provider: "pa",
      tokensIn: 21,
      tokensOut: 4,
    });
    expect(raw.headers.get("x-modelmux-request-id")).toBe(row?.requestId);
  });

  it("round-trips a function call through previous_response_id, rebuilding the conversation", async () => {
    gateway.pa.enqueue({
      type: "ok",
      toolCalls: [{ id: "call_w1", name: "get_weather", arguments: '{"city":"Paris"}' }],
    });
    const first = await gateway.client.responses.create({
      model: "m1",
      instructions: "You answer weather questions.",
      input: "Weather in Paris?",
      tools: [weatherTool],
      tool_choice: "auto",
    });
    expect(first.output).toEqual([
      {
        type: "function_call",
        id: expect.stringMatching(/^fc_/),
        call_id: "call_w1",
        name: "get_weather",
        arguments: '{"city":"Paris"}',
        status: "completed",
      },
    ]);
    expect(first.output_text).toBe("");
    expect(sent(gateway.pa, 0).tools).toEqual([
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Current weather for a city.",
          parameters: weatherTool.parameters,
          strict: true,
        },
      },
    ]);

    gateway.pa.enqueue({ type: "ok", text: "18 °C and clear." });
    const second = await gateway.client.responses.create({
      model: "m1",
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: "call_w1", output: '{"temp_c":18}' }],
      tools: [weatherTool],
    });
    expect(second.output_text).toBe("18 °C and clear.");
    expect(second.previous_response_id).toBe(first.id);
    // Instructions are per request (as on OpenAI): the follow-up sent none, so none reach the model.
    expect(sent(gateway.pa, 1).messages).toEqual([
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_w1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_w1", content: '{"temp_c":18}' },
    ]);
  });

  it("round-trips a function call with the items sent back by hand (store: false)", async () => {
    gateway.pa.enqueue({
      type: "ok",
      text: "Let me check.",
      toolCalls: [{ id: "call_a", name: "get_weather", arguments: '{"city":"Oslo"}' }],
    });
    const input: ResponseInputItem[] = [{ role: "user", content: "Weather in Oslo?" }];
    const first = await gateway.client.responses.create({
      model: "m1",
      input,
      tools: [weatherTool],
      store: false,
    });
    expect(first.output.map((item) => item.type)).toEqual(["message", "function_call"]);
    gateway.pa.enqueue({ type: "ok", text: "Snowing." });
    const call = first.output[1];
    if (call?.type !== "function_call") throw new Error("expected a function call");
    const second = await gateway.client.responses.create({
      model: "m1",
      input: [
        ...input,
        ...(first.output as ResponseInputItem[]),
        {
          type: "function_call_output",
          call_id: call.call_id,
          output: [{ type: "input_text", text: "-3 °C, snow" }],
        },
      ],
      tools: [weatherTool],
      store: false,
    });
    expect(second.output_text).toBe("Snowing.");
    expect(sent(gateway.pa, 1).messages).toEqual([
      { role: "user", content: "Weather in Oslo?" },
      {
        role: "assistant",
        content: "Let me check.",
        tool_calls: [
          { id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_a", content: [{ type: "text", text: "-3 °C, snow" }] },
    ]);
    // Not stored: it cannot be fetched or chained.
    await expect(gateway.client.responses.retrieve(second.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      gateway.client.responses.create({ model: "m1", previous_response_id: first.id, input: "and now?" }),
    ).rejects.toMatchObject({ status: 400, param: "previous_response_id" });
  });

  it("answers json_schema output, parsed by responses.parse and validated by modelmux", async () => {
    gateway.pa.enqueue({ type: "ok", text: '{"city":"Paris","temp_c":18}' });
    const parsed = await gateway.client.responses.parse({
      model: "m1",
      input: "Paris weather as JSON",
      text: {
        format: {
          type: "json_schema",
          name: "weather",
          strict: true,
          schema: {
            type: "object",
            properties: { city: { type: "string" }, temp_c: { type: "number" } },
            required: ["city", "temp_c"],
            additionalProperties: false,
          },
        },
      },
    });
    expect(parsed.output_parsed).toEqual({ city: "Paris", temp_c: 18 });
    expect(sent(gateway.pa, 0).response_format).toEqual({
      type: "json_schema",
      json_schema: {
        name: "weather",
        strict: true,
        schema: {
          type: "object",
          properties: { city: { type: "string" }, temp_c: { type: "number" } },
          required: ["city", "temp_c"],
          additionalProperties: false,
        },
      },
    });
    // An answer that breaks the schema is re-asked, as on the chat door.
    gateway.pa.enqueue(
      { type: "ok", text: '{"city":"Rome"}' },
      { type: "ok", text: '{"city":"Rome","temp_c":25}' },
    );
    const retried = await gateway.client.responses.create({
      model: "m1",
      input: "Rome weather as JSON",
      text: {
        format: {
          type: "json_schema",
          name: "weather",
          schema: { type: "object", properties: { temp_c: { type: "number" } }, required: ["temp_c"] },
        },
      },
    });
    expect(JSON.parse(retried.output_text)).toEqual({ city: "Rome", temp_c: 25 });
  });

  it("gives a reasoning summary when the provider sends its reasoning, and counts reasoning tokens", async () => {
    gateway.pa.enqueue({
      type: "ok",
      reasoning: "The user wants a number. 6 times 7 is 42.",
      text: "42",
      usage: { prompt_tokens: 12, completion_tokens: 30, reasoning_tokens: 28, cached_tokens: 8 },
    });
    const response = await gateway.client.responses.create({
      model: "m1",
      input: "6 × 7?",
      reasoning: { effort: "low", summary: "auto" },
    });
    expect(response.output[0]).toEqual({
      type: "reasoning",
      id: expect.stringMatching(/^rs_/),
      summary: [{ type: "summary_text", text: "The user wants a number. 6 times 7 is 42." }],
      status: "completed",
    });
    expect(response.output_text).toBe("42");
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(28);
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(8);
    expect(sent(gateway.pa, 0).reasoning_effort).toBe("low");
  });

  it("marks an answer cut by max_output_tokens as incomplete", async () => {
    gateway.pa.enqueue({ type: "ok", text: "Once upon a", finishReason: "length" });
    const response = await gateway.client.responses.create({
      model: "m1",
      input: "Tell a story",
      max_output_tokens: 16,
    });
    expect(response.status).toBe("incomplete");
    expect(response.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(response.output[0]).toMatchObject({ type: "message", status: "incomplete" });
    expect(sent(gateway.pa, 0).max_tokens).toBe(16);
  });
});

describe("stored responses", () => {
  async function gatewayWithKeys() {
    await gateway.close();
    const { sha256Hex } = await import("../../src/http/auth.js");
    gateway = await startGateway({
      keys: [
        { name: "alice", sha256: sha256Hex("key-alice") },
        { name: "bob", sha256: sha256Hex("key-bob") },
      ],
    });
    return { alice: gateway.clientWith("key-alice"), bob: gateway.clientWith("key-bob") };
  }

  it("belong to the key that created them: GET and DELETE by the owner, 404 for another key", async () => {
    const { alice, bob } = await gatewayWithKeys();
    gateway.pa.enqueue({ type: "ok", text: "stored answer" });
    const created = await alice.responses.create({
      model: "m1",
      input: "remember me",
      metadata: { ticket: "T-1" },
    });
    const fetched = await alice.responses.retrieve(created.id);
    expect(fetched).toEqual(created);
    expect(fetched.metadata).toEqual({ ticket: "T-1" });

    await expect(bob.responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(bob.responses.delete(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      bob.responses.create({ model: "m1", previous_response_id: created.id, input: "what did I say?" }),
    ).rejects.toMatchObject({ status: 400, param: "previous_response_id" });

    await alice.responses.delete(created.id);
    await expect(alice.responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it("chains several turns, each stored response holding the whole conversation", async () => {
    gateway.pa.setDefault({ type: "ok" }); // echoes the last user message
    let previous: string | undefined;
    for (const word of ["one", "two", "three"]) {
      const response = await gateway.client.responses.create({
        model: "m1",
        input: word,
        ...(previous && { previous_response_id: previous }),
      });
      expect(response.output_text).toBe(word);
      previous = response.id;
    }
    expect(sent(gateway.pa, 2).messages).toEqual([
      { role: "user", content: "one" },
      { role: "assistant", content: "one" },
      { role: "user", content: "two" },
      { role: "assistant", content: "two" },
      { role: "user", content: "three" },
    ]);
  });

  it("answer 405 for other methods, 404 for paths below an id, 400 for a replay as events", async () => {
    const url = `${gateway.server.url}/v1/responses`;
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(`${url}/resp_x`, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${url}/resp_x/input_items`)).status).toBe(404);
    expect((await fetch(`${url}/%E0%A4%A`)).status).toBe(404);
    gateway.pa.enqueue({ type: "ok", text: "kept" });
    const stored = await gateway.client.responses.create({ model: "m1", input: "keep" });
    const replay = await fetch(`${url}/${stored.id}?stream=true`);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: { param: "stream" } });
    expect((await fetch(`${url}/${stored.id}?include[]=x`)).status).toBe(200);
  });
});

describe("refused and forwarded fields", () => {
  it("refuses OpenAI-hosted tools with a 400 naming them", async () => {
    await expect(
      gateway.client.responses.create({ model: "m1", input: "news?", tools: [{ type: "web_search" }] }),
    ).rejects.toMatchObject({
      status: 400,
      param: "tools[0].type",
      message: expect.stringContaining('"web_search"'),
    });
    await expect(
      gateway.client.responses.create({
        model: "m1",
        input: "find it",
        tools: [weatherTool, { type: "file_search", vector_store_ids: ["vs_1"] }],
      }),
    ).rejects.toMatchObject({ status: 400, param: "tools[1].type" });
    await expect(
      gateway.client.responses.create({
        model: "m1",
        input: "click",
        tools: [weatherTool],
        tool_choice: { type: "computer_use_preview" },
      }),
    ).rejects.toMatchObject({ status: 400, param: "tool_choice.type" });
    expect(gateway.pa.requests).toHaveLength(0);
  });

  it("refuses fields chat completions cannot express, names bad items, and forwards unknown fields", async () => {
    await expect(
      gateway.client.responses.create({ model: "m1", input: "hi", conversation: "conv_1" }),
    ).rejects.toMatchObject({ status: 400, param: "conversation" });
    await expect(
      gateway.client.responses.create({ model: "m1", input: "hi", truncation: "auto" }),
    ).rejects.toMatchObject({ status: 400, param: "truncation" });
    await expect(
      gateway.client.responses.create({
        model: "m1",
        input: [{ role: "user", content: [{ type: "input_image", detail: "auto", file_id: "file_1" }] }],
      }),
    ).rejects.toMatchObject({ status: 400, param: "input[0].content[0].image_url" });
    await expect(
      gateway.client.responses.create({ model: "m1", input: [{ role: "robot", content: "hi" } as never] }),
    ).rejects.toMatchObject({ status: 400, param: "input[0].role" });
    await expect(
      gateway.client.responses.create({
        model: "m1",
        input: [{ type: "web_search_call", id: "ws_1", status: "completed" } as never],
      }),
    ).rejects.toMatchObject({ status: 400, param: "input[0].type" });
    expect(gateway.pa.requests).toHaveLength(0);

    gateway.pa.enqueue({ type: "ok", text: "ok" });
    await gateway.client.responses.create({
      model: "m1",
      input: "hi",
      // Not a Responses field: forwarded to the provider as sent, like on the chat door.
      ...({ seed: 7 } as object),
      user: "u-1",
      parallel_tool_calls: false,
    });
    expect(sent(gateway.pa, 0)).toMatchObject({ seed: 7, user: "u-1", parallel_tool_calls: false });
  });
});

describe("Responses → a chat-completions provider, field by field", () => {
  it("translates every request field out and every answer field back", async () => {
    gateway.pa.enqueue({
      type: "ok",
      text: "Here is the picture's weather.",
      toolCalls: [
        { id: "call_1", name: "get_weather", arguments: '{"city":"Lyon"}' },
        { id: "call_2", name: "grep", arguments: "TODO", custom: true },
      ],
      usage: { prompt_tokens: 300, completion_tokens: 40, cached_tokens: 100, reasoning_tokens: 10 },
    });
    const image = "data:image/png;base64,iVBORw0KGgo=";
    const response = await gateway.client.responses.create({
      model: "pa/m1",
      instructions: "You are terse.",
      input: [
        { role: "developer", content: "Prefer metric units." },
        {
          role: "user",
          content: [
            { type: "input_text", text: "What city is this and its weather?" },
            { type: "input_image", image_url: image, detail: "low" },
            { type: "input_file", filename: "notes.txt", file_data: "data:text/plain;base64,aGk=" },
          ],
        },
        { type: "reasoning", id: "rs_old", summary: [] },
      ],
      tools: [
        weatherTool,
        {
          type: "custom",
          name: "grep",
          description: "Search text",
          format: { type: "grammar", syntax: "regex", definition: "[A-Z]+" },
        },
      ],
      tool_choice: {
        type: "allowed_tools",
        mode: "auto",
        tools: [{ type: "function", name: "get_weather" }],
      },
      temperature: 0.3,
      top_p: 0.9,
      max_output_tokens: 200,
      reasoning: { effort: "medium" },
      text: { verbosity: "low" },
      // In OpenAI's API, not (yet) in this SDK's types.
      ...({ top_logprobs: 2 } as object),
      parallel_tool_calls: true,
      metadata: { run: "42" },
      safety_identifier: "user-hash",
    });
    expect(sent(gateway.pa, 0)).toEqual({
      model: "m1",
      messages: [
        { role: "system", content: "You are terse." },
        // The adapter sends developer messages to providers other than OpenAI as system messages.
        { role: "system", content: "Prefer metric units." },
        {
          role: "user",
          content: [
            { type: "text", text: "What city is this and its weather?" },
            { type: "image_url", image_url: { url: image, detail: "low" } },
            { type: "file", file: { file_data: "data:text/plain;base64,aGk=", filename: "notes.txt" } },
          ],
        },
      ],
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 200,
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Current weather for a city.",
            parameters: weatherTool.parameters,
            strict: true,
          },
        },
        {
          type: "custom",
          custom: {
            name: "grep",
            description: "Search text",
            format: { type: "grammar", grammar: { syntax: "regex", definition: "[A-Z]+" } },
          },
        },
      ],
      tool_choice: {
        type: "allowed_tools",
        allowed_tools: { mode: "auto", tools: [{ type: "function", function: { name: "get_weather" } }] },
      },
      reasoning_effort: "medium",
      verbosity: "low",
      logprobs: true,
      top_logprobs: 2,
      parallel_tool_calls: true,
      safety_identifier: "user-hash",
    });
    expect(response).toMatchObject({
      object: "response",
      status: "completed",
      model: "m1",
      instructions: "You are terse.",
      temperature: 0.3,
      top_p: 0.9,
      max_output_tokens: 200,
      parallel_tool_calls: true,
      metadata: { run: "42" },
      reasoning: { effort: "medium", summary: null },
      text: { format: { type: "text" }, verbosity: "low" },
      top_logprobs: 2,
      truncation: "disabled",
      error: null,
      incomplete_details: null,
      previous_response_id: null,
    });
    const [message, call, custom] = response.output;
    expect(message).toMatchObject({
      type: "message",
      role: "assistant",
      status: "completed",
      content: [{ type: "output_text", text: "Here is the picture's weather.", annotations: [] }],
    });
    if (message?.type !== "message" || message.content[0]?.type !== "output_text") throw new Error("no text");
    expect(message.content[0].logprobs?.[0]).toEqual({
      token: "Here ",
      logprob: -0.25,
      bytes: [],
      top_logprobs: [],
    });
    expect(call).toEqual({
      type: "function_call",
      id: expect.stringMatching(/^fc_/),
      call_id: "call_1",
      name: "get_weather",
      arguments: '{"city":"Lyon"}',
      status: "completed",
    });
    expect(custom).toEqual({
      type: "custom_tool_call",
      id: expect.stringMatching(/^fc_/),
      call_id: "call_2",
      name: "grep",
      input: "TODO",
      status: "completed",
    });
    expect(response.usage).toEqual({
      input_tokens: 300,
      input_tokens_details: { cached_tokens: 100 },
      output_tokens: 40,
      output_tokens_details: { reasoning_tokens: 10 },
      total_tokens: 340,
    });
  });
});

describe("errors through the Responses door", () => {
  it("answers OpenAI-shaped errors the SDK raises (unknown model, missing input)", async () => {
    await expect(gateway.client.responses.create({ model: "nope", input: "hi" })).rejects.toMatchObject({
      status: 404,
      param: "model",
    });
    const raw = await fetch(`${gateway.server.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "m1" }),
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: { param: "input", type: "invalid_request_error" } });
    expect(OpenAI).toBeDefined();
  });
});
