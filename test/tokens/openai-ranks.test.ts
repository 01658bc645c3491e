import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BytePairEncodingCore } from "gpt-tokenizer/BytePairEncodingCore";
import cl100kRanks from "gpt-tokenizer/bpeRanks/cl100k_base";
import o200kRanks from "gpt-tokenizer/bpeRanks/o200k_base";
import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from "gpt-tokenizer/encodingParams/constants";
import { afterAll, describe, expect, it } from "vitest";
import { createTurn } from "../../src/tokens/bounded-count.js";
import { bytePairCounter } from "../../src/tokens/byte-pair-counter.js";
import {
  libraryRankFile,
  loadRankTable,
  type RankedEncoding,
  rankFileName,
} from "../../src/tokens/openai-ranks.js";
import { buildRankTable, type RankTable, rankFile } from "../../src/tokens/rank-table.js";
import { fixedLibraryCore } from "../support/gpt-tokenizer-reference.js";
import { longestStall } from "../support/loop-gaps.js";

const LIBRARY: Record<RankedEncoding, { ranks: (string | number[])[]; split: RegExp }> = {
  o200k_base: { ranks: o200kRanks, split: O200K_TOKEN_SPLIT_REGEX },
  cl100k_base: { ranks: cl100kRanks, split: CL100K_TOKEN_SPLIT_REGEX },
};

const TEXT =
  "Hello world! Ünïcödé, 日本語のテキスト, नमस्ते, שלום, 12345678901234567890, \u{1F600}\u{1F601} " +
  "function f(x) { return x ** 2; }\n\n\t  trailing   spaces   \u0085\uFEFF end \uFEFFusing \uD800 lone";

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** gpt-tokenizer's core for the library's ranks, with the byte-order-mark fix: the reference. */
function libraryCore(encoding: RankedEncoding): BytePairEncodingCore {
  const { ranks, split } = LIBRARY[encoding];
  return fixedLibraryCore(ranks, split);
}

/**
 * Every rank of the library found in the table at its own bytes, and as the library's core finds
 * it (getBpeRankFromBytes, which the merges use); the table holds nothing else.
 */
function expectSameRanks(encoding: RankedEncoding, table: RankTable): void {
  const { ranks } = LIBRARY[encoding];
  // The lookup the library's merges use (private in its types).
  const core = libraryCore(encoding) as unknown as {
    getBpeRankFromBytes(key: Uint8Array): number | undefined;
  };
  const lookUp = (bytes: Uint8Array) => core.getBpeRankFromBytes(bytes);
  expect(table.size).toBe(ranks.length);
  expect(table.count).toBe(Object.keys(ranks).length);
  const wrong: string[] = [];
  ranks.forEach((value, rank) => {
    const bytes = typeof value === "string" ? utf8.encode(value) : Uint8Array.from(value);
    const found = table.rankOf(bytes, 0, bytes.length);
    if (found !== rank || lookUp(bytes) !== rank) wrong.push(`${rank}: ${found}`);
    if (Buffer.compare(table.bytesOf(rank), bytes) !== 0) wrong.push(`${rank}: bytes`);
  });
  expect(wrong.slice(0, 10)).toEqual([]);
}

describe("OpenAI ranks as a rank table", () => {
  const directory = mkdtempSync(join(tmpdir(), "modelmux-ranks-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  for (const encoding of ["o200k_base", "cl100k_base"] as const) {
    it(`${encoding}: every rank of the library, from its rank module`, async () => {
      const table = await loadRankTable(encoding, pathToFileURL(`${directory}/none/`));
      expectSameRanks(encoding, table);
    }, 60_000);

    it(`${encoding}: the same ids as the library's core, whole pieces or merged`, async () => {
      const counter = bytePairCounter(
        await loadRankTable(encoding, pathToFileURL(`${directory}/none/`)),
        LIBRARY[encoding].split,
      );
      const core = libraryCore(encoding);
      for (const text of [TEXT, TEXT.repeat(3), "\uFEFF", "\uFEFF\uFEFF", "x\uFEFF\uFEFF y"])
        expect(counter.encode(text), JSON.stringify(text.slice(0, 30))).toEqual(
          core.encodeNative(text, new Set()),
        );
    });

    it(`${encoding}: the library's tokens kept as bytes though valid UTF-8 (a leading BOM) merge to themselves`, () => {
      // The counter looks a whole pre-token up by its bytes; the library by its text, which misses
      // these, and merges it instead. Both give the same id only because each merges to itself.
      const core = libraryCore(encoding) as unknown as { bytePairMerge(bytes: Uint8Array): number[] };
      let checked = 0;
      LIBRARY[encoding].ranks.forEach((value, rank) => {
        if (typeof value === "string") return;
        const bytes = Uint8Array.from(value);
        try {
          strictUtf8.decode(bytes);
        } catch {
          return;
        }
        checked++;
        expect(core.bytePairMerge(bytes), `rank ${rank}`).toEqual([rank]);
      });
      expect(checked).toBeGreaterThan(0);
    });
  }

  it("a later rank with the same bytes wins, as in the library's Map; holes are no tokens", async () => {
    const table = await buildRankTable(
      rankFile(["a", "b", undefined, "ab", [0x61, 0x62], [0xff]]),
      createTurn(),
    );
    const key = (text: string) => utf8.encode(text);
    expect(table.rankOf(key("ab"), 0, 2)).toBe(4);
    expect(table.rankOf(key("a"), 0, 1)).toBe(0);
    expect(table.rankOf(Uint8Array.of(0xff), 0, 1)).toBe(5);
    expect(table.rankOf(key("c"), 0, 1)).toBe(-1);
    expect(table.size).toBe(6);
    expect(table.count).toBe(5);
    expect(table.bytesOf(2).length).toBe(0);
  });

  it("refuses a rank file whose lengths and bytes disagree", async () => {
    const file = rankFile(["a", "bc"]);
    await expect(buildRankTable(file.subarray(0, file.length - 1), createTurn())).rejects.toThrow(
      /do not add up/,
    );
  });

  it("o200k_base from the rank file the build writes, without holding the event loop", async () => {
    mkdirSync(join(directory, "tokenizers"), { recursive: true });
    writeFileSync(join(directory, rankFileName("o200k_base")), await libraryRankFile("o200k_base"));
    let table: RankTable | undefined;
    const stall = await longestStall(
      async () => {
        table = await loadRankTable("o200k_base", pathToFileURL(`${directory}/`));
      },
      "immediate",
      "held",
    );
    if (!table) throw new Error("not loaded");
    expectSameRanks("o200k_base", table);
    // Generous for a shared machine: built at once, as gpt-tokenizer does, it held the loop
    // 0.65-0.75 s on a quiet one; as a table, a few ms (bench/tokens.ts).
    expect(stall).toBeLessThan(200);
  }, 60_000);
});
