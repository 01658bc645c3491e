import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { listToolsOverStdio } from "../../scripts/stdio-handshake.mjs";
import { BUILT_TOOL_LIST_FILE } from "../../src/tools/built-tool-list.js";
import { CLI, CLI_ARGS, cleanEnv } from "../support/cli-process.js";
import { connectInMemory, structured } from "../support/in-memory-server.js";

/** What the build wrote beside the bundle: the tools/list answer the built server serves as is. */
const built = JSON.parse(readFileSync(join(CLI, "..", BUILT_TOOL_LIST_FILE), "utf8")) as {
  tools: { name: string }[];
};

let session: Awaited<ReturnType<typeof connectInMemory>>;

beforeAll(async () => {
  // From src/, with no built list beside it: the SDK converts the tools' zod schemas itself.
  session = await connectInMemory();
});
afterAll(async () => {
  await session.close();
});

describe("the build's tools/list answer (dist/tool-list.json)", () => {
  it("is exactly what the SDK makes of the tools' zod schemas: same tools, schemas and descriptions", async () => {
    const answer = await session.client.request(
      { method: "tools/list" },
      z.looseObject({ tools: z.array(z.unknown()) }),
    );
    // Through JSON, as a client receives it (fields the SDK leaves undefined are not sent).
    expect(built).toEqual(JSON.parse(JSON.stringify(answer)));
    expect(built.tools.map((tool) => tool.name)).toEqual([
      "estimate_cost",
      "compare_models",
      "list_models",
      "route_completion",
      "provider_health",
      "set_session_budget",
      "route_batch",
      "check_guardrails",
      "get_usage",
      "embed",
    ]);
  });

  it("is what the built server answers", async () => {
    const child = spawn(process.execPath, [...CLI_ARGS], {
      env: cleanEnv(),
      stdio: ["pipe", "pipe", "ignore"],
    });
    const answer = await listToolsOverStdio(child, "test");
    child.stdin?.end();
    await new Promise((resolve) => child.once("exit", resolve));
    expect(answer).toEqual(built);
  });

  it("leaves validation to the tools' schemas, built on first use", async () => {
    // A wrong type is refused by the input schema, naming the field.
    const wrongType = await session.client.callTool({
      name: "set_session_budget",
      arguments: { limit_usd: "one" },
    });
    expect(wrongType.isError).toBe(true);
    expect(JSON.stringify(wrongType.content)).toContain("limit_usd");
    const ok = structured<{ limit_usd: number }>(
      await session.client.callTool({ name: "set_session_budget", arguments: { limit_usd: 1 } }),
    );
    expect(ok.limit_usd).toBe(1);
  });
});
