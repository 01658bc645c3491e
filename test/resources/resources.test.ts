import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { structured } from "../support/in-memory-server.js";
import { type RoutingFixture, startRoutingFixture } from "../support/routing-fixture.js";

let fixture: RoutingFixture;
const updates: string[] = [];

beforeEach(async () => {
  updates.length = 0;
  fixture = await startRoutingFixture(
    {},
    {
      prepare: (client) =>
        client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
          updates.push(notification.params.uri);
        }),
    },
  );
});
afterEach(async () => {
  await fixture.close();
});

const read = async (uri: string) => {
  const result = await fixture.session.client.readResource({ uri });
  const first = result.contents[0];
  return JSON.parse(first && "text" in first ? String(first.text) : "null");
};

describe("MCP resources", () => {
  it("lists and reads catalog, health, today's usage and budgets", async () => {
    const { resources } = await fixture.session.client.listResources();
    expect(resources.map((resource) => resource.uri).sort()).toEqual([
      "modelmux://budget",
      "modelmux://catalog",
      "modelmux://health",
      "modelmux://usage/today",
    ]);
    const catalog = await read("modelmux://catalog");
    expect(catalog.price_data.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalog.models.find((model: { id: string }) => model.id === "m1")).toBeDefined();
    // Every priced model, the priced-only ones too, each saying which kind it is.
    const byId = new Map(catalog.models.map((model: { id: string; kind: string }) => [model.id, model.kind]));
    expect(byId.get("gpt-5.1")).toBe("priced");
    expect(byId.size).toBeGreaterThan(800);

    structured(
      await fixture.session.client.callTool({
        name: "route_completion",
        arguments: { prompt: "hello", model: "m1" },
      }),
    );
    const health = await read("modelmux://health");
    expect(
      health.deployments.find((row: { deployment: string }) => row.deployment === "pa/m1"),
    ).toMatchObject({ requests: 1, breaker: "closed" });
    await fixture.session.deps.ledger.flush();
    const usage = await read("modelmux://usage/today");
    expect(usage.totals.requests).toBe(1);
    const budget = await read("modelmux://budget");
    expect(budget.session).toMatchObject({ limit_usd: null });
    expect(budget.session.spent_usd).toBeGreaterThan(0);
  });

  it("notifies subscribers after calls, at most once a second per resource", async () => {
    await fixture.session.client.subscribeResource({ uri: "modelmux://usage/today" });
    await fixture.session.client.subscribeResource({ uri: "modelmux://budget" });
    for (let index = 0; index < 5; index++) {
      structured(
        await fixture.session.client.callTool({
          name: "route_completion",
          arguments: { prompt: `call ${index}`, model: "m1" },
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const usageUpdates = updates.filter((uri) => uri === "modelmux://usage/today").length;
    expect(usageUpdates).toBeGreaterThanOrEqual(1);
    expect(usageUpdates).toBeLessThanOrEqual(2);
    expect(updates).toContain("modelmux://budget");
    expect(updates).not.toContain("modelmux://health");

    await fixture.session.client.unsubscribeResource({ uri: "modelmux://usage/today" });
    updates.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    structured(
      await fixture.session.client.callTool({
        name: "route_completion",
        arguments: { prompt: "after", model: "m1" },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(updates).toEqual(["modelmux://budget"]);
  });

  it("refuses to subscribe to an unknown resource", async () => {
    await expect(fixture.session.client.subscribeResource({ uri: "modelmux://nope" })).rejects.toThrow(
      /unknown resource/,
    );
  });
});
