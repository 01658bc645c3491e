import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import type { CallerContext } from "../core/route-types.js";
import { authenticatedCaller } from "../http/caller-key.js";

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Who is calling: the virtual key the HTTP layer authenticated (stdio runs as `local`), and the MCP session. */
export function callerOf(extra: ToolExtra, tool: string): CallerContext {
  const { key, allowedModels, admin } = authenticatedCaller(extra);
  return {
    key,
    tool,
    ...(extra.sessionId && { sessionId: extra.sessionId }),
    allowedModels,
    ...(admin && { admin }),
  };
}

/** A progress callback when the client asked for progress (gave a progressToken); otherwise undefined. */
export function progressReporter(extra: ToolExtra): ((message: string) => void) | undefined {
  const token = extra._meta?.progressToken;
  if (token === undefined) return undefined;
  let progress = 0;
  return (message) => {
    progress += 1;
    void extra
      .sendNotification({
        method: "notifications/progress",
        params: { progressToken: token, progress, message },
      })
      .catch(() => undefined);
  };
}
