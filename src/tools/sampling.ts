import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { toAbortSignal } from "../cancel-signal.js";
import { SAMPLING_PROVIDER } from "../catalog/sampling-model.js";
import { contentText } from "../chat/message-text.js";
import { ProviderError } from "../providers/provider-error.js";
import type { CompletionRequest, CompletionResult, FinishReason } from "../providers/types.js";

/** Output cap when the caller gave none: sampling requires one. */
const DEFAULT_SAMPLING_MAX_TOKENS = 1024;

function finishReason(stopReason: string | undefined): FinishReason {
  if (stopReason === "endTurn" || stopReason === "stopSequence") return "stop";
  if (stopReason === "maxTokens") return "length";
  return "other";
}

/**
 * A completion answered by the MCP client's own model through `sampling/createMessage`, or
 * undefined when sampling is off in config or the client does not offer it.
 */
export function createSampler(
  server: McpServer,
  enabled: boolean,
): ((request: CompletionRequest) => Promise<CompletionResult>) | undefined {
  if (!enabled || !server.server.getClientCapabilities()?.sampling) return undefined;
  return async (request) => {
    const started = performance.now();
    const isSystem = (role: string) => role === "system" || role === "developer";
    const system = request.messages
      .filter((message) => isSystem(message.role))
      .map((message) => contentText(message.content));
    // The sampling deployment has no tools, vision or audio capability: only text reaches it.
    const messages = request.messages
      .filter((message) => !isSystem(message.role))
      .map((message) => ({
        role: message.role === "assistant" ? ("assistant" as const) : ("user" as const),
        content: { type: "text" as const, text: contentText(message.content) },
      }));
    try {
      const answer = await server.server.createMessage(
        {
          messages,
          ...(system.length > 0 && { systemPrompt: system.join("\n\n") }),
          maxTokens: request.maxTokens ?? DEFAULT_SAMPLING_MAX_TOKENS,
          ...(request.temperature !== undefined && { temperature: request.temperature }),
        },
        { signal: toAbortSignal(request.signal) },
      );
      const text = answer.content.type === "text" ? answer.content.text : "";
      const totalMs = performance.now() - started;
      // The client reports no token usage; the host pays for its own model, so cost is 0.
      return {
        text,
        usage: { input: 0, output: 0, cached: 0 },
        finishReason: finishReason(answer.stopReason),
        timeToFirstTokenMs: totalMs,
        totalMs,
      };
    } catch (error) {
      if (request.signal?.aborted) {
        throw new ProviderError("sampling request was cancelled", {
          provider: SAMPLING_PROVIDER.id,
          kind: "aborted",
          isRetryable: false,
        });
      }
      throw new ProviderError(
        `the MCP client refused or failed the sampling request: ${(error as Error).message}`,
        {
          provider: SAMPLING_PROVIDER.id,
          kind: "http",
          isRetryable: false,
        },
      );
    }
  };
}
