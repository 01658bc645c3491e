import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpProcess, type LabServer, spawnLabServer } from "../support/cli-process.js";
import type { FakeUpstream } from "../support/fake-upstream.js";
import { serverLagMaxMs, withStallProbe } from "../support/stall-probe.js";

/**
 * Work that cannot be cut into short steps runs on the worker thread (src/workers/offload.ts): a
 * guardrail check of long text (one detector scanned 1 MB of e-mail addresses for over a second in
 * one go), a large caller schema's compile, a check against `uniqueItems` (quadratic in the
 * answer). The built server runs in its own process; a second client asks /healthz throughout.
 * The bound is generous (the budget is 50 ms; `npm run bench` prints the real figures).
 */
const STALL_BOUND_MS = 1000;

let lab: LabServer;
let upstream: FakeUpstream;
let server: HttpProcess;

beforeAll(async () => {
  lab = await spawnLabServer({
    lab: {
      models: {
        m1: { price: { input: 1, output: 2 }, contextWindow: 2_000_000, capabilities: ["json", "vision"] },
      },
      embeddingModels: { e1: { price: { input: 0.1 }, dimensions: 64 } },
    },
    config: { guardrails: { input: { pii: "block" } } },
  });
  ({ server, upstream } = lab);
  // Loading the tokenizer, the detectors and Ajv is start-up work, not a request's.
  expect((await chat([{ role: "user", content: "warm up" }])).status).toBe(200);
}, 30_000);

afterAll(async () => {
  await lab?.stop();
});

function chat(messages: unknown[], extra: Record<string, unknown> = {}) {
  return fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "lab/m1", messages, ...extra }),
  });
}

function mcpCall(name: string, args: Record<string, unknown>) {
  return fetch(`${server.url}/mcp`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } }),
  });
}

function schemaFormat(schema: Record<string, unknown>) {
  return { response_format: { type: "json_schema", json_schema: { name: "answer", schema } } };
}

/** 990 KB of e-mail addresses: the PII detector's slowest input here. */
const EMAILS = "jane.doe@example.com and ".repeat(39_600);

describe("long work runs off the event loop (issue 21)", () => {
  it("screens 990 KB of e-mail addresses through /v1, blocking them, while /healthz stays quick", async () => {
    const { result, stallMs } = await withStallProbe(server.url, async () => {
      const response = await chat([{ role: "user", content: EMAILS }]);
      return { status: response.status, body: await response.text() };
    });
    expect(result.status, result.body.slice(0, 300)).toBe(400);
    expect(result.body.slice(0, 300)).toMatch(/guardrails: the request was blocked .*pii\/email/);
    expect(
      upstream.requests.filter((request) => JSON.stringify(request.body).includes("jane.doe")),
    ).toHaveLength(0);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 120_000);

  it("check_guardrails redacts 990 KB of e-mail addresses while /healthz stays quick", async () => {
    const { result, stallMs } = await withStallProbe(server.url, async () => {
      const response = await mcpCall("check_guardrails", { text: EMAILS, policy: { pii: "redact" } });
      return (await response.json()) as {
        result: {
          structuredContent: {
            action: string;
            findings: unknown[];
            findings_omitted: number;
            redacted_text: string;
          };
        };
      };
    });
    const checked = result.result.structuredContent;
    expect(checked.action).toBe("redact");
    // The first 1,000 are listed, the rest counted: listing 39,600 held the server up for a second.
    expect(checked.findings).toHaveLength(1000);
    expect(checked.findings_omitted).toBe(38_600);
    // The same address gets the same placeholder throughout.
    expect(checked.redacted_text.startsWith("[EMAIL_1] and [EMAIL_1] and ")).toBe(true);
    expect(checked.redacted_text).not.toContain("jane.doe");
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 120_000);

  it("check_guardrails redacts 38,000 distinct e-mail addresses while /healthz stays quick", async () => {
    // One placeholder each: rebuilding their Map from the worker thread's reply took over 100 ms.
    const addresses = Array.from({ length: 38_000 }, (_, index) => `u${index}@ex.io`).join(" ");
    const { result, stallMs } = await withStallProbe(server.url, async () => {
      const response = await mcpCall("check_guardrails", { text: addresses, policy: { pii: "redact" } });
      return (await response.json()) as {
        result: { structuredContent: { action: string; findings_omitted: number; redacted_text: string } };
      };
    });
    const checked = result.result.structuredContent;
    expect(checked.action).toBe("redact");
    expect(checked.findings_omitted).toBe(37_000);
    expect(checked.redacted_text.startsWith("[EMAIL_1] [EMAIL_2] [EMAIL_3] ")).toBe(true);
    expect(checked.redacted_text.endsWith(" [EMAIL_38000]")).toBe(true);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 120_000);

  it("forwards a 4 MiB body carrying a 3 MB image with no long event-loop delay on the server", async () => {
    const image = `data:image/png;base64,${"QUJD".repeat(1_000_000)}`;
    upstream.setDefault({ type: "ok", text: "a picture" });
    // The fake upstream reads the 4 MB in this very process: the server's own delay is read.
    await serverLagMaxMs(server.url);
    const response = await chat([
      {
        role: "user",
        content: [
          { type: "text", text: "what is this?" },
          { type: "image_url", image_url: { url: image } },
        ],
      },
    ]);
    const stallMs = await serverLagMaxMs(server.url);
    expect(response.status, await response.text()).toBe(200);
    const forwarded = JSON.stringify(upstream.requests.at(-1)?.body);
    expect(forwarded).toContain(image);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 120_000);

  it("compiles the largest schema accepted (195 properties with patterns) while /healthz stays quick", async () => {
    const properties = Object.fromEntries(
      Array.from({ length: 195 }, (_, index) => [`p${index}`, { type: "string", pattern: `^x${index}$` }]),
    );
    upstream.setDefault({ type: "json", value: { p0: "x0", p7: "x7" } });
    const { result, stallMs } = await withStallProbe(server.url, async () => {
      const response = await chat(
        [{ role: "user", content: "answer in JSON" }],
        schemaFormat({ type: "object", properties }),
      );
      return { status: response.status, body: await response.text() };
    });
    expect(result.status, result.body.slice(0, 300)).toBe(200);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
    // A pattern is still enforced, on the worker thread: p1 must be "x1".
    upstream.setDefault({ type: "json", value: { p1: "nope" } });
    const invalid = await chat(
      [{ role: "user", content: "answer in JSON" }],
      schemaFormat({ type: "object", properties }),
    );
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toMatch(/p1 must match pattern/);
  }, 120_000);

  it("checks an answer of 6,000 objects against uniqueItems while /healthz stays quick", async () => {
    const items = Array.from({ length: 6000 }, (_, index) => ({ id: index, name: `item ${index}` }));
    const schema = {
      type: "object",
      properties: { items: { type: "array", uniqueItems: true, items: { type: "object" } } },
      required: ["items"],
    };
    upstream.setDefault({ type: "json", value: { items } });
    const { result, stallMs } = await withStallProbe(server.url, async () => {
      const response = await chat([{ role: "user", content: "list them" }], {
        ...schemaFormat(schema),
        max_tokens: 200_000,
      });
      return { status: response.status, body: await response.text() };
    });
    expect(result.status, result.body.slice(0, 300)).toBe(200);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
    // And a duplicate is still caught.
    upstream.setDefault({ type: "json", value: { items: [...items, items[17]] } });
    const duplicate = await chat([{ role: "user", content: "list them" }], {
      ...schemaFormat(schema),
      max_tokens: 200_000,
    });
    expect(duplicate.status).toBe(422);
    expect(await duplicate.text()).toMatch(/duplicate items/);
  }, 180_000);
});

describe("request bodies are bounded by what parsing them costs (issue 21)", () => {
  it("refuses a body of over 20,000 JSON values with a 413 naming the limit, without a stall", async () => {
    // 60,000 distinct keys in one object: the slowest shape for JSON.parse (a dictionary-mode object).
    const keys = Array.from({ length: 60_000 }, (_, index) => `"k${index}":0`).join(",");
    const body = `{"model":"lab/m1","messages":[{"role":"user","content":"hi"}],"metadata":{${keys}}}`;
    const { result, stallMs } = await withStallProbe(server.url, async () => {
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      return { status: response.status, body: await response.text() };
    });
    expect(result.status).toBe(413);
    expect(result.body).toMatch(/over 20000 JSON values \(server\.maxBodyValues/);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 60_000);

  it("refuses a body over 4 MiB with a 413 naming server.maxBodyBytes", async () => {
    const image = `data:image/png;base64,${"QUJD".repeat(1_100_000)}`;
    const response = await chat([
      { role: "user", content: [{ type: "image_url", image_url: { url: image } }] },
    ]);
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(
      /over 4194304 bytes \(server\.maxBodyBytes\); send large images or files by URL/,
    );
  }, 60_000);

  it("accepts 1,000 messages (the most /v1 takes) while /healthz stays quick", async () => {
    upstream.setDefault({ type: "ok", text: "fine" });
    const messages = Array.from({ length: 1000 }, (_, index) => ({
      role: index % 2 === 0 ? "user" : "assistant",
      content: `turn ${index}`,
    }));
    const { result, stallMs } = await withStallProbe(server.url, async () => (await chat(messages)).status);
    expect(result).toBe(200);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 60_000);
});

describe("embeddings at the largest batch (issue 21)", () => {
  it("embeds 2,048 inputs of 400 characters with no long event-loop delay on the server", async () => {
    const input = Array.from(
      { length: 2048 },
      (_, index) => `${index} ${"lorem ipsum dolor sit amet ".repeat(15)}`,
    );
    // The fake upstream answers 2,048 vectors from this very process, which a /healthz probe from
    // here would count as the server's stall: the server's own event-loop delay is read instead.
    const body = JSON.stringify({ model: "lab/e1", input, encoding_format: "base64" });
    await serverLagMaxMs(server.url);
    const response = await fetch(`${server.url}/v1/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const answer = (await response.json()) as { data: unknown[] };
    const stallMs = await serverLagMaxMs(server.url);
    expect(response.status).toBe(200);
    expect(answer.data).toHaveLength(2048);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 120_000);
});
