import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { parseConfig } from "../../src/config/load-config.js";
import { connectStdio } from "../support/cli-process.js";
import { errorText, structured } from "../support/in-memory-server.js";

let session: Awaited<ReturnType<typeof connectStdio>>;

beforeAll(async () => {
  session = await connectStdio({ env: { MODELMUX_LOG_LEVEL: "info" } });
});
afterAll(async () => {
  await session.close();
});

describe("modelmux over stdio (spawned CLI, real SDK client)", () => {
  it("lists the catalog tools with schemas and annotations", async () => {
    const { tools } = await session.client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(["estimate_cost", "compare_models", "list_models"]));
    for (const tool of tools.filter((candidate) =>
      ["estimate_cost", "compare_models", "list_models"].includes(candidate.name),
    )) {
      expect(tool.outputSchema).toBeDefined();
      expect(tool.annotations?.readOnlyHint).toBe(true);
      expect(tool.description?.length).toBeGreaterThan(40);
    }
  });

  it("answers all three tools", async () => {
    const estimate = structured<{ rows: unknown[] }>(
      await session.client.callTool({
        name: "estimate_cost",
        arguments: { text: "hello there", models: ["gpt-4o-mini", "qwen3-32b"] },
      }),
    );
    // One row per deployment of each model, as the same catalog built here has them.
    const catalog = createCatalog(parseConfig({}), {});
    const deployments = ["gpt-4o-mini", "qwen3-32b"].map((id) => catalog.lookup(id).entry.deployments.length);
    expect(estimate.rows.length).toBe((deployments[0] ?? 0) + (deployments[1] ?? 0));
    expect(deployments.every((count) => count >= 2)).toBe(true);
    const compare = structured<{ models: unknown[] }>(
      await session.client.callTool({
        name: "compare_models",
        arguments: { models: ["gemini-2.5-flash", "mistral-small-2603"] },
      }),
    );
    expect(compare.models).toHaveLength(2);
    const list = structured<{ count: number }>(
      await session.client.callTool({ name: "list_models", arguments: { tier: "flagship" } }),
    );
    expect(list.count).toBeGreaterThan(3);
  });

  it("survives bad input and keeps logs off stdout", async () => {
    expect(
      errorText(
        await session.client.callTool({
          name: "estimate_cost",
          arguments: { text: "x", models: ["nope-model"] },
        }),
      ),
    ).toMatch(/unknown model/);
    expect(
      errorText(
        await session.client.callTool({ name: "estimate_cost", arguments: { text: "x", requests: "many" } }),
      ),
    ).toMatch(/requests/);
    const list = structured<{ count: number }>(
      await session.client.callTool({ name: "list_models", arguments: {} }),
    );
    expect(list.count).toBeGreaterThan(30);
    // Any non-protocol byte on stdout would have broken the client's JSON-RPC parsing above.
    expect(session.stderr()).toContain("serving MCP on stdio");
  });
});
