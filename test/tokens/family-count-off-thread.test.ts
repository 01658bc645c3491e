import { describe, expect, it } from "vitest";
import { countMessageTokens, countTextTokens } from "../../src/tokens/count-tokens.js";
import { warmFamilyTokenizers } from "../../src/tokens/family-readiness.js";
import { runOffThread, stopOffThreadWorker } from "../../src/workers/offload.js";
import { connectInMemory, structured } from "../support/in-memory-server.js";
import { longestStall } from "../support/loop-gaps.js";

interface Row {
  model: string;
  input_tokens: number;
  tokens_exact: boolean;
  token_method: string;
}

// A file of its own: family-tokenizer.test.ts loads the vocabularies on this thread, and the
// collection of those heaps alone would show here as a pause.
describe("models counted with their own tokenizer", () => {
  it("count on the worker thread and say exact, without holding the event loop", async () => {
    const llama = { encoding: "llama3" as const, vendor: "meta" };
    let text: Awaited<ReturnType<typeof countTextTokens>> | undefined;
    let chat: Awaited<ReturnType<typeof countMessageTokens>> | undefined;
    const longest = await longestStall(
      async () => {
        // The first count loads the vocabulary (about a second, on the worker).
        text = await countTextTokens("Hello world", llama);
        chat = await countMessageTokens([{ role: "user", content: "Hi there" }], {
          encoding: "qwen3",
          vendor: "alibaba",
        });
      },
      "timer",
      "held",
    );
    expect(text).toEqual({
      tokens: 2,
      exact: true,
      method: "llama3 (Llama 3.1 tokenizer and chat template)",
    });
    // <|im_start|> user \n Hi  there <|im_end|> \n <|im_start|> assistant \n
    expect(chat?.tokens).toBe(10);
    expect(chat?.exact).toBe(true);
    // Generous for a shared machine: loading on this thread would hold it for a second or more.
    expect(longest).toBeLessThan(300);
  }, 60_000);

  it("estimate_cost and compare_models rows say which models were counted exactly", async () => {
    // A fresh tokens thread: no vocabulary loaded.
    await stopOffThreadWorker();
    const session = await connectInMemory();
    try {
      // Hindi, where the o200k_base proxy and the families' tokenizers differ most.
      const prompt = "नमस्ते दुनिया, यह एक परीक्षण है। Summarise it.";
      const models = ["llama-3.3-70b", "qwen3-32b", "gpt-4o-mini", "llama-4-maverick"];
      // Before the vocabularies are loaded, the rows come at once with the proxy, saying so; the
      // call starts their load.
      const early = structured<{ rows: Row[] }>(
        await session.client.callTool({ name: "estimate_cost", arguments: { text: prompt, models } }),
      );
      const earlyByModel = new Map(early.rows.map((row) => [row.model, row]));
      const proxied = earlyByModel.get("llama-4-maverick")?.input_tokens;
      expect(earlyByModel.get("llama-3.3-70b")).toMatchObject({
        tokens_exact: false,
        input_tokens: proxied,
        token_method: expect.stringMatching(
          /^approximate \(o200k_base proxy while the Llama 3\.1 tokenizer and chat template load.*ask again.*the Llama 3 tokenizer counted .*Hebrew 2\.81×/,
        ),
      });
      expect(earlyByModel.get("qwen3-32b")).toMatchObject({
        tokens_exact: false,
        input_tokens: proxied,
        token_method: expect.stringMatching(/while the Qwen3 tokenizer .*Hindi 3\.45×/),
      });
      expect(earlyByModel.get("gpt-4o-mini")?.tokens_exact).toBe(true);
      await warmFamilyTokenizers(["llama3", "qwen3"]);
      const estimate = structured<{ rows: Row[] }>(
        await session.client.callTool({ name: "estimate_cost", arguments: { text: prompt, models } }),
      );
      const byModel = new Map(estimate.rows.map((row) => [row.model, row]));
      expect(byModel.get("llama-3.3-70b")).toMatchObject({
        tokens_exact: true,
        token_method: "llama3 (Llama 3.1 tokenizer and chat template)",
      });
      expect(byModel.get("qwen3-32b")).toMatchObject({
        tokens_exact: true,
        token_method: expect.stringMatching(/^qwen3 /),
      });
      expect(byModel.get("gpt-4o-mini")).toMatchObject({ tokens_exact: true, token_method: "o200k_base" });
      expect(byModel.get("llama-4-maverick")?.tokens_exact).toBe(false);
      // Each family's own count, not the proxy's.
      expect(byModel.get("llama-3.3-70b")?.input_tokens).toBe(
        (await countTextTokens(prompt, { encoding: "llama3" })).tokens,
      );
      expect(byModel.get("qwen3-32b")?.input_tokens).not.toBe(byModel.get("llama-4-maverick")?.input_tokens);

      const compared = structured<{
        models: { id: string; prompt_cost: { tokens_exact: boolean } | null }[];
      }>(
        await session.client.callTool({
          name: "compare_models",
          arguments: { models: ["llama-3.3-70b", "llama-4-maverick"], prompt },
        }),
      );
      expect(compared.models.map((entry) => [entry.id, entry.prompt_cost?.tokens_exact])).toEqual([
        ["llama-3.3-70b", true],
        ["llama-4-maverick", false],
      ]);
    } finally {
      await session.close();
    }
  }, 60_000);

  it("a vocabulary loading on its thread does not hold up other off-thread jobs", async () => {
    const check = () =>
      runOffThread("checkJson", { schemaJson: JSON.stringify({ type: "object" }), text: "{}" });
    // Fresh threads: no vocabulary loaded on the tokens one.
    await stopOffThreadWorker();
    await check();
    const finished: string[] = [];
    // No vocabulary is loaded on the new tokens thread: DeepSeek's first count takes a second or more.
    const counting = countTextTokens("Hello", { encoding: "deepseek_v3", vendor: "deepseek" }).then(() =>
      finished.push("count"),
    );
    const checking = check().then(() => finished.push("check"));
    await Promise.all([counting, checking]);
    expect(finished).toEqual(["check", "count"]);
  }, 60_000);
});
