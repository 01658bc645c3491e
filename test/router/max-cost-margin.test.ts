import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { structured } from "../support/in-memory-server.js";
import { type RoutingFixture, startRoutingFixture } from "../support/routing-fixture.js";

/**
 * Budgets reserve approximate input (a model not on o200k_base) twice over; max_cost_usd must
 * price it the same way, or a constraint lets through a call its budget would call too dear.
 */
let fixture: RoutingFixture;
beforeEach(async () => {
  fixture = await startRoutingFixture();
});
afterEach(async () => {
  await fixture.close();
});

/** About 5,000 o200k tokens: $0.005 at pa/m1's $1 per million, $0.01 with the 2x margin. */
const PROMPT = "word ".repeat(5_000);

describe("max_cost_usd and approximate token counts", () => {
  it("prices approximate input with the same 2x margin budgets reserve", async () => {
    const refused = await fixture.session.client.callTool({
      name: "route_completion",
      arguments: { prompt: PROMPT, model: "pa/m1", max_tokens: 1, constraints: { max_cost_usd: 0.0075 } },
    });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(/max_cost_usd/);
    expect(fixture.pa.requests).toHaveLength(0);

    const served = structured<{ provider: string }>(
      await fixture.session.client.callTool({
        name: "route_completion",
        arguments: { prompt: PROMPT, model: "pa/m1", max_tokens: 1, constraints: { max_cost_usd: 0.0125 } },
      }),
    );
    expect(served.provider).toBe("pa");
  }, 30_000);
});
