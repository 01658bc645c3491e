import { beforeAll, describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { parseConfig } from "../../src/config/load-config.js";
import { createInputCounter } from "../../src/tokens/count-input.js";
import { loadTokenizers } from "../../src/tokens/count-tokens.js";
import { proxyFactorOf } from "../../src/tokens/proxy-margin.js";

describe("the o200k_base proxy for other vendors' models", () => {
  beforeAll(() => loadTokenizers());
  const catalog = createCatalog(parseConfig({}), {});

  it("names the tokenizer it stands in for and its measured margin, counting the text once", async () => {
    // Models without their own tokenizer bundled (Qwen3 and Llama 3.1/3.3 have theirs: family-tokenizer.test.ts).
    const qwen = catalog.models.find((model) => model.vendor === "alibaba" && model.encoding === null);
    const llama = catalog.models.find((model) => model.vendor === "meta" && model.encoding === null);
    const claude = catalog.models.find((model) => model.vendor === "anthropic");
    const mistral = catalog.models.find((model) => model.vendor === "mistral" && model.encoding === null);
    const gpt = catalog.getModel("gpt-4o-mini");
    if (!qwen || !llama || !claude || !gpt || !mistral)
      throw new Error("catalog lacks a vendor this test needs");
    const count = await createInputCounter({ text: "नमस्ते दुनिया, 12345678901234" }, [
      qwen,
      llama,
      claude,
      gpt,
      mistral,
    ]);
    expect(count(qwen).exact).toBe(false);
    expect(count(qwen).method).toMatch(
      /proxy; this model's own tokenizer and template are not bundled; the Qwen 3 tokenizer counted .*Hindi 3\.45×/,
    );
    expect(count(llama).method).toMatch(/the Llama 3 tokenizer counted .*Hebrew 2\.81×/);
    expect(count(mistral).method).toMatch(
      /the Mistral NeMo Tekken tokenizer counted .*long digit runs 2\.60×/,
    );
    expect(count(claude).method).toBe(
      "approximate (o200k_base proxy; this model's own tokenizer is not bundled)",
    );
    expect(count(gpt)).toMatchObject({ exact: true, method: "o200k_base" });
    // One proxy count for every approximate model.
    expect(count(qwen).tokens).toBe(count(claude).tokens);
  });

  it("reserves budget by the vendor's measured worst case, never below twice the proxy", () => {
    expect(proxyFactorOf("alibaba")).toBe(3.45);
    expect(proxyFactorOf("meta")).toBe(2.81);
    expect(proxyFactorOf("deepseek")).toBe(2.05);
    expect(proxyFactorOf("mistral")).toBe(2.6);
    expect(proxyFactorOf("anthropic")).toBe(2);
    expect(proxyFactorOf(undefined)).toBe(2);
  });
});
