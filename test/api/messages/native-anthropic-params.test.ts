import { afterEach, describe, expect, it } from "vitest";
import { type NativeGateway, startNativeGateway } from "./native-fixture.js";

let gateway: NativeGateway;
afterEach(async () => {
  await gateway.close();
});

const hello = { role: "user" as const, content: "hello" };

async function statusOf(promise: Promise<unknown>): Promise<{ status?: number; message: string }> {
  const error = (await promise.then(
    () => new Error("expected a refusal"),
    (caught: unknown) => caught,
  )) as { status?: number; message: string };
  return { status: error.status, message: error.message };
}

describe("OpenAI-only parameters and the native Anthropic adapter", () => {
  it("refuses each one Anthropic's Messages API lacks with a 400 naming it, before any call", async () => {
    gateway = await startNativeGateway();
    const asked: Record<string, unknown>[] = [
      { metadata: { app: "crm" } },
      { store: true },
      { prompt_cache_key: "tenant-1" },
      { logprobs: true },
      { seed: 7 },
      { presence_penalty: 0.5 },
      { safety_identifier: "user-hash" },
    ];
    for (const extra of asked) {
      const [param] = Object.keys(extra);
      const refusal = await statusOf(
        gateway.openai.chat.completions.create({
          model: "claude-sonnet-4-5",
          messages: [hello],
          ...(extra as object),
        }),
      );
      expect(refusal.status, param).toBe(400);
      expect(refusal.message).toContain(`${param}: not supported by any deployment`);
      expect(refusal.message).toContain("anthropic/claude-sonnet-4-5");
    }
    expect(gateway.upstream.requests).toHaveLength(0);
  });

  it("leaves out values that ask for nothing (store: false, n: 1, logprobs: false) and answers", async () => {
    gateway = await startNativeGateway();
    const completion = await gateway.openai.chat.completions.create({
      model: "claude-sonnet-4-5",
      messages: [hello],
      store: false,
      n: 1,
      logprobs: false,
      frequency_penalty: 0,
    });
    expect(completion.choices[0]?.message.content).toBe("hello");
    const sent = gateway.upstream.requests[0]?.body ?? {};
    for (const field of ["store", "n", "logprobs", "frequency_penalty"])
      expect(sent).not.toHaveProperty(field);
  });

  it("maps OpenAI's service_tier default to standard_only, keeps auto, refuses flex naming the field", async () => {
    gateway = await startNativeGateway();
    for (const [asked, sent] of [
      ["default", "standard_only"],
      ["auto", "auto"],
    ] as const) {
      await gateway.openai.chat.completions.create({
        model: "claude-sonnet-4-5",
        messages: [hello],
        service_tier: asked,
      });
      expect(gateway.upstream.requests.at(-1)?.body.service_tier, asked).toBe(sent);
    }
    const calls = gateway.upstream.requests.length;
    const refusal = await statusOf(
      gateway.openai.chat.completions.create({
        model: "claude-sonnet-4-5",
        messages: [hello],
        service_tier: "flex",
      }),
    );
    expect(refusal.status).toBe(400);
    expect(refusal.message).toContain('service_tier "flex" has no Anthropic counterpart');
    expect(gateway.upstream.requests).toHaveLength(calls);
  });

  it('with routing.unsupportedParams "drop": removes them for Anthropic and names them in a header', async () => {
    gateway = await startNativeGateway({ unsupportedParams: "drop" });
    const { data, response } = await gateway.openai.chat.completions
      .create({
        model: "claude-sonnet-4-5",
        messages: [hello],
        metadata: { app: "crm" },
        prompt_cache_key: "tenant-1",
        top_p: 0.5,
      })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe("hello");
    expect(response.headers.get("x-modelmux-dropped-params")).toBe("metadata, prompt_cache_key");
    const sent = gateway.upstream.requests[0]?.body ?? {};
    expect(sent).not.toHaveProperty("metadata");
    expect(sent).not.toHaveProperty("prompt_cache_key");
    expect(sent.top_p).toBe(0.5);
  });

  it("forwards Anthropic's own fields from the Messages door: top_k, thinking, service_tier", async () => {
    gateway = await startNativeGateway();
    await gateway.anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 2048,
      messages: [hello],
      thinking: { type: "enabled", budget_tokens: 1024 },
      service_tier: "standard_only",
      ...({ top_k: 3 } as object),
    });
    expect(gateway.upstream.requests[0]?.body).toMatchObject({
      top_k: 3,
      thinking: { type: "enabled", budget_tokens: 1024 },
      service_tier: "standard_only",
    });
  });
});

describe("dated Claude snapshots", () => {
  it("sends the snapshot the caller named to Anthropic, on every door and to count_tokens", async () => {
    gateway = await startNativeGateway();
    await gateway.anthropic.messages.create({
      model: "claude-sonnet-4-5-20250929",
      max_tokens: 20,
      messages: [hello],
    });
    await gateway.openai.chat.completions.create({ model: "claude-sonnet-4-5-20250929", messages: [hello] });
    await gateway.openai.responses.create({ model: "anthropic/claude-sonnet-4-5-20250929", input: "hello" });
    await gateway.anthropic.messages.countTokens({ model: "claude-sonnet-4-5-20250929", messages: [hello] });
    await gateway.anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 20,
      messages: [hello],
    });
    expect(gateway.upstream.requests.map((request) => [request.path, request.body.model])).toEqual([
      ["/v1/messages", "claude-sonnet-4-5-20250929"],
      ["/v1/messages", "claude-sonnet-4-5-20250929"],
      ["/v1/messages", "claude-sonnet-4-5-20250929"],
      ["/v1/messages/count_tokens", "claude-sonnet-4-5-20250929"],
      ["/v1/messages", "claude-sonnet-4-5"],
    ]);
  });

  it("answers with the snapshot the caller named, as Anthropic does, and the alias otherwise", async () => {
    gateway = await startNativeGateway();
    const answered = async (model: string) =>
      (await gateway.anthropic.messages.create({ model, max_tokens: 20, messages: [hello] })).model;
    expect(await answered("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4-5-20250929");
    expect(await answered("claude-sonnet-4-5")).toBe("claude-sonnet-4-5");
    // A date no snapshot can have was sent as the alias, and the answer says so.
    expect(await answered("claude-sonnet-4-5-20991231")).toBe("claude-sonnet-4-5");
    const stream = gateway.anthropic.messages.stream({
      model: "claude-sonnet-4-5-20250929",
      max_tokens: 20,
      messages: [hello],
    });
    expect((await stream.finalMessage()).model).toBe("claude-sonnet-4-5-20250929");
  });

  it("names in a streamed answer's message_start the model the whole answer names, failover included", async () => {
    gateway = await startNativeGateway();
    /** The model message_start named, and the one the SDK's assembled message has. */
    const streamedModels = async (model: string, headers: Record<string, string> = {}) => {
      const stream = gateway.anthropic.messages.stream(
        { model, max_tokens: 20, messages: [hello] },
        { headers },
      );
      const started: string[] = [];
      stream.on("streamEvent", (event) => {
        if (event.type === "message_start") started.push(event.message.model);
      });
      const { model: assembled } = await stream.finalMessage();
      return [...started, assembled];
    };
    expect(await streamedModels("claude-sonnet-4-5-20250929")).toEqual([
      "claude-sonnet-4-5-20250929",
      "claude-sonnet-4-5-20250929",
    ]);
    expect(await streamedModels("claude-sonnet-4-5-20991231")).toEqual([
      "claude-sonnet-4-5",
      "claude-sonnet-4-5",
    ]);
    // The snapshot's deployment fails before any event; Haiku serves, and the stream says so.
    gateway.upstream.enqueue({ type: "status", status: 529, errorType: "overloaded_error" });
    expect(
      await streamedModels("claude-sonnet-4-5-20250929", {
        "x-modelmux-fallback-models": "claude-haiku-4-5",
      }),
    ).toEqual(["claude-haiku-4-5", "claude-haiku-4-5"]);
    expect(gateway.upstream.requests.slice(-2).map((request) => request.body.model)).toEqual([
      "claude-sonnet-4-5-20250929",
      "claude-haiku-4-5",
    ]);
  });

  it("sends the alias for a date that no snapshot can have (in the future, or not a calendar day)", async () => {
    gateway = await startNativeGateway();
    for (const model of ["claude-sonnet-4-5-20991231", "claude-sonnet-4-5-20250230"])
      await gateway.anthropic.messages.create({ model, max_tokens: 20, messages: [hello] });
    expect(gateway.upstream.requests.map((request) => request.body.model)).toEqual([
      "claude-sonnet-4-5",
      "claude-sonnet-4-5",
    ]);
  });
});
