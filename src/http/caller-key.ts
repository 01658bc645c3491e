import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import type { Caller } from "./auth.js";
import { LOCAL_CALLER } from "./auth.js";

/**
 * The HTTP front door puts the authenticated virtual key on `request.auth`, and the SDK hands
 * it to tool handlers as `extra.authInfo`. stdio has no auth, so it is the local key.
 *
 *   server.registerTool("route_completion", config, async (input, extra) => {
 *     const key = callerKey(extra); // "team-a", or "local" on stdio
 *     assertModelAllowed(authenticatedCaller(extra), input.model);
 *   });
 */
export function callerKey(extra: { authInfo?: AuthInfo } | undefined): string {
  return extra?.authInfo?.clientId ?? LOCAL_CALLER.key;
}

/** The whole caller (key name and allowed models), for `assertModelAllowed`. */
export function authenticatedCaller(extra: { authInfo?: AuthInfo } | undefined): Caller {
  const authInfo = extra?.authInfo;
  if (!authInfo) return LOCAL_CALLER;
  const caller = authInfo.extra?.caller as Caller | undefined;
  // Auth without a caller record (another transport's) is a tenant, never the operator: fail closed.
  return caller ?? { key: authInfo.clientId, allowedModels: ["*"], admin: false };
}

/** What `request.auth` holds: never the token itself, so nothing downstream can log it. */
export function toAuthInfo(caller: Caller): AuthInfo {
  return { token: "[redacted]", clientId: caller.key, scopes: [], extra: { caller } };
}
