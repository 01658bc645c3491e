import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { errorText, structured } from "../support/in-memory-server.js";
import { type RoutingFixture, startRoutingFixture } from "../support/routing-fixture.js";

interface Answer {
  dry_run?: boolean;
  text: string;
  provider: string;
  cost_usd: number;
  quote?: {
    deployment: string;
    input_tokens: number;
    cost_min_usd: number;
    cost_expected_usd: number;
    cost_max_usd: number;
    price_data_date: string;
  };
  budget?: { spent_usd: number; remaining_usd: number | null; limit_usd: number | null };
}

let fixture: RoutingFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const call = (args: Record<string, unknown>) => {
  if (!fixture) throw new Error("no fixture");
  return fixture.session.client.callTool({ name: "route_completion", arguments: args });
};

describe("dry_run quotes", () => {
  it("returns the route, tokens and a cost range without calling upstream", async () => {
    fixture = await startRoutingFixture();
    const answer = structured<Answer>(
      await call({ prompt: "Summarise the plot of Hamlet", model: "m1", max_tokens: 1000, dry_run: true }),
    );
    expect(answer.dry_run).toBe(true);
    expect(answer.quote?.deployment).toBe("pa/m1");
    expect(answer.quote?.input_tokens).toBeGreaterThan(5);
    const input = answer.quote?.input_tokens ?? 0;
    expect(answer.quote?.cost_min_usd).toBeCloseTo(input / 1_000_000, 12);
    expect(answer.quote?.cost_expected_usd).toBeCloseTo((input + 256 * 2) / 1_000_000, 12);
    // worst case: the priciest candidate (pb: $2/$4 per 1M) with the whole 1,000-token cap, and the
    // input counted twice over (m1 is a custom model: its count is an o200k_base proxy)
    expect(answer.quote?.cost_max_usd).toBeCloseTo((2 * input * 2 + 1000 * 4) / 1_000_000, 12);
    expect(answer.quote?.price_data_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(fixture.pa.requests.length + fixture.pb.requests.length).toBe(0);
  });
});

describe("approval gate", () => {
  const config = { approval: { aboveUsd: 0.001 } };

  it("asks the person through elicitation and proceeds on accept", async () => {
    const asked: string[] = [];
    fixture = await startRoutingFixture(config, {
      capabilities: { elicitation: {} },
      prepare: (client) =>
        client.setRequestHandler(ElicitRequestSchema, async (request) => {
          asked.push(request.params.message);
          return { action: "accept", content: { approve: true } };
        }),
    });
    const cheap = structured<Answer>(await call({ prompt: "hi", model: "m1", max_tokens: 10 }));
    expect(cheap.text).toBe("hi");
    expect(asked).toHaveLength(0);
    const expensive = structured<Answer>(
      await call({ prompt: "write an essay", model: "m1", max_tokens: 2000 }),
    );
    expect(expensive.text).toBe("write an essay");
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/approve this LLM call\? pa\/m1: .*cost \$.* – \$0\.008/);
  });

  it("refuses on decline without calling upstream", async () => {
    fixture = await startRoutingFixture(config, {
      capabilities: { elicitation: {} },
      prepare: (client) => client.setRequestHandler(ElicitRequestSchema, async () => ({ action: "decline" })),
    });
    const text = errorText(await call({ prompt: "write an essay", model: "m1", max_tokens: 2000 }));
    expect(text).toMatch(/APPROVAL_REQUIRED: the call was not approved \(decline\)/);
    expect(fixture.pa.requests.length + fixture.pb.requests.length).toBe(0);
  });

  it("tells a client without elicitation how to proceed, with the quote", async () => {
    fixture = await startRoutingFixture(config);
    const text = errorText(await call({ prompt: "write an essay", model: "m1", max_tokens: 2000 }));
    expect(text).toMatch(/no elicitation support/);
    expect(text).toMatch(/raise approval\.aboveUsd/);
    expect(text).toMatch(/"cost_max_usd":0\.008/);
    expect(fixture.pa.requests.length + fixture.pb.requests.length).toBe(0);
  });
});

describe("session budget", () => {
  it("reports spend in every answer and refuses a call that would exceed what is left", async () => {
    fixture = await startRoutingFixture();
    const set = structured<{ limit_usd: number }>(
      await fixture.session.client.callTool({ name: "set_session_budget", arguments: { limit_usd: 0.01 } }),
    );
    expect(set.limit_usd).toBe(0.01);
    fixture.pa.enqueue({ type: "ok", text: "done", usage: { prompt_tokens: 1000, completion_tokens: 1000 } });
    const first = structured<Answer>(await call({ prompt: "task one", model: "pa/m1", max_tokens: 1000 }));
    expect(first.cost_usd).toBeCloseTo(0.003, 12);
    expect(first.budget).toEqual({ spent_usd: 0.003, remaining_usd: 0.007, limit_usd: 0.01 });

    const refused = errorText(await call({ prompt: "task two", model: "pa/m1", max_tokens: 5000 }));
    expect(refused).toMatch(/BUDGET_EXCEEDED: session budget: this call may cost up to \$0\.01/);
    expect(refused).toMatch(/\$0\.007 left of \$0\.01/);
    expect(fixture.pa.requests).toHaveLength(1);

    const removed = structured<{ limit_usd: number | null }>(
      await fixture.session.client.callTool({ name: "set_session_budget", arguments: { limit_usd: null } }),
    );
    expect(removed.limit_usd).toBeNull();
    expect(
      structured<Answer>(await call({ prompt: "task two", model: "pa/m1", max_tokens: 5000 })).text,
    ).toBe("task two");
  });

  it("validates the limit", async () => {
    fixture = await startRoutingFixture();
    expect(
      errorText(
        await fixture.session.client.callTool({ name: "set_session_budget", arguments: { limit_usd: -1 } }),
      ),
    ).toMatch(/limit_usd/);
  });
});
