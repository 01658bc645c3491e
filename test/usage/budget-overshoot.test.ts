import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ConfigInput } from "../../src/config/schema.js";
import { countMessageTokens, loadTokenizers } from "../../src/tokens/count-tokens.js";
import { startTestHttp } from "../http/http-fixture.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";

// $100 per 1M tokens in and out: one token costs $0.0001.
const PER_TOKEN = 100 / 1_000_000;
const MAX_TOKENS = 10;
const MESSAGES = [{ role: "user" as const, content: "lorem ipsum dolor sit amet ".repeat(200) }];
const SCHEMA = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] };

let estimate: number;
let upstream: FakeUpstream | undefined;
let server: Awaited<ReturnType<typeof startTestHttp>> | undefined;

beforeAll(async () => {
  await loadTokenizers();
  // What modelmux counts for this prompt (o200k_base): a proxy for the custom model's tokenizer.
  estimate = (await countMessageTokens(MESSAGES, null)).tokens;
});
afterEach(async () => {
  await server?.stop();
  await upstream?.close();
  server = undefined;
  upstream = undefined;
});

async function start(budgetUsd: number, routing: ConfigInput["routing"] = {}) {
  upstream = await startFakeUpstream();
  server = await startTestHttp({
    providers: {
      lab: {
        baseURL: upstream.url,
        models: { m1: { price: { input: 100, output: 100 }, capabilities: ["json"] } },
      },
    },
    budgets: { global: { dailyUsd: budgetUsd } },
    routing: { exploration: 0, ...routing },
    cache: { store: "off" },
  });
  return { upstream, server };
}

function chat(url: string, extra: Record<string, unknown> = {}) {
  return fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "lab/m1", messages: MESSAGES, max_tokens: MAX_TOKENS, ...extra }),
  });
}

async function spentUsd(): Promise<number> {
  if (!server) throw new Error("no server");
  await server.deps.ledger.flush();
  return server.deps.ledger.spentUsd({ since: 0, until: Date.now() + 1 });
}

describe("budget overshoot is bounded", () => {
  it("a provider billing up to 2x the approximate input count never takes concurrent calls past the budget", async () => {
    // The reservation counts approximate input twice over: (2E + 10) tokens, about $0.2 here.
    const { upstream, server } = await start(1);
    upstream.setDefault({
      type: "ok",
      text: "ok",
      latencyMs: 300,
      usage: { prompt_tokens: Math.floor(estimate * 1.9), completion_tokens: MAX_TOKENS },
    });
    const statuses = await Promise.all(
      Array.from({ length: 12 }, () => chat(server.url).then((r) => r.status)),
    );
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
    expect(statuses).toContain(429);
    for (let call = 0; call < 10; call++) if ((await chat(server.url)).status === 429) break;
    expect(await spentUsd()).toBeLessThanOrEqual(1);
  });

  it("3x the estimated usage: the truth is recorded, re-asks stop past the reservation, later calls are refused", async () => {
    const reservedUsd = 3 * (2 * estimate + MAX_TOKENS) * PER_TOKEN; // 3 billed attempts (schema re-asks)
    const { upstream, server } = await start(reservedUsd + 0.001, { maxAttempts: 3 });
    const usage = { prompt_tokens: 3 * estimate, completion_tokens: 3 * MAX_TOKENS };
    upstream.setDefault({ type: "ok", text: "not json", usage });
    const schema = { response_format: { type: "json_schema", json_schema: { name: "a", schema: SCHEMA } } };

    const first = await chat(server.url, schema);
    expect(first.status).toBe(429);
    expect(((await first.json()) as { error: { message: string } }).error.message).toMatch(
      /cost \$[\d.]+, more than the \$[\d.]+ reserved for it: no further attempt was made/,
    );
    // Two attempts fit the reservation's count, but their reported cost passed it: no third.
    expect(upstream.requests).toHaveLength(2);
    const truth = 2 * (usage.prompt_tokens + usage.completion_tokens) * PER_TOKEN;
    expect(await spentUsd()).toBeCloseTo(truth, 9);
    expect(truth).toBeGreaterThan(reservedUsd);

    const later = await chat(server.url);
    expect(later.status).toBe(429);
    expect(((await later.json()) as { error: { code: string } }).error.code).toBe("budget_exceeded");
    expect(upstream.requests).toHaveLength(2);
  });

  it("1000x the estimated usage: one upstream call, recorded at its true cost, and the budget refuses at once", async () => {
    const reservedUsd = 3 * (2 * estimate + MAX_TOKENS) * PER_TOKEN;
    const { upstream, server } = await start(reservedUsd + 0.001, { maxAttempts: 3 });
    const usage = { prompt_tokens: 1000 * estimate, completion_tokens: 1000 * MAX_TOKENS };
    upstream.setDefault({ type: "ok", text: "not json", usage });
    const schema = { response_format: { type: "json_schema", json_schema: { name: "a", schema: SCHEMA } } };

    expect((await chat(server.url, schema)).status).toBe(429);
    expect(upstream.requests).toHaveLength(1);
    // Never capped: the ledger and the budget hold what the provider reported.
    const truth = (usage.prompt_tokens + usage.completion_tokens) * PER_TOKEN;
    expect(await spentUsd()).toBeCloseTo(truth, 6);
    const status = await server.deps.budgets.status();
    expect(status.budgets[0]?.spent_usd).toBeCloseTo(truth, 6);

    for (let call = 0; call < 3; call++) expect((await chat(server.url)).status).toBe(429);
    expect(upstream.requests).toHaveLength(1);
  });
});
