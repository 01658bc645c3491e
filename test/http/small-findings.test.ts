import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import { spawnHttp } from "../support/cli-process.js";
import { startFakeUpstream } from "../support/fake-upstream.js";
import { rawRequest, startTestHttp } from "./http-fixture.js";

function chat(url: string, model: string, token?: string): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
  });
}

async function errorMessage(response: Response): Promise<string> {
  return ((await response.json()) as { error: { message: string } }).error.message;
}

describe("the open-breaker error", () => {
  it("says the circuit breaker is open and when it cools down", async () => {
    const upstream = await startFakeUpstream();
    const server = await startTestHttp({
      providers: { lab: { baseURL: upstream.url, models: { m1: { price: { input: 1, output: 2 } } } } },
      routing: { exploration: 0, maxAttempts: 1, breaker: { failureThreshold: 2, cooldownMs: 60_000 } },
      cache: { store: "off" },
    });
    try {
      upstream.setDefault({ type: "status", status: 500 });
      for (let call = 0; call < 2; call++) expect((await chat(server.url, "lab/m1")).status).toBe(502);
      const refused = await chat(server.url, "lab/m1");
      expect(refused.status).toBe(502);
      expect(await errorMessage(refused)).toMatch(
        /the circuit breaker for lab\/m1 is open after 2 consecutive failures; it cools down at \d{4}-\d\d-\d\dT[\d:.]+Z \(in \d+ s\)/,
      );
      expect(upstream.requests).toHaveLength(2);
    } finally {
      await server.stop();
      await upstream.close();
    }
  });
});

describe('"did you mean" for a virtual key', () => {
  it("suggests only models the key may use", async () => {
    const upstream = await startFakeUpstream();
    const token = "mmx-suggest-key-424242";
    const server = await startTestHttp({
      providers: {
        pa: { baseURL: upstream.url, models: { "secret-model-x": { price: { input: 1, output: 2 } } } },
        pb: { baseURL: upstream.url, models: { "public-model-x": { price: { input: 1, output: 2 } } } },
      },
      keys: [{ name: "team-b", sha256: sha256Hex(token), models: ["pb/*"] }],
      cache: { store: "off" },
    });
    try {
      const response = await chat(server.url, "secret-model-y", token);
      expect(response.status).toBe(404);
      const message = await errorMessage(response);
      expect(message).toMatch(/unknown model "secret-model-y"; did you mean "public-model-x"/);
      expect(message).not.toContain("secret-model-x");
      expect(upstream.requests).toHaveLength(0);
    } finally {
      await server.stop();
      await upstream.close();
    }
  });
});

describe("--host [::1]", () => {
  it("listens on IPv6 loopback and keeps the Host check", async () => {
    const server = await spawnHttp({ args: ["--host", "[::1]"] });
    try {
      expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect((await fetch(`${server.url}/v1/models`)).status).toBe(200);
      const port = new URL(server.url).port;
      const forged = await rawRequest(`${server.url}/v1/models`, {
        headers: { host: `evil.example:${port}` },
      });
      expect(forged.status).toBe(403);
    } finally {
      await server.stop();
    }
  });
});
