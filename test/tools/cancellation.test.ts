import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { structured } from "../support/in-memory-server.js";
import { type RoutingFixture, startRoutingFixture } from "../support/routing-fixture.js";

let fixture: RoutingFixture;
beforeEach(async () => {
  fixture = await startRoutingFixture({
    routing: { exploration: 0, timeoutMs: 30_000, attemptTimeoutMs: 20_000 },
  });
});
afterEach(async () => {
  await fixture.close();
});

describe("cancellation", () => {
  it("a client's notifications/cancelled aborts the upstream request at once", async () => {
    fixture.pa.enqueue({ type: "timeout" });
    const controller = new AbortController();
    const call = fixture.session.client.callTool(
      { name: "route_completion", arguments: { prompt: "slow", model: "pa/m1" } },
      undefined,
      {
        signal: controller.signal,
      },
    );
    // The first request loads the detectors (~3 s on a busy machine) before it goes upstream.
    await fixture.pa.waitForRequests(1, 20_000);
    controller.abort("user pressed stop");
    await expect(call).rejects.toThrow();
    await fixture.pa.waitForClosedConnections(1, 5000);
    expect(fixture.pa.requests[0]?.clientClosedEarly).toBe(true);
    expect(fixture.pb.requests).toHaveLength(0);
    await fixture.session.deps.ledger.flush();
    const [cancelled] = await fixture.session.deps.ledger.recent(1);
    expect(cancelled).toMatchObject({
      errorClass: "CANCELLED",
      costUsd: 0,
      attempts: 1,
      requestedModel: "pa/m1",
    });
    // The server is still fine and the deployment was not blamed for the cancellation.
    const next = structured<{ provider: string }>(
      await fixture.session.client.callTool({
        name: "route_completion",
        arguments: { prompt: "next", model: "m1" },
      }),
    );
    expect(next.provider).toBe("pa");
  });
});
