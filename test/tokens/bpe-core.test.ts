import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BytePairEncodingCore } from "gpt-tokenizer/BytePairEncodingCore";
import o200kRanks from "gpt-tokenizer/bpeRanks/o200k_base";
import { O200K_TOKEN_SPLIT_REGEX } from "gpt-tokenizer/encodingParams/constants";
import { afterAll, describe, expect, it } from "vitest";
import { compactRanksFile, compactRanksText, loadBpeCore } from "../../src/tokens/bpe-core.js";
import { longestStall } from "../support/loop-gaps.js";

/** The members loadBpeCore fills (private in the library's types). */
interface CoreMaps {
  bytePairStringRankEncoder: Map<string, number>;
  bytePairNonUtfRankDecoder: Map<number, Uint8Array>;
  bytePairNonUtfSortedEncoder: [Uint8Array, number][];
  mergeableBytePairRankCount: number;
}
const mapsOf = (core: BytePairEncodingCore) => core as unknown as CoreMaps;

const TEXT =
  "Hello world! Ünïcödé, 日本語のテキスト, नमस्ते, שלום, 12345678901234567890, \u{1F600}\u{1F601} " +
  "function f(x) { return x ** 2; }\n\n\t  trailing   spaces   \u0085\uFEFF end";

describe("o200k_base built in steps", () => {
  const reference = new BytePairEncodingCore({
    bytePairRankDecoder: o200kRanks,
    tokenSplitRegex: O200K_TOKEN_SPLIT_REGEX,
  });
  const directory = mkdtempSync(join(tmpdir(), "modelmux-bpe-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  function expectSameCore(core: BytePairEncodingCore): void {
    const [built, library] = [mapsOf(core), mapsOf(reference)];
    expect(built.mergeableBytePairRankCount).toBe(library.mergeableBytePairRankCount);
    expect(built.bytePairStringRankEncoder.size).toBe(library.bytePairStringRankEncoder.size);
    for (const [text, rank] of library.bytePairStringRankEncoder)
      if (built.bytePairStringRankEncoder.get(text) !== rank) expect.fail(`rank of ${JSON.stringify(text)}`);
    expect(built.bytePairNonUtfRankDecoder).toEqual(library.bytePairNonUtfRankDecoder);
    expect(built.bytePairNonUtfSortedEncoder).toEqual(library.bytePairNonUtfSortedEncoder);
    expect(core.encodeNative(TEXT, new Set())).toEqual(reference.encodeNative(TEXT, new Set()));
  }

  it("from the library's rank module: the same maps as the library's constructor builds", async () => {
    const core = await loadBpeCore("o200k_base", {
      split: O200K_TOKEN_SPLIT_REGEX,
      mergeCacheSize: 16,
      directory: pathToFileURL(`${directory}/`),
    });
    expectSameCore(core);
  }, 60_000);

  it("from the compact copy the build writes, a line at a time, without holding the event loop", async () => {
    mkdirSync(join(directory, "tokenizers"), { recursive: true });
    writeFileSync(join(directory, compactRanksFile("o200k_base")), await compactRanksText("o200k_base"));
    let core: BytePairEncodingCore | undefined;
    const stall = await longestStall(async () => {
      core = await loadBpeCore("o200k_base", {
        split: O200K_TOKEN_SPLIT_REGEX,
        mergeCacheSize: 16,
        directory: pathToFileURL(`${directory}/`),
      });
    });
    if (!core) throw new Error("not loaded");
    expectSameCore(core);
    // Generous for a shared machine (garbage collection included): built at once, as gpt-tokenizer
    // does, it held the loop 0.65-0.75 s on a quiet one.
    expect(stall).toBeLessThan(400);
  }, 60_000);
});
