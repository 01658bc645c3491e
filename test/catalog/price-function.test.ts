import { calcPrice, type Provider, waitForUpdate } from "@pydantic/genai-prices";
import { describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { costAt, quoteDeployment } from "../../src/catalog/deployment-price.js";
import { BUNDLED_PROVIDER_IDS, loadPriceData } from "../../src/catalog/price-data.js";
import { type PriceSheet, quoteSheet } from "../../src/catalog/price-sheet.js";
import type { Deployment } from "../../src/catalog/types.js";
import { parseConfig } from "../../src/config/load-config.js";

const catalog = createCatalog(parseConfig({}), {});

function deploymentOf(id: string): Deployment {
  const { entry, pinnedProvider } = catalog.lookup(id);
  const deployment = entry.deployments.find(
    (candidate) => !pinnedProvider || candidate.provider === pinnedProvider,
  );
  if (!deployment) throw new Error(`no deployment for ${id}`);
  return deployment;
}

describe("price data", () => {
  it("lists every provider of the bundled library data", async () => {
    const providers = (await waitForUpdate()) as Provider[];
    expect([...BUNDLED_PROVIDER_IDS].sort()).toEqual(providers.map((provider) => provider.id).sort());
    expect(loadPriceData().providers).toHaveLength(providers.length);
  });

  it("prices every chat model as genai-prices itself does, at any hour and size", () => {
    const { providers } = loadPriceData();
    const moments = ["2026-12-04T02:00:00Z", "2026-12-04T07:00:00Z", "2026-12-04T20:00:00Z"];
    let checked = 0;
    for (const provider of providers)
      for (const model of provider.models) {
        const sheet = model.prices as PriceSheet;
        for (const iso of moments)
          for (const input of [1000, 300_000]) {
            const at = new Date(iso);
            const usage = {
              input,
              output: 2000,
              cached: input / 2,
              cacheWrite: input / 4,
              audioInput: 100,
              audioOutput: 50,
            };
            const reference = calcPrice(
              {
                input_tokens: usage.input,
                output_tokens: usage.output,
                cache_read_tokens: usage.cached,
                cache_write_tokens: usage.cacheWrite,
                input_audio_tokens: usage.audioInput,
                cache_audio_read_tokens: 0,
                output_audio_tokens: usage.audioOutput,
              },
              model.id,
              { provider, timestamp: at },
            );
            // Models priced in other units (audio, images) are not chat models: skip them.
            if (!reference || reference.model.id !== model.id) continue;
            const keys = Object.keys(reference.model_price);
            if (
              keys.some(
                (key) =>
                  ![
                    "input_mtok",
                    "output_mtok",
                    "cache_read_mtok",
                    "cache_write_mtok",
                    "cache_write_1h_mtok",
                    "web_searches_kcount",
                    "requests_kcount",
                    "input_audio_mtok",
                    "output_audio_mtok",
                  ].includes(key),
              )
            )
              continue;
            const ours = costAt(quoteSheet(sheet, at, usage.input), usage);
            expect(ours, `${provider.id}/${model.id} at ${iso} for ${input}`).toBeCloseTo(
              reference.total_price,
              10,
            );
            checked++;
          }
      }
    expect(checked).toBeGreaterThan(6000);
  });
});

describe("one price function for rows and costs", () => {
  it("quotes DeepSeek V4 Flash by the hour and states its schedule", () => {
    const deployment = deploymentOf("deepseek/deepseek-v4-flash");
    const million = { input: 1_000_000, output: 1_000_000, cached: 0 };
    const peak = new Date("2026-12-04T07:00:00Z");
    const offPeak = new Date("2026-12-04T12:00:00Z");
    expect(catalog.cost(deployment, million, peak)).toBeCloseTo(1.76, 9);
    expect(catalog.cost(deployment, million, offPeak)).toBeCloseTo(0.88, 9);
    const quote = quoteDeployment(deployment, { at: offPeak });
    expect(quote.price).toMatchObject({ input: 0.22, output: 0.66 });
    expect(quote.offPeak).toMatchObject({ input: 0.22, output: 0.66 });
    expect(quote.peak).toMatchObject({ hours_utc: "01:00-04:00,06:00-10:00", input: 0.44, output: 1.32 });
    expect(quoteDeployment(deployment, { at: offPeak, basis: "peak" }).price.input).toBe(0.44);
    expect(quoteDeployment(deployment, { at: peak, basis: "off_peak" }).price.input).toBe(0.22);
    // 7 of 24 hours at peak.
    expect(quoteDeployment(deployment, { at: peak, basis: "average" }).price.input).toBeCloseTo(
      (0.44 * 7 + 0.22 * 17) / 24,
      9,
    );
  });

  it("wraps an off-peak window across midnight", () => {
    const quote = quoteDeployment(deploymentOf("deepseek/deepseek-chat"), {
      at: new Date("2026-12-04T18:00:00Z"),
    });
    expect(quote.offPeak?.hours_utc).toBe("16:30-00:30");
    expect(quote.peak?.hours_utc).toBe("00:30-16:30");
  });

  it("states long-context tiers and prices a request by the tier its size falls in", () => {
    const deployment = deploymentOf("google/gemini-2.5-pro");
    const quote = quoteDeployment(deployment, { inputTokens: 1000 });
    expect(quote.tiers).toEqual([{ above_tokens: 200_000, input: 2.5, output: 15 }]);
    expect(quote.price).toMatchObject({ input: 1.25, output: 10 });
    const large = { input: 250_000, output: 1000, cached: 0 };
    expect(catalog.cost(deployment, large)).toBeCloseTo((250_000 * 2.5 + 1000 * 15) / 1e6, 12);
    expect(quoteDeployment(deploymentOf("openai/gpt-5.4"), {}).tiers?.[0]?.above_tokens).toBe(271_999);
    expect(quoteDeployment(deploymentOf("anthropic/claude-sonnet-4-5"), {}).tiers?.[0]?.above_tokens).toBe(
      200_000,
    );
  });
});
