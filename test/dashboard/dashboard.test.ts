import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/auth.js";
import type { Ledger } from "../../src/usage/ledger.js";
import { startTestHttp } from "../http/http-fixture.js";
import { knownRecords, usageRecord } from "./sample-records.js";

const CHROMIUM = "/usr/bin/chromium";
const OUTPUT = join(import.meta.dirname, "..", "..", "test-output");
const TOKEN = "mmx-dashboard-viewer-31337";

let server: Awaited<ReturnType<typeof startTestHttp>>;
let ledger: Ledger;
let browser: Browser;

beforeAll(async () => {
  // CI installs Debian's chromium (.ci/run); a missing browser is a failure, never a skip.
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (.ci/run does)`);
  }
  // The operator's key: the sample records belong to several keys, and only an admin sees them all.
  server = await startTestHttp({ keys: [{ name: "viewer", sha256: sha256Hex(TOKEN), admin: true }] });
  ledger = server.deps.ledger;
  for (const record of knownRecords(Date.now())) ledger.record(record);
  server.deps.health.recordSuccess("groq/llama-3.3-70b", { latencyMs: 310 });
  server.deps.health.recordSuccess("openai/gpt-4o", { latencyMs: 880 });
  for (let count = 0; count < 5; count++) {
    server.deps.health.recordFailure("together/llama-3.3-70b", { isRetryable: true, status: 503 });
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function figure(page: Page, name: string) {
  return page.locator(`[data-figure="${name}"]`);
}

describe("dashboard in headless Chromium", () => {
  it("asks for the key, then shows the ledger's figures, charts, health and recent requests", async () => {
    const summary = await ledger.summarize({ since: Date.now() - 86_400_000, until: Date.now() + 1 });
    expect(summary.totals).toMatchObject({ requests: 6, cost_usd: 0.5, cache_hit_rate: 0.25 });

    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // Console errors catch CSP violations too; the first, token-less data request is an expected 401.
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().includes("401")) errors.push(message.text());
    });
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.locator("#login").isVisible()).toBe(true);
    await page.fill("#token", TOKEN);
    await page.click("#login button");

    await expect.poll(() => figure(page, "requests").textContent()).toBe("6");
    expect(await figure(page, "spend").textContent()).toBe("$0.5000");
    expect(await figure(page, "cache-hit-rate").textContent()).toBe("25.0%");
    expect(await figure(page, "latency").textContent()).toBe("325 / 850 ms"); // percentile_cont of 3 50 300 350 700 900
    expect(await figure(page, "errors").textContent()).toBe("1 failed (16.7%)");
    expect(await figure(page, "saved").textContent()).toContain("cache $0.1000");

    // Charts: one bar per hour, a bar per model and provider with its spend (a failed request
    // counts under the model it asked for, as the ledger groups it).
    expect(await page.locator("#spend-over-time rect.bar").count()).toBe(25);
    expect(await page.locator('#spend-by-model text.value[data-name="gpt-4o"]').textContent()).toBe(
      "$0.2500 · 2 req",
    );
    expect(await page.locator('#spend-by-provider text.value[data-name="groq"]').textContent()).toBe(
      "$0.1000 · 2 req",
    );
    const health = await page.locator("#health tbody tr").allTextContents();
    expect(health).toHaveLength(3);
    expect(health.find((row) => row.startsWith("together/"))).toContain("open");
    expect(await page.locator("#recent tbody tr").count()).toBe(6);
    expect(await page.locator("#recent tbody tr").first().textContent()).toContain("PROVIDER_CALL_FAILED");

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, "dashboard.png"), fullPage: true });
    expect(errors).toEqual([]);

    // The page refreshes itself: a new request shows up without a reload.
    ledger.record(usageRecord({ model: "gpt-4o", provider: "openai", costUsd: 0.5, cache: "miss" }));
    await expect.poll(() => figure(page, "requests").textContent(), { timeout: 15_000 }).toBe("7");
    expect(await figure(page, "spend").textContent()).toBe("$1.00");
    await page.close();
  });
});
