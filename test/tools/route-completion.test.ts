import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeUpstream } from "../support/fake-upstream.js";
import { connectInMemory, errorText, structured } from "../support/in-memory-server.js";
import { type RoutingFixture, SECRET_KEY, startRoutingFixture } from "../support/routing-fixture.js";

interface Answer {
  text: string;
  json?: unknown;
  model: string;
  provider: string;
  usage: { input: number; output: number; cached: number };
  cost_usd: number;
  cache: string;
  attempts: { provider: string; outcome: string; status?: number; error?: string }[];
  routing: { reason: string; candidates: { deployment: string; score: number; available: boolean }[] };
}

let fixture: RoutingFixture;
const route = (args: Record<string, unknown>) =>
  fixture.session.client.callTool({ name: "route_completion", arguments: args });
const totalRequests = () =>
  fixture.pa.requests.length + fixture.pb.requests.length + fixture.pc.requests.length;

beforeEach(async () => {
  fixture = await startRoutingFixture();
});
afterEach(async () => {
  await fixture.close();
});

describe("route_completion", () => {
  it("answers from the best deployment and prices the real usage", async () => {
    fixture.pa.enqueue({
      type: "ok",
      text: "Bonjour",
      usage: { prompt_tokens: 1200, completion_tokens: 300 },
    });
    const answer = structured<Answer>(await route({ prompt: "Say hello in French", model: "m1" }));
    expect(answer.text).toBe("Bonjour");
    expect(answer.provider).toBe("pa");
    expect(answer.usage).toEqual({ input: 1200, output: 300, cached: 0 });
    expect(answer.cost_usd).toBeCloseTo((1200 * 1 + 300 * 2) / 1_000_000, 12);
    expect(answer.attempts).toEqual([expect.objectContaining({ provider: "pa", outcome: "ok" })]);
    expect(answer.routing.candidates.map((candidate) => candidate.deployment)).toEqual(["pa/m1", "pb/m1"]);
    expect(fixture.pa.requests[0]?.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
  });

  it.each([
    { type: "status", status: 500 },
    { type: "reset" },
    { type: "malformed" },
    { type: "timeout" },
  ] as const)("fails over on $type and reports each attempt", async (fault) => {
    fixture.pa.enqueue(fault);
    const answer = structured<Answer>(await route({ prompt: `after ${fault.type}`, model: "m1" }));
    expect(answer.provider).toBe("pb");
    expect(answer.attempts.map((attempt) => `${attempt.provider}:${attempt.outcome}`)).toEqual([
      `pa:${fault.type === "timeout" ? "timeout" : "error"}`,
      "pb:ok",
    ]);
    expect(answer.text).toBe(`after ${fault.type}`);
  });

  it("fails fast on a non-retryable error with the provider's message and no key", async () => {
    fixture.pa.enqueue({
      type: "status",
      status: 400,
      body: { error: { message: `bad request for key ${SECRET_KEY}`, type: "invalid_request_error" } },
    });
    const text = errorText(await route({ prompt: "hi", model: "m1" }));
    expect(text).toMatch(/PROVIDER_CALL_FAILED/);
    expect(text).toMatch(/bad request/);
    expect(text).not.toContain(SECRET_KEY);
    expect(fixture.pb.requests).toHaveLength(0);
  });

  it("says no provider was tried when the deadline passes before the first attempt", async () => {
    const upstream = await startFakeUpstream();
    const session = await connectInMemory({
      providers: {
        lab: {
          baseURL: upstream.url,
          models: { big: { price: { input: 1, output: 2 }, contextWindow: 1_000_000 } },
        },
      },
      routing: { timeoutMs: 100 },
    });
    try {
      // Counting and screening ~900,000 characters takes longer than the whole 100 ms deadline.
      const words = ["ledger", "invoice", "harbour", "quartz", "meadow", "static", "orbit", "lantern"];
      const prompt = Array.from({ length: 110_000 }, (_, index) => words[(index * 7) % 8]).join(" ");
      const text = errorText(
        await session.client.callTool({ name: "route_completion", arguments: { prompt, model: "big" } }),
      );
      expect(text).toMatch(
        /PROVIDER_CALL_FAILED: no provider was tried: the request's deadline \(routing\.timeoutMs\) passed first/,
      );
      expect(upstream.requests).toHaveLength(0);
    } finally {
      await session.close();
      await upstream.close();
    }
  });

  it("never exceeds the attempt cap, across providers and fallback models", async () => {
    for (const upstream of [fixture.pa, fixture.pb, fixture.pc])
      upstream.setDefault({ type: "status", status: 503 });
    const text = errorText(await route({ prompt: "hi", model: "m1", fallback_models: ["m2"] }));
    expect(text).toMatch(/attempt cap \(3\) reached/);
    expect(totalRequests()).toBe(3);
    expect(text).not.toContain(SECRET_KEY);
  });

  it("moves on to fallback models when every provider of the model fails", async () => {
    fixture.pa.enqueue({ type: "status", status: 502 });
    fixture.pb.enqueue({ type: "status", status: 502 });
    const answer = structured<Answer>(await route({ prompt: "hi", model: "m1", fallback_models: ["m2"] }));
    expect(answer.model).toBe("m2");
    expect(answer.provider).toBe("pc");
    expect(answer.attempts.map((attempt) => attempt.outcome)).toEqual(["error", "error", "ok"]);
  });

  it("honours Retry-After: skips the deployment while it cools down, and waits when it is the only one", async () => {
    fixture.pa.enqueue({ type: "status", status: 429, retryAfter: 1 });
    const first = structured<Answer>(await route({ prompt: "one", model: "m1" }));
    expect(
      first.attempts.map((attempt) => `${attempt.provider}:${attempt.status ?? attempt.outcome}`),
    ).toEqual(["pa:429", "pb:ok"]);
    const second = structured<Answer>(await route({ prompt: "two", model: "m1" }));
    expect(second.provider).toBe("pb");
    expect(second.attempts).toHaveLength(1);
    expect(second.routing.candidates.find((candidate) => candidate.deployment === "pa/m1")?.available).toBe(
      false,
    );

    fixture.pc.enqueue({ type: "status", status: 429, retryAfter: 1 });
    const started = Date.now();
    const pinned = structured<Answer>(await route({ prompt: "three", model: "pc/m2" }));
    expect(pinned.provider).toBe("pc");
    expect(pinned.attempts.map((attempt) => attempt.outcome)).toEqual(["error", "ok"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("validates json_schema output, re-asks with the errors, and fails clearly when it never fits", async () => {
    const schema = {
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
      additionalProperties: false,
    };
    fixture.pa.enqueue(
      { type: "json", value: { town: "Paris" } },
      { type: "json", value: { city: "Paris" } },
    );
    const answer = structured<Answer>(
      await route({ prompt: "capital of France as JSON", model: "pa/m1", json_schema: schema }),
    );
    expect(answer.json).toEqual({ city: "Paris" });
    expect(answer.attempts.map((attempt) => attempt.outcome)).toEqual(["invalid_output", "ok"]);
    const reask = fixture.pa.requests[1]?.body as { messages: { role: string; content: string }[] };
    expect(reask.messages.at(-1)?.content).toMatch(/must have required property 'city'/);
    expect(answer.cost_usd).toBeGreaterThan(0);

    fixture.pa.setDefault({ type: "ok", text: "not json at all" });
    const text = errorText(await route({ prompt: "again", model: "pa/m1", json_schema: schema }));
    expect(text).toMatch(/SCHEMA_VALIDATION_FAILED/);
    expect(text).toMatch(/not valid JSON/);
    expect(fixture.pa.requests).toHaveLength(2 + 3);
  });

  it("routes auto to the cheapest fitting tier, honours capability needs, and cascades on invalid output", async () => {
    const auto = structured<Answer>(await route({ prompt: "classify: spam?", task: "classification" }));
    expect(auto.model).toBe("m1");
    expect(auto.routing.reason).toMatch(/cheapest fitting tier small/);
    const vision = structured<Answer>(
      await route({ prompt: "describe", constraints: { needs: ["vision"] } }),
    );
    expect(vision.model).toBe("m2");

    fixture.pa.enqueue({ type: "ok", text: "nope" });
    const cascade = structured<Answer>(
      await route({
        prompt: "json please",
        cascade: true,
        json_schema: { type: "object", required: ["echo"] },
      }),
    );
    expect(cascade.model).toBe("m2");
    expect(cascade.attempts.map((attempt) => `${attempt.provider}:${attempt.outcome}`)).toEqual([
      "pa:invalid_output",
      "pc:ok",
    ]);
  });

  it("sends progress notifications naming each attempt", async () => {
    fixture.pa.enqueue({ type: "status", status: 500 });
    const messages: string[] = [];
    const result = await fixture.session.client.callTool(
      { name: "route_completion", arguments: { prompt: "hi", model: "m1" } },
      undefined,
      {
        onprogress: (progress) => {
          if (progress.message) messages.push(progress.message);
        },
      },
    );
    expect(structured<Answer>(result).provider).toBe("pb");
    expect(messages).toContain("pa: 500 → trying pb/m1");
  });

  it("opens the breaker after consecutive failures and closes it after a successful probe", async () => {
    const breakerOf = async () =>
      structured<{ deployments: { deployment: string; breaker: string }[] }>(
        await fixture.session.client.callTool({ name: "provider_health", arguments: { model: "m1" } }),
      ).deployments.find((row) => row.deployment === "pa/m1")?.breaker;
    fixture.pa.enqueue({ type: "status", status: 500 }, { type: "status", status: 500 });
    await route({ prompt: "a", model: "pa/m1", fallback_models: ["m2"] });
    await route({ prompt: "b", model: "pa/m1", fallback_models: ["m2"] });
    expect(await breakerOf()).toBe("open");
    const during = structured<Answer>(await route({ prompt: "c", model: "pa/m1", fallback_models: ["m2"] }));
    expect(during.attempts.map((attempt) => attempt.provider)).toEqual(["pc"]);
    expect(fixture.pa.requests).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const after = structured<Answer>(await route({ prompt: "d", model: "pa/m1", fallback_models: ["m2"] }));
    expect(after.provider).toBe("pa");
    expect(await breakerOf()).toBe("closed");
  });

  it("refuses bad input naming the field, and the server stays up", async () => {
    expect(errorText(await route({ model: "m1" }))).toMatch(/prompt/);
    expect(errorText(await route({ prompt: "x", messages: [{ role: "user", content: "y" }] }))).toMatch(
      /not both/,
    );
    expect(errorText(await route({ prompt: "x", model: "nope" }))).toMatch(/unknown model "nope"/);
    expect(errorText(await route({ prompt: "x", temperature: 5 }))).toMatch(/temperature/);
    expect(errorText(await route({ prompt: "x", cache: { ttl_s: 5 } }))).toMatch(/ttl_s/);
    expect(errorText(await route({ prompt: "x", model: "m1", json_schema: { type: "nonsense" } }))).toMatch(
      /json_schema: not a valid JSON Schema/,
    );
    expect(structured<Answer>(await route({ prompt: "still here", model: "m1" })).text).toBe("still here");
  });
});

describe("route_completion without providers", () => {
  it("lists the environment variables that would enable a provider, while other tools keep working", async () => {
    const session = await connectInMemory({}, {});
    const text = errorText(
      await session.client.callTool({ name: "route_completion", arguments: { prompt: "hi" } }),
    );
    expect(text).toMatch(/NO_PROVIDER/);
    for (const variable of ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GROQ_API_KEY", "GEMINI_API_KEY"])
      expect(text).toContain(variable);
    const pinned = errorText(
      await session.client.callTool({
        name: "route_completion",
        arguments: { prompt: "hi", model: "llama-3.3-70b" },
      }),
    );
    expect(pinned).toMatch(/GROQ_API_KEY \(groq\)/);
    // A priced-only model: the answer says no enabled provider serves it and how to add one.
    const pricedOnly = errorText(
      await session.client.callTool({
        name: "route_completion",
        arguments: { prompt: "hi", model: "gpt-5.1" },
      }),
    );
    expect(pricedOnly).toMatch(/priced only.*providers\.openai\.models\["gpt-5\.1"\]/);
    const estimate = structured<{ rows: unknown[] }>(
      await session.client.callTool({ name: "estimate_cost", arguments: { text: "hi", models: ["gpt-4o"] } }),
    );
    expect(estimate.rows.length).toBeGreaterThan(0);
    await session.close();
  });
});

describe("compare_models with run: true", () => {
  let runFixture: RoutingFixture;
  beforeEach(async () => {
    runFixture = await startRoutingFixture();
  });
  afterEach(async () => {
    await runFixture.close();
  });

  it("runs the prompt on every model concurrently and reports each answer or error", async () => {
    runFixture.pa.enqueue({
      type: "ok",
      text: "answer from m1",
      usage: { prompt_tokens: 10, completion_tokens: 5 },
    });
    runFixture.pc.enqueue({ type: "status", status: 400, body: { error: { message: "model m2 refused" } } });
    const result = structured<{
      models: {
        id: string;
        run?: { ok: boolean; text?: string; cost_usd: number; error?: string; tokens_in: number };
      }[];
    }>(
      await runFixture.session.client.callTool({
        name: "compare_models",
        arguments: { models: ["pa/m1", "m2"], prompt: "Say hi", run: true, max_tokens: 20 },
      }),
    );
    const [m1, m2] = result.models;
    expect(m1?.run).toMatchObject({ ok: true, text: "answer from m1", tokens_in: 10 });
    expect(m1?.run?.cost_usd).toBeCloseTo((10 * 1 + 5 * 2) / 1_000_000, 12);
    expect(m2?.run).toMatchObject({ ok: false });
    expect(m2?.run?.error).toMatch(/model m2 refused/);
    expect(
      errorText(
        await runFixture.session.client.callTool({
          name: "compare_models",
          arguments: { models: ["m1", "m2"], run: true },
        }),
      ),
    ).toMatch(/prompt: required when run is true/);
  });
});
