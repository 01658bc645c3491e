import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { isModelmuxError } from "../../src/errors.js";
import {
  assertModelAllowed,
  createAuthenticator,
  isModelAllowed,
  LOCAL_CALLER,
  sha256Hex,
} from "../../src/http/auth.js";
import { authenticatedCaller, callerKey, toAuthInfo } from "../../src/http/caller-key.js";
import { HttpError } from "../../src/http/http-error.js";
import { createRateLimiter } from "../../src/http/rate-limit.js";

const TEAM_A_TOKEN = "mmx-team-a-0123456789";
const TEAM_B_TOKEN = "mmx-team-b-9876543210";

// Node's IncomingMessage is only read for its headers here.
function requestWith(headers: Record<string, string>): IncomingMessage {
  return { headers } as IncomingMessage;
}

function thrown(action: () => unknown): HttpError {
  try {
    action();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error("expected an HttpError");
}

const keys = parseConfig({
  keys: [
    { name: "team-a", sha256: sha256Hex(TEAM_A_TOKEN), models: ["groq/*", "gpt-4o-mini"], rpm: 2 },
    { name: "team-b", sha256: sha256Hex(TEAM_B_TOKEN).toUpperCase() },
  ],
}).keys;

describe("createAuthenticator", () => {
  it("is the local key with every model when no keys are configured", () => {
    const auth = createAuthenticator([]);
    expect(auth.required).toBe(false);
    expect(auth.authenticate(requestWith({}))).toEqual(LOCAL_CALLER);
    expect(LOCAL_CALLER).toEqual({ key: "local", allowedModels: ["*"], admin: true });
  });

  it("resolves the bearer token's SHA-256 to the key name and its limits", async () => {
    const auth = createAuthenticator(keys);
    expect(auth.required).toBe(true);
    expect(auth.authenticate(requestWith({ authorization: `Bearer ${TEAM_A_TOKEN}` }))).toEqual({
      key: "team-a",
      allowedModels: ["groq/*", "gpt-4o-mini"],
      admin: false,
      rpm: 2,
    });
    // Upper-case hex in config and a lower-case scheme both work.
    expect(await auth.authenticate(requestWith({ authorization: `bearer ${TEAM_B_TOKEN}` }))).toMatchObject({
      key: "team-b",
    });
  });

  it("answers 401 with a WWW-Authenticate challenge for missing, malformed or unknown tokens", () => {
    const auth = createAuthenticator(keys);
    const missing = thrown(() => auth.authenticate(requestWith({})));
    expect(missing.status).toBe(401);
    expect(missing.type).toBe("invalid_api_key");
    expect(missing.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect(missing.message).toMatch(/missing Authorization/);
    expect(thrown(() => auth.authenticate(requestWith({ authorization: "Basic abc" }))).message).toMatch(
      /malformed/,
    );
    const wrong = thrown(() => auth.authenticate(requestWith({ authorization: `Bearer ${TEAM_A_TOKEN}x` })));
    expect(wrong.status).toBe(401);
    expect(wrong.message).not.toContain(TEAM_A_TOKEN);
  });

  it("limits requests per minute per key with 429 and Retry-After; identify() does not count", () => {
    let now = 0;
    const auth = createAuthenticator(keys, { limiter: createRateLimiter({ now: () => now }) });
    const teamA = requestWith({ authorization: `Bearer ${TEAM_A_TOKEN}` });
    // A limiter in memory answers at once: no promise.
    expect(auth.authenticate(teamA)).toMatchObject({ key: "team-a" });
    for (let index = 0; index < 5; index++) auth.identify(teamA);
    now = 30_000;
    expect(auth.authenticate(teamA)).toMatchObject({ key: "team-a" });
    const limited = thrown(() => auth.authenticate(teamA));
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("30");
    expect(limited.message).toContain('key "team-a" is limited to 2 requests per minute');
    // team-b has no rpm
    for (let index = 0; index < 10; index++)
      expect(auth.authenticate(requestWith({ authorization: `Bearer ${TEAM_B_TOKEN}` }))).toMatchObject({
        key: "team-b",
      });
  });
});

describe("allowed models", () => {
  it("matches *, provider wildcards, exact ids and bare ids on any provider", () => {
    expect(isModelAllowed(["*"], "anything")).toBe(true);
    expect(isModelAllowed(["groq/*"], "groq/llama-3.3-70b")).toBe(true);
    expect(isModelAllowed(["groq/*"], "together/llama-3.3-70b")).toBe(false);
    expect(isModelAllowed(["gpt-4o-mini"], "gpt-4o-mini")).toBe(true);
    expect(isModelAllowed(["gpt-4o-mini"], "openai/gpt-4o-mini")).toBe(true);
    expect(isModelAllowed(["gpt-4o-mini"], "gpt-4o")).toBe(false);
    expect(isModelAllowed(["openai/gpt-4o"], "gpt-4o")).toBe(false);
  });

  it("assertModelAllowed throws UNAUTHORIZED naming the model and the key", () => {
    const caller = { key: "team-a", allowedModels: ["groq/*"] };
    expect(() => assertModelAllowed(caller, "groq/llama-3.1-8b")).not.toThrow();
    try {
      assertModelAllowed(caller, "gpt-4o");
      expect.unreachable();
    } catch (error) {
      expect(isModelmuxError(error) && error.code).toBe("UNAUTHORIZED");
      expect((error as Error).message).toBe(
        'model "gpt-4o" is not allowed for key "team-a"; allowed: groq/*',
      );
    }
  });
});

describe("caller key for MCP tools", () => {
  it("reads the key from extra.authInfo and falls back to local (stdio)", () => {
    const caller = { key: "team-a", allowedModels: ["groq/*"], admin: false };
    const authInfo = toAuthInfo(caller);
    expect(authInfo.token).toBe("[redacted]");
    expect(callerKey({ authInfo })).toBe("team-a");
    expect(authenticatedCaller({ authInfo })).toEqual(caller);
    expect(callerKey({})).toBe("local");
    expect(authenticatedCaller(undefined)).toEqual(LOCAL_CALLER);
    // Auth from elsewhere without the caller record is a tenant, never the operator.
    expect(
      authenticatedCaller({ authInfo: { token: "[redacted]", clientId: "team-z", scopes: [] } }),
    ).toEqual({ key: "team-z", allowedModels: ["*"], admin: false });
  });
});
