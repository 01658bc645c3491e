import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import { connectHttp, type HttpProcess, type LabServer, spawnLabServer } from "../support/cli-process.js";
import type { FakeUpstream } from "../support/fake-upstream.js";

// Shaped like no vendor key, so only the logger's knowledge of the configured key can hide it.
const PROVIDER_KEY = "labkey-7d1e0c2b9a8f4e3d5c6b";
const BEARER = "mmx-bearer-0f9e8d7c6b5a4f3e";
const OUTPUT = join(import.meta.dirname, "..", "..", "test-output");

let lab: LabServer;
let upstream: FakeUpstream;
let server: HttpProcess;

beforeAll(async () => {
  lab = await spawnLabServer({
    lab: { models: { m1: { price: { input: 1, output: 2 } } } },
    config: {
      keys: [{ name: "team-a", sha256: sha256Hex(BEARER) }],
      routing: { maxAttempts: 2, timeoutMs: 5000, attemptTimeoutMs: 2000 },
    },
    env: { LAB_KEY: PROVIDER_KEY, MODELMUX_LOG_LEVEL: "trace" },
  });
  ({ server, upstream } = lab);
});

afterAll(async () => {
  await lab?.stop();
});

describe("logs never hold keys or tokens", () => {
  it("keeps the provider key and the bearer token out of stderr and answers, on success and failure", async () => {
    const client = await connectHttp(server.mcpUrl, { authorization: `Bearer ${BEARER}` });
    const call = () =>
      client.callTool({ name: "route_completion", arguments: { model: "lab/m1", prompt: "say hi" } });

    const ok = await call();
    expect(ok.isError).toBeFalsy();
    // The provider echoes the key back in its error, as OpenAI does for a wrong key.
    upstream.enqueue({
      type: "status",
      status: 401,
      body: {
        error: { message: `Incorrect API key provided: ${PROVIDER_KEY}`, type: "invalid_request_error" },
      },
    });
    const rejected = await call();
    expect(rejected.isError).toBe(true);
    upstream.enqueue({ type: "status", status: 500 }, { type: "status", status: 503 });
    expect((await call()).isError).toBe(true);
    await client.close();
    for (const answer of [ok, rejected]) {
      expect(JSON.stringify(answer)).not.toContain(PROVIDER_KEY);
      expect(JSON.stringify(answer)).not.toContain(BEARER);
    }

    // Refused and malformed requests at the door.
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    const wrongToken = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { ...headers, authorization: `Bearer ${BEARER}x` },
      body: "{}",
    });
    expect(wrongToken.status).toBe(401);
    expect(await wrongToken.text()).not.toContain(BEARER);
    const badJson = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { ...headers, authorization: `Bearer ${BEARER}` },
      body: "{nope",
    });
    expect(badJson.status).toBe(400);

    // The key really went upstream, so there was something to leak.
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${PROVIDER_KEY}`);
    await server.stop();
    const stderr = server.stderr();
    // Kept for a human to read (test-output is gitignored).
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(OUTPUT, "log-redaction-stderr.txt"), stderr);
    expect(stderr).toMatch(/"level":\d+/); // structured JSON logs were written
    expect(stderr).not.toContain(PROVIDER_KEY);
    expect(stderr).not.toContain(BEARER);
  });
});
