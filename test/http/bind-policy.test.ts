import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import { runCli, spawnHttp, tempDataDir } from "../support/cli-process.js";

function configWithKey(token: string): string {
  const file = join(tempDataDir(), "keys.json");
  writeFileSync(file, JSON.stringify({ keys: [{ name: "ops", sha256: sha256Hex(token), admin: true }] }));
  return file;
}

describe("modelmux http bind policy (spawned CLI)", () => {
  it("refuses to listen beyond loopback without virtual keys: exit 2 with a clear message", async () => {
    const result = await runCli(["http", "--host", "0.0.0.0", "--port", "0"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("refusing to listen on 0.0.0.0 without virtual keys");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("listens beyond loopback when keys are configured, and then requires the token", async () => {
    const token = "mmx-ops-token-4242424242";
    const server = await spawnHttp({ args: ["--host", "0.0.0.0", "--config", configWithKey(token)] });
    try {
      const local = server.url.replace("0.0.0.0", "127.0.0.1");
      expect((await fetch(`${local}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`${local}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(200);
      // The built package serves the dashboard's files from dist/static.
      const page = await fetch(`${local}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<title>modelmux dashboard</title>");
    } finally {
      await server.stop();
    }
  });
});
