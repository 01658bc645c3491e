import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectInMemory, errorText } from "../support/in-memory-server.js";

let session: Awaited<ReturnType<typeof connectInMemory>>;
beforeAll(async () => {
  session = await connectInMemory();
});
afterAll(async () => {
  await session.close();
});

/** A misspelt argument (`max_token` for `max_tokens`…) must fail the call, never be dropped. */
const STRAY = "definitely_not_an_argument";

describe("an argument a tool does not know is an error", () => {
  it("every tool in tools/list refuses a stray top-level argument, naming it, and advertises none", async () => {
    const { tools } = await session.client.listTools();
    expect(tools.length).toBeGreaterThanOrEqual(10);
    for (const tool of tools) {
      expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
      const text = errorText(await session.client.callTool({ name: tool.name, arguments: { [STRAY]: 1 } }));
      expect(text, tool.name).toContain(STRAY);
    }
  });

  it("refuses stray fields inside route_completion's option objects and estimate_cost's messages", async () => {
    const calls: [string, Record<string, unknown>, string][] = [
      ["route_completion", { prompt: "hi", dry_run: true, cache: { mode: "use", ttl: 60 } }, "ttl"],
      ["route_completion", { prompt: "hi", dry_run: true, constraints: { max_cost: 1 } }, "max_cost"],
      [
        "route_completion",
        { prompt: "hi", dry_run: true, images: [{ path: "a.png", detial: "low" }] },
        "detial",
      ],
      [
        "estimate_cost",
        { messages: [{ role: "user", content: "hi", nmae: "x" }], models: ["gpt-4o-mini"] },
        "nmae",
      ],
    ];
    for (const [name, args, stray] of calls) {
      const text = errorText(await session.client.callTool({ name, arguments: args }));
      expect(text, `${name} ${stray}`).toContain(stray);
    }
  });
});
