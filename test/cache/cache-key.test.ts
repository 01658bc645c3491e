import { describe, expect, it } from "vitest";
import { cacheKey, canonicalJson } from "../../src/cache/index.js";
import type { CacheKeyInput } from "../../src/core/hooks.js";

const base: CacheKeyInput = {
  route: { model: "gpt-4o", task: null, fallbacks: [] },
  messages: [
    { role: "system", content: "Be terse." },
    { role: "user", content: "Translate 'good morning' into French." },
  ],
  params: { temperature: 0, maxTokens: 50 },
  jsonSchema: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] },
  namespace: "team-a",
};

describe("canonicalJson", () => {
  it("sorts keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it("drops undefined properties like JSON does", () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson([undefined, Number.NaN])).toBe("[null,null]");
  });
});

describe("cache key", () => {
  it("is a namespaced sha256", () => {
    expect(cacheKey(base)).toMatch(/^v2:team-a:[0-9a-f]{64}$/);
  });

  it("does not depend on key order", () => {
    const reordered: CacheKeyInput = {
      namespace: "team-a",
      jsonSchema: { required: ["answer"], properties: { answer: { type: "string" } }, type: "object" },
      params: { maxTokens: 50, temperature: 0 },
      messages: base.messages.map((message) => ({ content: message.content, role: message.role })),
      route: { fallbacks: [], task: null, model: "gpt-4o" },
    };
    expect(cacheKey(reordered)).toBe(cacheKey(base));
  });

  it("ignores fields that do not change the answer (metadata, caller, stray message fields)", () => {
    const noisy = {
      ...base,
      metadata: { trace: "abc" },
      caller: { key: "team-a", tool: "route_completion" },
      messages: base.messages.map((message) => ({ ...message, id: Math.random() })),
    };
    expect(cacheKey(noisy)).toBe(cacheKey(base));
  });

  it("changes with the route, every message, every parameter and the schema", () => {
    const variants: CacheKeyInput[] = [
      { ...base, route: { ...base.route, model: "gpt-4o-mini" } },
      { ...base, route: { model: "auto", task: "chat", fallbacks: [] } },
      { ...base, messages: [...base.messages].reverse() },
      { ...base, messages: [base.messages[0] as CacheKeyInput["messages"][number]] },
      { ...base, messages: base.messages.map((message) => ({ ...message, content: `${message.content} ` })) },
      { ...base, messages: base.messages.map((message) => ({ ...message, role: "user" as const })) },
      { ...base, params: { ...base.params, temperature: 0.7 } },
      { ...base, params: { ...base.params, maxTokens: 51 } },
      { ...base, params: { ...base.params, cascade: true } },
      { ...base, params: { ...base.params, forwarded: { seed: 42 } } },
      { ...base, params: { ...base.params, forwarded: { stop: ["\n"] } } },
      {
        ...base,
        params: {
          ...base.params,
          forwarded: { tools: [{ type: "function", function: { name: "get_weather" } }] },
        },
      },
      { ...base, messages: [...base.messages, { role: "user", content: "x", name: "ann" }] },
      {
        ...base,
        messages: [
          ...base.messages,
          {
            role: "user",
            content: [
              { type: "text", text: "x" },
              { type: "image_url", image_url: { url: "https://example.com/a.png" } },
            ],
          },
        ],
      },
      {
        ...base,
        messages: [
          ...base.messages,
          {
            role: "user",
            content: [
              { type: "text", text: "x" },
              { type: "image_url", image_url: { url: "https://example.com/b.png" } },
            ],
          },
        ],
      },
      {
        ...base,
        messages: [
          ...base.messages,
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: "{}" } }],
          },
          { role: "tool", tool_call_id: "call_1", content: "sunny" },
        ],
      },
      {
        ...base,
        messages: [
          ...base.messages,
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: '{"a":1}' } }],
          },
          { role: "tool", tool_call_id: "call_1", content: "sunny" },
        ],
      },
      { ...base, jsonSchema: { type: "object" } },
      { ...base, jsonSchema: undefined },
    ];
    const keys = new Set([cacheKey(base), ...variants.map(cacheKey)]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it("separates tenants, even with names that look like key parts", () => {
    const keys = ["team-a", "team-b", "team-a:v1", "", "local"].map((namespace) =>
      cacheKey({ ...base, namespace }),
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[1]?.endsWith((keys[0] ?? "").split(":").at(-1) ?? "")).toBe(true);
  });
});
