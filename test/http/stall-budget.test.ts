import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpProcess, type LabServer, spawnLabServer } from "../support/cli-process.js";
import { withStallProbe } from "../support/stall-probe.js";

/**
 * Issue 21, finding 1: one request's token counting froze the whole server (200,000 `b`s: 33 s;
 * ten parts of 500,000: over 15 minutes; a 200 KB hex blob: 14.6 s). The server runs in its own
 * process; a second client asks /healthz throughout. The bound is generous (the budget is 50 ms;
 * `npm run bench` prints the real figures) so a loaded machine cannot make it flaky.
 */
const STALL_BOUND_MS = 1000;

let lab: LabServer;
let server: HttpProcess;

beforeAll(async () => {
  lab = await spawnLabServer({
    lab: { models: { m1: { price: { input: 1, output: 2 }, contextWindow: 2_000_000 } } },
  });
  ({ server } = lab);
  // Loading the tokenizer and the detectors is start-up work, not a request's: let it finish first.
  expect((await chat([{ role: "user", content: "warm up" }])).status).toBe(200);
  expect((await mcpCall("estimate_cost", { text: "warm up" })).status).toBe(200);
}, 30_000);

afterAll(async () => {
  await lab?.stop();
});

function chat(messages: unknown[]) {
  return fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "lab/m1", messages }),
  });
}

function mcpCall(name: string, args: Record<string, unknown>) {
  return fetch(`${server.url}/mcp`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } }),
  });
}

describe("no request stalls the server (issue 21)", () => {
  it("counts 650,000 CJK characters without punctuation, and 600,000 cut every 250, while /healthz stays quick", async () => {
    // One pre-token of 650,000 characters: the split regex alone took ~150 ms over it in one call;
    // runs of 250 were counted 4,096 characters at a time, each merge quadratic in its run.
    const cjk = (length: number) =>
      Array.from({ length }, (_, index) => String.fromCharCode(0x4e00 + ((index * 7919) % 20_000))).join("");
    const punctuated = Array.from({ length: 2400 }, (_, index) => `${cjk(250 + (index % 7))}，`).join("");
    for (const content of [cjk(650_000), punctuated]) {
      const { result, stallMs } = await withStallProbe(server.url, async () => {
        const response = await chat([{ role: "user", content }]);
        return { status: response.status, body: await response.text() };
      });
      expect(result.status, result.body.slice(0, 300)).toBe(200);
      expect(stallMs).toBeLessThan(STALL_BOUND_MS);
    }
  }, 120_000);

  it("answers one message of 200,000 `b`s while /healthz stays quick", async () => {
    const { result, stallMs } = await withStallProbe(server.url, async () => {
      const response = await chat([{ role: "user", content: "b".repeat(200_000) }]);
      return { status: response.status, body: await response.text() };
    });
    expect(result.status, result.body).toBe(200);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 60_000);

  it("refuses ten text parts of 500,000 `b`s (5 MB) by the body cap, naming it, without a stall", async () => {
    const part = { type: "text", text: "b".repeat(500_000) };
    const { result, stallMs } = await withStallProbe(server.url, async () => {
      const response = await chat([{ role: "user", content: Array.from({ length: 10 }, () => part) }]);
      return { status: response.status, body: await response.text() };
    });
    expect(result.status).toBe(413);
    expect(result.body).toMatch(/server\.maxBodyBytes/);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 60_000);

  it("refuses ten text parts of 150,000 `b`s by their total, naming the field, without a stall", async () => {
    // 1,500,000 characters: under the body cap, over the total-text cap.
    const part = { type: "text", text: "b".repeat(150_000) };
    const { result, stallMs } = await withStallProbe(server.url, async () => {
      const response = await chat([{ role: "user", content: Array.from({ length: 10 }, () => part) }]);
      return {
        status: response.status,
        body: (await response.json()) as { error: { message: string; param: string } },
      };
    });
    expect(result.status).toBe(400);
    expect(result.body.error.param).toBe("messages");
    expect(result.body.error.message).toMatch(
      /messages: the request's text totals over 1,000,000 characters/,
    );
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 60_000);

  it("refuses a total over the byte cap even under the character cap", async () => {
    // 700,000 three-byte characters: 2.1 MB of UTF-8.
    const response = await chat([
      { role: "user", content: "我".repeat(350_000) },
      { role: "user", content: "我".repeat(350_000) },
    ]);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/over 2,000,000 bytes/);
  }, 60_000);

  it("answers a 200 KB hex blob through /v1 and estimate_cost while /healthz stays quick", async () => {
    const hex = randomBytes(100_000).toString("hex");
    const v1 = await withStallProbe(
      server.url,
      async () => (await chat([{ role: "user", content: hex }])).status,
    );
    expect(v1.stallMs).toBeLessThan(STALL_BOUND_MS);
    // The default input guardrails block a long high-entropy string as a possible secret: a 400, quickly.
    expect([200, 400]).toContain(v1.result);
    const estimate = await withStallProbe(server.url, async () => {
      const response = await mcpCall("estimate_cost", { text: hex });
      return { status: response.status, body: await response.text() };
    });
    expect(estimate.result.status).toBe(200);
    expect(estimate.result.body).toContain("input_tokens");
    expect(estimate.stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 60_000);

  it("prices a huge run with estimate_cost, labelled approximate, without a stall", async () => {
    const { result, stallMs } = await withStallProbe(server.url, async () => {
      const response = await mcpCall("estimate_cost", {
        messages: [{ role: "user", content: "b".repeat(900_000) }],
        models: ["gpt-4.1"],
      });
      return (await response.json()) as {
        result: { structuredContent: { rows: { tokens_exact: boolean; token_method: string }[] } };
      };
    });
    const row = result.result.structuredContent.rows[0];
    expect(row?.tokens_exact).toBe(false);
    expect(row?.token_method).toMatch(/counted in pieces, approximate/);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 60_000);

  it("refuses estimate_cost messages over the total cap, naming the field", async () => {
    const response = await mcpCall("estimate_cost", {
      messages: [
        { role: "user", content: "a".repeat(600_000) },
        { role: "user", content: "a".repeat(600_000) },
      ],
    });
    const body = (await response.json()) as { result: { isError: boolean; content: { text: string }[] } };
    expect(body.result.isError).toBe(true);
    expect(body.result.content[0]?.text).toMatch(/over 1,000,000 characters.*messages/);
  }, 60_000);
});
