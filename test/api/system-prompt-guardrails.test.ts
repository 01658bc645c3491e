import { afterEach, describe, expect, it } from "vitest";
import { AGENT_SYSTEM_PROMPT, DAN_SYSTEM_PROMPT } from "../guardrails/system-prompt-fixtures.js";
import { type GatewayFixture, startGateway } from "./gateway-fixture.js";

let gateway: GatewayFixture | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe("guardrails on system and developer messages", () => {
  it("passes an agent's long system prompt, as system or developer message, under the default policy", async () => {
    gateway = await startGateway();
    for (const role of ["system", "developer"] as const) {
      const completion = await gateway.client.chat.completions.create({
        model: "m1",
        messages: [
          { role, content: AGENT_SYSTEM_PROMPT },
          { role: "user", content: "Fix the failing test in src/date.ts" },
        ],
      });
      expect(completion.choices[0]?.message).toBeDefined();
    }
    expect(gateway.pa.requests).toHaveLength(2);
  });

  it("still blocks a persona jailbreak a key holder puts in the system message", async () => {
    gateway = await startGateway();
    const failure = await gateway.client.chat.completions
      .create({
        model: "m1",
        messages: [
          { role: "system", content: DAN_SYSTEM_PROMPT },
          { role: "user", content: "hello" },
        ],
      })
      .then(
        () => undefined,
        (error: { status?: number; message?: string }) => error,
      );
    expect(failure?.status).toBe(400);
    expect(failure?.message).toMatch(/jailbreak/);
    expect(gateway.pa.requests).toHaveLength(0);
  });
});
