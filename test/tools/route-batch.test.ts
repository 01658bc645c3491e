import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { errorText, structured } from "../support/in-memory-server.js";
import { type RoutingFixture, startRoutingFixture } from "../support/routing-fixture.js";

interface Batch {
  results: {
    index: number;
    ok: boolean;
    text?: string;
    provider?: string;
    error?: string;
    cost_usd: number;
  }[];
  totals: {
    items: number;
    succeeded: number;
    failed: number;
    cost_usd: number;
    tokens_in: number;
    cache_hits: number;
  };
}

let fixture: RoutingFixture;
beforeEach(async () => {
  fixture = await startRoutingFixture();
});
afterEach(async () => {
  await fixture.close();
});

describe("route_batch", () => {
  it("runs every item in order with mixed failures and totals, reporting progress per item", async () => {
    fixture.pa.setDefault({ type: "ok", usage: { prompt_tokens: 100, completion_tokens: 10 } });
    const items = Array.from({ length: 12 }, (_, index) => ({ city: `City${index}`, n: index }));
    const progress: number[] = [];
    const bad = (index: number) => `Capital of City${index}? (#${index})`;
    const result = await fixture.session.client.callTool(
      {
        name: "route_batch",
        arguments: { template: "Capital of {{city}}? (#{{n}})", items, model: "pa/m1", concurrency: 4 },
      },
      undefined,
      { onprogress: (event) => progress.push(event.progress) },
    );
    const batch = structured<Batch>(result);
    expect(batch.results.map((item) => item.index)).toEqual(items.map((_, index) => index));
    expect(batch.results.every((item) => item.ok)).toBe(true);
    expect(batch.results[5]?.text).toBe(bad(5));
    expect(batch.totals).toMatchObject({ items: 12, succeeded: 12, failed: 0, tokens_in: 1200 });
    expect(batch.totals.cost_usd).toBeCloseTo((12 * (100 * 1 + 10 * 2)) / 1_000_000, 12);
    expect(progress).toHaveLength(12);
    expect(Math.max(...progress)).toBe(12);
  });

  it("runs 40 items at concurrency 32 without Node's listener-leak warning", async () => {
    fixture.pa.setDefault({ type: "ok", latencyMs: 20 });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      const items = Array.from({ length: 40 }, (_, index) => ({ n: index }));
      const result = await fixture.session.client.callTool({
        name: "route_batch",
        arguments: { template: "Item {{n}}", items, model: "pa/m1", concurrency: 32 },
      });
      expect(structured<Batch>(result).totals.succeeded).toBe(40);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });

  it("keeps going when items fail", async () => {
    fixture.pa.enqueue(
      { type: "ok" },
      { type: "status", status: 400, body: { error: { message: "prompt rejected" } } },
      { type: "ok" },
      { type: "status", status: 400, body: { error: { message: "prompt rejected" } } },
    );
    const batch = structured<Batch>(
      await fixture.session.client.callTool({
        name: "route_batch",
        arguments: {
          template: "item {{i}}",
          items: [{ i: 0 }, { i: 1 }, { i: 2 }, { i: 3 }, { i: 4 }],
          model: "pa/m1",
          concurrency: 1,
        },
      }),
    );
    expect(batch.results.map((item) => item.ok)).toEqual([true, false, true, false, true]);
    expect(batch.results[1]?.error).toMatch(/PROVIDER_CALL_FAILED.*prompt rejected/);
    expect(batch.totals).toMatchObject({ succeeded: 3, failed: 2 });
  });

  it("names a missing placeholder value and rejects oversize batches", async () => {
    expect(
      errorText(
        await fixture.session.client.callTool({
          name: "route_batch",
          arguments: { template: "{{a}} {{b}}", items: [{ a: 1 }] },
        }),
      ),
    ).toMatch(/items\[0\]\.b: missing value for placeholder \{\{b\}\}/);
    const tooMany = Array.from({ length: 1001 }, () => ({}));
    expect(
      errorText(
        await fixture.session.client.callTool({
          name: "route_batch",
          arguments: { template: "x", items: tooMany },
        }),
      ),
    ).toMatch(/items/);
  });
});
