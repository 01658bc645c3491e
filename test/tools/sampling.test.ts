import { CreateMessageRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { connectInMemory, errorText, structured } from "../support/in-memory-server.js";

interface Answer {
  text: string;
  model: string;
  provider: string;
  cost_usd: number;
  finish_reason: string;
}

describe("sampling provider", () => {
  it("answers through the client's own model with no API key, at zero cost", async () => {
    const seen: { system?: string; maxTokens: number; text: string }[] = [];
    const session = await connectInMemory(
      { sampling: { enabled: true }, cache: { store: "off" } },
      {},
      {
        capabilities: { sampling: {} },
        prepare: (client) =>
          client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
            const first = request.params.messages[0]?.content;
            seen.push({
              system: request.params.systemPrompt,
              maxTokens: request.params.maxTokens,
              text: first && "text" in first ? String(first.text) : "",
            });
            return {
              role: "assistant",
              content: { type: "text", text: "answer from the host model" },
              model: "host-model",
              stopReason: "endTurn",
            };
          }),
      },
    );
    const answer = structured<Answer>(
      await session.client.callTool({
        name: "route_completion",
        arguments: { prompt: "Name a colour", system: "Be brief", max_tokens: 50 },
      }),
    );
    expect(answer).toMatchObject({
      text: "answer from the host model",
      provider: "client",
      model: "client",
      cost_usd: 0,
      finish_reason: "stop",
    });
    expect(seen).toEqual([{ system: "Be brief", maxTokens: 50, text: "Name a colour" }]);
    await session.close();
  });

  it("is not used for a client without the sampling capability", async () => {
    const session = await connectInMemory({ sampling: { enabled: true }, cache: { store: "off" } }, {});
    const text = errorText(
      await session.client.callTool({ name: "route_completion", arguments: { prompt: "hi" } }),
    );
    expect(text).toMatch(/NO_PROVIDER/);
    await session.close();
  });
});
