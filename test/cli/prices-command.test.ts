import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { loadPriceData, STORED_PRICES_FILE } from "../../src/catalog/price-data.js";
import { runPricesUpdate } from "../../src/cli/prices-command.js";
import { parseConfig } from "../../src/config/load-config.js";
import { CLI_ARGS, cleanEnv, tempDataDir } from "../support/cli-process.js";

/** The bundled data with gpt-4o's OpenAI price changed, as a newer published file would have it. */
function newerData(input: number): string {
  const providers = structuredClone(loadPriceData().providers) as unknown as {
    id: string;
    models: { id: string; prices: unknown }[];
  }[];
  const gpt4o = providers
    .find((provider) => provider.id === "openai")
    ?.models.find((model) => model.id === "gpt-4o");
  if (!gpt4o) throw new Error("gpt-4o missing from the bundled data");
  gpt4o.prices = { input_mtok: input, output_mtok: 7, cache_read_mtok: input / 2 };
  return JSON.stringify(providers);
}

const gpt4oInput = (dataDir: string) =>
  createCatalog(parseConfig({}), {}, { dataDir })
    .getModel("gpt-4o")
    ?.deployments.find((d) => d.provider === "openai")?.price.input;

let server: ReturnType<typeof createServer>;
let baseUrl = "";
const served = { body: newerData(1.75), status: 200 };

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(served.status, { "content-type": "application/json" });
    response.end(served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("modelmux prices update", () => {
  it("stores a local file, which the next catalog prices with and names as its source", async () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, "data.json");
    writeFileSync(file, newerData(1.5));
    expect(gpt4oInput(dataDir)).toBe(2.5);
    const lines: string[] = [];
    const info = await runPricesUpdate(
      { from: file },
      { dataDir, now: new Date("2026-12-04T10:00:00Z"), write: (line) => lines.push(line) },
    );
    expect(info).toMatchObject({ source: file, date: "2026-12-04" });
    expect(lines.join("")).toMatch(/stored prices for \d+ models from \d+ providers/);
    const catalog = createCatalog(parseConfig({}), {}, { dataDir });
    expect(catalog.getModel("gpt-4o")?.deployments.find((d) => d.provider === "openai")?.price.input).toBe(
      1.5,
    );
    expect(catalog.priceData).toMatchObject({ source: file, date: "2026-12-04" });
  });

  it("downloads from a URL (a local server here)", async () => {
    const dataDir = tempDataDir();
    await runPricesUpdate({ url: `${baseUrl}/data.json` }, { dataDir, write: () => {} });
    expect(gpt4oInput(dataDir)).toBe(1.75);
  });

  it("refuses a bad file or answer and keeps the stored data", async () => {
    const dataDir = tempDataDir();
    const good = join(dataDir, "good.json");
    writeFileSync(good, newerData(1.25));
    await runPricesUpdate({ from: good }, { dataDir, write: () => {} });
    const bad = join(dataDir, "bad.json");
    writeFileSync(bad, JSON.stringify([{ id: "x", models: [{ id: "m" }] }]));
    await expect(runPricesUpdate({ from: bad }, { dataDir, write: () => {} })).rejects.toThrow(
      /not genai-prices data.*models\[0\]/,
    );
    await expect(runPricesUpdate({ from: join(dataDir, "missing.json") }, { dataDir })).rejects.toThrow(
      /--from: cannot read/,
    );
    served.status = 503;
    await expect(runPricesUpdate({ url: `${baseUrl}/data.json` }, { dataDir })).rejects.toThrow(/HTTP 503/);
    served.status = 200;
    expect(gpt4oInput(dataDir)).toBe(1.25);
  });

  it("falls back to the bundled data when the stored file is damaged", () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, STORED_PRICES_FILE), "{not json");
    expect(gpt4oInput(dataDir)).toBe(2.5);
  });

  it("runs as a command: stores, then a bad flag exits 2", () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, "data.json");
    writeFileSync(file, newerData(1.1));
    const env = { ...cleanEnv(), MODELMUX_DATA_DIR: dataDir };
    const ok = spawnSync(process.execPath, [...CLI_ARGS, "prices", "update", "--from", file], {
      env,
      encoding: "utf8",
    });
    expect(ok.stderr).toMatch(/stored prices for/);
    expect(ok.status).toBe(0);
    expect(existsSync(join(dataDir, STORED_PRICES_FILE))).toBe(true);
    expect(JSON.parse(readFileSync(join(dataDir, STORED_PRICES_FILE), "utf8")).length).toBeGreaterThan(10);
    const bad = spawnSync(
      process.execPath,
      [...CLI_ARGS, "prices", "update", "--from", file, "--url", baseUrl],
      {
        env,
        encoding: "utf8",
      },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/give one, not both/);
    const wrong = spawnSync(process.execPath, [...CLI_ARGS, "prices", "refresh"], { env, encoding: "utf8" });
    expect(wrong.status).toBe(2);
  });
});
