import { describe, expect, it } from "vitest";
import { parseChatBody, parseChatBodyWithSchema } from "../../src/api/chat-request.js";
import { plainChatInput } from "../../src/api/plain-chat-body.js";
import { MAX_TEXT_CHARS } from "../../src/tools/schemas.js";

/** A small seeded generator (mulberry32), so a failure names a body that can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick, chance: (p: number) => next() < p };
}

type Random = ReturnType<typeof random>;
const ABSENT = Symbol("absent");
const TOO_LONG = "y".repeat(MAX_TEXT_CHARS + 1);

/** Shuffles an object's keys, so the input order differs from the schema's. */
function shuffled(rng: Random, entries: [string, unknown][]): Record<string, unknown> {
  const kept = entries.filter(([, value]) => value !== ABSENT);
  for (let i = kept.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [kept[i], kept[j]] = [kept[j] as [string, unknown], kept[i] as [string, unknown]];
  }
  return Object.fromEntries(kept);
}

function message(rng: Random): unknown {
  if (rng.chance(0.02)) return rng.pick([null, "hi", 3, []]);
  const role = rng.chance(0.95)
    ? rng.pick(["system", "developer", "user", "assistant"])
    : rng.pick(["tool", "bogus", 1, ABSENT]);
  const content = rng.chance(0.93)
    ? rng.pick(["Say hello in French.", "", "ünïcode ✓ 漢字", "x".repeat(200)])
    : rng.pick([
        null,
        5,
        ABSENT,
        [{ type: "text", text: "a part" }],
        [],
        [{ type: "image_url", image_url: { url: "https://example.com/a.png" } }],
        TOO_LONG,
      ]);
  return shuffled(rng, [
    ["role", role],
    ["content", content],
    ["name", rng.chance(0.85) ? ABSENT : rng.pick(["alice", "", "n".repeat(257), 7, undefined])],
    ["tool_call_id", rng.chance(0.95) ? ABSENT : "call_1"],
    ["refusal", rng.chance(0.95) ? ABSENT : rng.pick([null, "no"])],
    [
      "tool_calls",
      rng.chance(0.97) ? ABSENT : [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }],
    ],
    ["cache_control", rng.chance(0.95) ? ABSENT : { type: "ephemeral" }],
  ]);
}

function body(rng: Random): unknown {
  if (rng.chance(0.02)) return rng.pick([null, [], "body", 1]);
  // Over the 1,000-message cap: plain messages, so the body stays small.
  const tooMany = rng.chance(0.03);
  const count = tooMany ? 1001 : rng.chance(0.97) ? 1 + Math.floor(rng.next() * 4) : 0;
  const messages = tooMany
    ? Array.from({ length: count }, () => ({ role: "user", content: "hi" }))
    : Array.from({ length: count }, () => message(rng));
  const field = (p: number, values: readonly unknown[]) => (rng.chance(p) ? rng.pick(values) : ABSENT);
  return shuffled(rng, [
    [
      "model",
      rng.chance(0.95) ? rng.pick(["gpt-4o-mini", "auto", "openai/gpt-4o"]) : rng.pick(["", 4, ABSENT]),
    ],
    ["messages", rng.chance(0.97) ? messages : rng.pick([{}, "m", ABSENT])],
    ["temperature", field(0.3, [0, 0.7, 2, null, -0.1, 2.5, "1", Number.NaN])],
    ["max_tokens", field(0.3, [1, 64, 1_000_000, null, 0, 1.5, 2_000_000, "9"])],
    ["max_completion_tokens", field(0.15, [32, null, -1])],
    ["stream", field(0.3, [true, false, null, "yes"])],
    [
      "stream_options",
      field(0.15, [
        { include_usage: true },
        { include_usage: false },
        {},
        null,
        { include_usage: "y" },
        { include_usage: true, extra: 1 },
        [],
      ]),
    ],
    ["response_format", field(0.05, [{ type: "text" }, { type: "json_object" }, null, { type: "xml" }])],
    ["tools", field(0.05, [[], null, [{ type: "function", function: { name: "f" } }]])],
    ["n", field(0.05, [1, 3, null, 0])],
    ["stop", field(0.2, [["\n"], "END", null])],
    ["seed", field(0.2, [42, null])],
    ["user", field(0.1, ["u-1"])],
    ["top_p", field(0.1, [0.1])],
    ["logit_bias", field(0.05, [{ "50256": -100 }])],
    ["metadata", field(0.05, [{ a: "b" }])],
  ]);
}

/** A value's full shape, key order and undefined-valued keys included (toStrictEqual ignores order). */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value && typeof value === "object")
    return Object.entries(value).map(([key, item]) => [
      key,
      item === undefined ? "<undefined>" : ordered(item),
    ]);
  return value;
}

function outcome(parse: (body: unknown) => unknown, input: unknown) {
  try {
    return { ok: ordered(parse(input)) };
  } catch (error) {
    const failure = error as { code?: string; message: string; data?: unknown };
    return { error: [failure.code, failure.message, ordered(failure.data)] };
  }
}

describe("plain chat body fast path", () => {
  it("gives what the zod schema gives for 6,000 generated bodies, results and errors alike", () => {
    const rng = random(16);
    let fast = 0;
    let refused = 0;
    for (let index = 0; index < 6_000; index++) {
      // Through JSON, as the HTTP handler receives it (no undefined, no symbols, own plain objects).
      const text = JSON.stringify(body(rng));
      const input = text === undefined ? undefined : JSON.parse(text);
      const schema = outcome(parseChatBodyWithSchema, input);
      const parsed = outcome(parseChatBody, input);
      if (JSON.stringify(parsed) !== JSON.stringify(schema))
        expect({ input: text, parsed }).toEqual({ input: text, parsed: schema });
      if (plainChatInput(input) !== undefined) {
        fast++;
        expect(schema.ok).toBeDefined();
      }
      if (schema.error) refused++;
    }
    // Both paths were exercised: many bodies take the fast path, many are refused by the schema.
    expect(fast).toBeGreaterThan(1_000);
    expect(refused).toBeGreaterThan(1_000);
  });

  it("takes the plain request's shape and keeps the schema's key order", () => {
    const input = JSON.parse(
      '{"stop":["\\n"],"messages":[{"content":"hi","name":"bob","role":"user"}],"seed":null,"model":"m","user":"u","stream":true,"stream_options":{"include_usage":true},"temperature":0.2,"max_tokens":9}',
    );
    const fast = plainChatInput(input);
    expect(fast).toBeDefined();
    expect(ordered(fast)).toEqual(ordered(parseChatBodyWithSchema(input)));
    expect(Object.keys(fast?.params ?? {})).toEqual(["stop", "user"]);
    expect(Object.keys(fast?.messages[0] ?? {})).toEqual(["role", "content", "name"]);
  });

  it("leaves a body with a __proto__ field, a tool message or text near the caps to the schema", () => {
    const plain = { model: "m", messages: [{ role: "user", content: "hi" }] };
    expect(
      plainChatInput(
        JSON.parse('{"__proto__":{"x":1},"model":"m","messages":[{"role":"user","content":"a"}]}'),
      ),
    ).toBeUndefined();
    expect(
      plainChatInput({ ...plain, messages: [{ role: "tool", content: "r", tool_call_id: "c" }] }),
    ).toBeUndefined();
    expect(
      plainChatInput({ ...plain, messages: [{ role: "user", content: "z".repeat(700_000) }] }),
    ).toBeUndefined();
    expect(() =>
      parseChatBody({
        ...plain,
        messages: Array.from({ length: 3 }, () => ({ role: "user", content: "€".repeat(300_000) })),
      }),
    ).toThrow(/over 2,000,000 bytes/);
    expect(plainChatInput(plain)).toBeDefined();
  });
});
