import { APIError } from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import { SECRET_KEY } from "../support/routing-fixture.js";
import { type GatewayFixture, startGateway } from "./gateway-fixture.js";

let gateway: GatewayFixture;
beforeEach(async () => {
  gateway = await startGateway();
});
afterEach(async () => {
  await gateway.close();
});

/** The APIError the SDK throws for a request, or fails the test when it succeeds. */
async function failureOf(request: Promise<unknown>): Promise<APIError> {
  const outcome = await request.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof APIError)) throw new Error(`expected an APIError, got ${String(outcome)}`);
  return outcome;
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${gateway.server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("/v1 errors, in OpenAI's error shape", () => {
  it("answers 400 naming the bad field", async () => {
    const failure = await failureOf(
      gateway.client.chat.completions.create({
        model: "m1",
        messages: [{ role: "robot", content: "hi" }] as never,
      }),
    );
    expect(failure.status).toBe(400);
    expect(failure.type).toBe("invalid_request_error");
    expect(failure.param).toBe("messages[0].role");
    expect(failure.message).toMatch(/messages\[0\]\.role: expected one of .*"user".*got "robot"/);

    const cases: [unknown, string, RegExp][] = [
      [{ messages: [{ role: "user", content: "hi" }] }, "model", /model: expected string/],
      [{ model: "m1", messages: [] }, "messages", /messages: expected array to have >=1 items/],
      [
        { model: "m1", messages: [{ role: "user", content: "hi" }], temperature: 7 },
        "temperature",
        /temperature/,
      ],
      [
        {
          model: "m1",
          messages: [{ role: "user", content: [{ type: "video", video: { url: "x" } }] }],
        },
        "messages[0].content[0].type",
        /messages\[0\]\.content\[0\]\.type: expected a content part of type "text", "image_url", "input_audio", "file" or "refusal"/,
      ],
      [
        {
          model: "m1",
          messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "" } }] }],
        },
        "messages[0].content[0].image_url.url",
        /messages\[0\]\.content\[0\]\.image_url\.url/,
      ],
      [
        { model: "m1", messages: [{ role: "user", content: "hi" }], tools: [{ type: "function" }] },
        "tools[0].function",
        /tools\[0\]\.function: expected object/,
      ],
      [
        { model: "m1", messages: [{ role: "tool", content: "sunny" }] },
        "messages[0].tool_call_id",
        /messages\[0\]\.tool_call_id: required on a tool message/,
      ],
      [
        { model: "m1", messages: [{ role: "user", content: null }] },
        "messages[0].content",
        /may be null only on an assistant message with tool_calls/,
      ],
      [{ model: "m1", messages: [{ role: "user", content: "hi" }], n: 0 }, "n", /n: /],
    ];
    for (const [body, param, message] of cases) {
      const response = await post(body);
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as {
        error: { message: string; param: string; type: string };
      };
      expect(error.param).toBe(param);
      expect(error.message).toMatch(message);
    }
    const broken = await post("{not json");
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
  });

  it("answers 400 naming a bad x-modelmux-* header", async () => {
    const failure = await failureOf(
      gateway.client.chat.completions.create(
        { model: "m1", messages: [{ role: "user", content: "hi" }] },
        { headers: { "x-modelmux-routing": "fastest-please" } },
      ),
    );
    expect(failure.status).toBe(400);
    expect(failure.param).toBe("x-modelmux-routing");
    const ttl = await post(
      { model: "m1", messages: [{ role: "user", content: "hi" }] },
      { "x-modelmux-cache-ttl": "5" },
    );
    expect(ttl.status).toBe(400);
    expect(await ttl.text()).toMatch(/x-modelmux-cache-ttl: expected whole seconds from 10/);
  });

  it("answers 404 model_not_found for an unknown model, with suggestions", async () => {
    const failure = await failureOf(
      gateway.client.chat.completions.create({ model: "m3", messages: [{ role: "user", content: "hi" }] }),
    );
    expect(failure.status).toBe(404);
    expect(failure.code).toBe("model_not_found");
    expect(failure.param).toBe("model");
    expect(failure.message).toMatch(/unknown model "m3"; did you mean/);
  });

  it("answers 503 when no enabled provider serves the model", async () => {
    const failure = await failureOf(
      gateway.client.chat.completions.create({
        model: "gpt-4o",
        messages: [{ role: "user", content: "hi" }],
      }),
    );
    expect(failure.status).toBe(503);
    expect(failure.code).toBe("no_provider");
    expect(failure.message).toMatch(/OPENAI_API_KEY/);
  });

  it("passes an upstream 400 through with the provider's message and without its key", async () => {
    gateway.pa.enqueue({
      type: "status",
      status: 400,
      body: { error: { message: `context too long for key ${SECRET_KEY}`, type: "invalid_request_error" } },
    });
    const failure = await failureOf(
      gateway.client.chat.completions.create({ model: "m1", messages: [{ role: "user", content: "hi" }] }),
    );
    expect(failure.status).toBe(400);
    expect(failure.message).toMatch(/context too long/);
    expect(failure.message).not.toContain(SECRET_KEY);
    expect(gateway.pb.requests).toHaveLength(0);
  });

  it("answers 502 when every attempt fails, with the attempt count", async () => {
    for (const upstream of [gateway.pa, gateway.pb]) upstream.setDefault({ type: "status", status: 500 });
    const failure = await failureOf(
      gateway.client.chat.completions.create({ model: "m1", messages: [{ role: "user", content: "hi" }] }),
    );
    expect(failure.status).toBe(502);
    expect(failure.type).toBe("upstream_error");
    expect(failure.headers?.get("x-modelmux-attempts")).toBe("3");
  });

  it("answers 404 and 405 for unknown routes and methods", async () => {
    const missing = await fetch(`${gateway.server.url}/v1/audio/speech`, { method: "POST" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { type: "not_found" } });
    const wrong = await fetch(`${gateway.server.url}/v1/chat/completions`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
  });
});

describe("/v1 with virtual keys", () => {
  let keyed: GatewayFixture;
  beforeEach(async () => {
    keyed = await startGateway({
      keys: [
        { name: "team-a", sha256: sha256Hex("token-a"), models: ["m1", "pb/*"] },
        { name: "team-b", sha256: sha256Hex("token-b"), rpm: 1 },
      ],
    });
  });
  afterEach(async () => {
    await keyed.close();
  });

  it("needs a valid bearer token, enforces allowed models and the rpm limit", async () => {
    const hi = { model: "m1", messages: [{ role: "user" as const, content: "hi" }] };
    const anonymous = await failureOf(keyed.client.chat.completions.create(hi));
    expect(anonymous.status).toBe(401);
    const teamA = keyed.clientWith("token-a");
    expect((await teamA.chat.completions.create(hi)).choices[0]?.message.content).toBe("hi");
    const forbidden = await failureOf(teamA.chat.completions.create({ ...hi, model: "m2" }));
    expect(forbidden.status).toBe(403);
    expect(forbidden.message).toMatch(/model "m2" is not allowed for key "team-a"/);
    const fallback = await failureOf(
      teamA.chat.completions.create(hi, { headers: { "x-modelmux-fallback-models": "m2" } }),
    );
    expect(fallback.status).toBe(403);
    const models = await teamA.models.list();
    // A bare model id allows it on every provider.
    expect(models.data.map((model) => model.id).sort()).toEqual(["m1", "pa/m1", "pb/m1"]);

    const teamB = keyed.clientWith("token-b");
    await teamB.chat.completions.create(hi);
    const limited = await failureOf(teamB.chat.completions.create(hi));
    expect(limited.status).toBe(429);
    expect(limited.headers?.get("retry-after")).toMatch(/^\d+$/);
  });
});
