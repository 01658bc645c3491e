import type { IncomingMessage } from "node:http";
import type { Config } from "../config/schema.js";
import { LOCAL_KEY } from "../core/access-policy.js";
import { nodeCrypto } from "../node-crypto.js";
import { HttpError } from "./http-error.js";
import { createRateLimiter, type RateDecision, type RateLimiter } from "./rate-limit.js";

/** Who is calling: the virtual key's name (`local` when no keys are configured) and its limits. */
export interface Caller {
  key: string;
  allowedModels: string[];
  /** The operator: sees every tenant's usage (core/access-policy.ts). The local caller is one. */
  admin: boolean;
  rpm?: number;
}

export interface Authenticator {
  /** True when config holds virtual keys, so every request needs `Authorization: Bearer`. */
  readonly required: boolean;
  /**
   * Resolves the caller and counts the request against its rpm limit: 401 or 429 as HttpError.
   * A promise when the rpm window is shared through Redis.
   */
  authenticate(request: IncomingMessage): Caller | Promise<Caller>;
  /** Resolves the caller without counting a request (dashboard data, /metrics). */
  identify(request: IncomingMessage): Caller;
}

export const LOCAL_CALLER: Caller = Object.freeze({
  key: LOCAL_KEY,
  allowedModels: ["*"],
  admin: true,
}) as Caller;

interface StoredKey {
  caller: Caller;
  digest: Buffer;
}

export function sha256Hex(token: string): string {
  return nodeCrypto().createHash("sha256").update(token, "utf8").digest("hex");
}

function unauthorized(message: string): HttpError {
  // The connection closes after the 401, so an unauthenticated body cannot keep trickling in.
  return new HttpError(401, "invalid_api_key", message, {
    "www-authenticate": 'Bearer realm="modelmux"',
    connection: "close",
  });
}

/** The virtual key from `Authorization: Bearer …`, or from `x-api-key` (how Anthropic's SDKs send it). */
function bearerToken(request: IncomingMessage): string {
  const header = request.headers.authorization;
  if (!header) {
    const apiKey = request.headers["x-api-key"];
    if (typeof apiKey === "string" && apiKey.trim() !== "") return apiKey.trim();
    throw unauthorized(
      "missing Authorization header: send `Authorization: Bearer <virtual key>` (or `x-api-key: <virtual key>`)",
    );
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized("malformed Authorization header: expected `Bearer <virtual key>`");
  return match[1];
}

/** Bearer auth against `config.keys`: only SHA-256 digests are stored and compared in constant time. */
export function createAuthenticator(
  keys: Config["keys"],
  options: { limiter?: RateLimiter } = {},
): Authenticator {
  const limiter = options.limiter ?? createRateLimiter();
  const stored: StoredKey[] = keys.map((key) => ({
    digest: Buffer.from(key.sha256.toLowerCase(), "hex"),
    caller: {
      key: key.name,
      allowedModels: key.models,
      admin: key.admin,
      ...(key.rpm !== undefined && { rpm: key.rpm }),
    },
  }));

  function identify(request: IncomingMessage): Caller {
    if (stored.length === 0) return LOCAL_CALLER;
    const digest = nodeCrypto().createHash("sha256").update(bearerToken(request), "utf8").digest();
    let found: Caller | undefined;
    // Compare with every key, without stopping early, so timing says nothing about which matched.
    for (const key of stored) {
      if (nodeCrypto().timingSafeEqual(key.digest, digest) && !found) found = key.caller;
    }
    if (!found) throw unauthorized("invalid bearer token");
    return found;
  }

  function admit(caller: Caller, decision: RateDecision): Caller {
    if (decision.allowed) return caller;
    throw new HttpError(
      429,
      "rate_limit_exceeded",
      `key "${caller.key}" is limited to ${caller.rpm} requests per minute; retry in ${decision.retryAfterSeconds} s`,
      { "retry-after": String(decision.retryAfterSeconds) },
    );
  }

  function authenticate(request: IncomingMessage): Caller | Promise<Caller> {
    const caller = identify(request);
    if (caller.rpm === undefined) return caller;
    const decision = limiter.take(caller.key, caller.rpm);
    return decision instanceof Promise
      ? decision.then((shared) => admit(caller, shared))
      : admit(caller, decision);
  }

  return { required: stored.length > 0, authenticate, identify };
}

// Moved to the core, which decides who may use what; re-exported for existing importers.
export { assertModelAllowed, isModelAllowed } from "../core/access-policy.js";
