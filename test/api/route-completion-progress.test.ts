import type { Progress } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { structured } from "../support/in-memory-server.js";
import { type RoutingFixture, startRoutingFixture } from "../support/routing-fixture.js";

// Lives with the /v1 tests because it is the same streaming path, seen from MCP.
let fixture: RoutingFixture;
beforeEach(async () => {
  fixture = await startRoutingFixture();
});
afterEach(async () => {
  await fixture.close();
});

describe("route_completion streaming through MCP progress", () => {
  it("sends the answer's text as progress while it streams; the result still holds the whole answer", async () => {
    // 100 deltas of about 7 characters arriving at once: the 400-character cap splits them.
    const words = Array.from({ length: 100 }, (_, index) => `word${index}`).join(" ");
    fixture.pa.enqueue({ type: "ok", text: words });
    const updates: Progress[] = [];
    const answer = structured<{ text: string; provider: string }>(
      await fixture.session.client.callTool(
        { name: "route_completion", arguments: { prompt: "count", model: "m1" } },
        undefined,
        { onprogress: (progress) => updates.push(progress) },
      ),
    );
    expect(answer.text).toBe(words);
    expect((fixture.pa.requests[0]?.body as { stream?: boolean } | undefined)?.stream).toBe(true);
    // Throttled: fewer messages than deltas, and together they are the answer.
    expect(updates.length).toBeGreaterThan(1);
    expect(updates.length).toBeLessThan(100);
    expect(updates.map((update) => update.message).join("")).toBe(words);
    const counters = updates.map((update) => update.progress);
    expect(counters).toEqual([...counters].sort((a, b) => a - b));
  });

  it("reports the failover first, then the text from the deployment that answered", async () => {
    fixture.pa.enqueue({ type: "status", status: 500 });
    const updates: Progress[] = [];
    await fixture.session.client.callTool(
      { name: "route_completion", arguments: { prompt: "after a failure", model: "m1" } },
      undefined,
      { onprogress: (progress) => updates.push(progress) },
    );
    expect(updates[0]?.message).toMatch(/pa: 500 → trying pb\/m1/);
    expect(
      updates
        .slice(1)
        .map((update) => update.message)
        .join(""),
    ).toBe("after a failure");
  });

  it("does not stream upstream when the client asked for no progress", async () => {
    await fixture.session.client.callTool({
      name: "route_completion",
      arguments: { prompt: "hi", model: "m1" },
    });
    expect((fixture.pa.requests[0]?.body as { stream?: boolean } | undefined)?.stream).not.toBe(true);
  });
});
