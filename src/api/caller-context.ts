import type { ServerResponse } from "node:http";
import { Cancellation } from "../cancel-signal.js";
import type { CallerContext } from "../core/route-types.js";
import type { Caller } from "../http/auth.js";

/** The authenticated caller as the orchestrator sees it (it refuses models the key may not use, and records the refusal). */
export function callerContext(caller: Caller, tool: string): CallerContext {
  return {
    key: caller.key,
    tool,
    ...(!caller.allowedModels.includes("*") && { allowedModels: caller.allowedModels }),
    ...(caller.admin && { admin: true }),
  };
}

/** A client that hangs up cancels the upstream call: nobody is left to pay for the answer. */
export function cancelOnHangUp(response: ServerResponse): Cancellation {
  const cancellation = new Cancellation();
  response.once("close", () => {
    if (!response.writableFinished) cancellation.abort();
  });
  return cancellation;
}
