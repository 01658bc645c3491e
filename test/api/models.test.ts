import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayFixture, startGateway } from "./gateway-fixture.js";

let gateway: GatewayFixture;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway.close();
});

describe("GET /v1/models", () => {
  it("lists auto, every catalog model with an enabled provider, and each provider pin", async () => {
    const models = await gateway.client.models.list();
    const ids = models.data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(["auto", "m1", "pa/m1", "pb/m1", "m2", "pc/m2"]));
    // Catalog models whose providers have no key here cannot answer, so they are not offered.
    expect(ids).not.toContain("gpt-4o");
    expect(models.data.find((model) => model.id === "pb/m1")).toMatchObject({
      object: "model",
      owned_by: "pb",
    });
  });
});
