import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpProcess, spawnHttp, tempDataDir } from "../support/cli-process.js";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream.js";

// Values no vendor-key pattern would catch: only knowing the configuration can scrub them.
const SECRETS = {
  apiKey: "lab-apikey-Qw3rTy7788990011",
  xApiKey: "hdr-xapikey-Zx9Vb8Nm7Lk6Jh5",
  azureHeader: "hdr-azure-Pp0Oo9Ii8Uu7Yy6Tt5",
  query: "qry-azure-Aa1Ss2Dd3Ff4Gg5Hh6",
};

let upstream: FakeUpstream;
let server: HttpProcess;
let dataDir: string;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  upstream.setDefault({ type: "status", status: 401, echoRequest: true });
  dataDir = tempDataDir();
  const config = join(dataDir, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      providers: {
        lab: {
          baseURL: `${upstream.url}?api-version=2024-06-01&api-key=${SECRETS.query}`,
          apiKey: "env:LAB_KEY",
          headers: { "x-api-key": SECRETS.xApiKey, "api-key": "env:LAB_AZURE_KEY" },
          models: { m1: { price: { input: 1, output: 2 } } },
        },
      },
      routing: { exploration: 0, maxAttempts: 1 },
      cache: { store: "off" },
    }),
  );
  server = await spawnHttp({
    args: ["--config", config],
    env: {
      MODELMUX_DATA_DIR: dataDir,
      MODELMUX_LOG_LEVEL: "debug",
      LAB_KEY: SECRETS.apiKey,
      LAB_AZURE_KEY: SECRETS.azureHeader,
    },
  });
});
afterAll(async () => {
  await server?.stop();
  await upstream.close();
});

function leaked(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => name);
}

describe("configured provider credentials never leave modelmux", () => {
  it("an upstream 401 echoing the request's URL and headers reaches neither the client, the log nor the ledger", async () => {
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "lab/m1", messages: [{ role: "user", content: "hi" }] }),
    });
    const body = await response.text();
    expect(response.status).toBe(502);
    // The credentials did go upstream (header values resolved from env:), and came back in its 401.
    const sent = upstream.requests.at(-1);
    expect(sent?.path).toBe("/v1/chat/completions");
    expect(sent?.headers["x-api-key"]).toBe(SECRETS.xApiKey);
    expect(sent?.headers["api-key"]).toBe(SECRETS.azureHeader);
    expect(sent?.headers.authorization).toBe(`Bearer ${SECRETS.apiKey}`);
    expect(body).toContain(
      "lab answered HTTP 401: invalid credentials for /v1/chat/completions?api-version=",
    );
    expect(leaked(body)).toEqual([]);

    await server.stop();
    const log = server.stderr();
    expect(log).toContain("request failed");
    expect(leaked(log)).toEqual([]);
    const ledger = readdirSync(dataDir)
      .filter((file) => file.startsWith("usage.sqlite"))
      .map((file) => readFileSync(join(dataDir, file)).toString("latin1"))
      .join("");
    expect(ledger.length).toBeGreaterThan(0);
    expect(leaked(ledger)).toEqual([]);
  });
});
