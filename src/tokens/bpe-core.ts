import { existsSync } from "node:fs";
import type { BytePairEncodingCore } from "gpt-tokenizer/BytePairEncodingCore";
import { createTurn } from "./bounded-count.js";

/**
 * gpt-tokenizer's byte-pair core for an OpenAI encoding, built without holding the event loop.
 * The library's own encoding module compiles a 2.4 MB array literal and fills its rank maps in one
 * go: loading o200k_base held the event loop 0.65-0.75 s at once, on whatever request came first
 * (or the HTTP server's warm-up). Here the ranks come from the compact copy `npm run build`
 * writes (dist/tokenizers/<encoding>.jsonl: JSON arrays of RANKS_PER_LINE ranks, one a line,
 * parsed a line per step) or, run from source, from the library's rank module; the maps are then
 * filled in steps that give the event loop back every few ms.
 */
export type BpeRanks = (string | number[])[];
export type RankedEncoding = "o200k_base" | "cl100k_base";

export const RANKS_PER_LINE = 4096;
const RANKS_PER_STEP = 2048;

const RANK_MODULES: Record<RankedEncoding, () => Promise<{ default: BpeRanks }>> = {
  o200k_base: () => import("gpt-tokenizer/bpeRanks/o200k_base"),
  cl100k_base: () => import("gpt-tokenizer/bpeRanks/cl100k_base"),
};

/** The compact copy's file name beside the bundle. */
export function compactRanksFile(encoding: RankedEncoding): string {
  return `tokenizers/${encoding}.jsonl`;
}

/** The library's ranks as the compact copy holds them. */
export async function compactRanksText(encoding: RankedEncoding): Promise<string> {
  const ranks = (await RANK_MODULES[encoding]()).default;
  const lines: string[] = [];
  for (let start = 0; start < ranks.length; start += RANKS_PER_LINE)
    lines.push(JSON.stringify(ranks.slice(start, start + RANKS_PER_LINE)));
  return lines.join("\n");
}

/** What this module sets of the core (private members there; their shape is checked by tests). */
interface CoreMaps {
  bytePairRankDecoder: BpeRanks;
  bytePairStringRankEncoder: Map<string, number>;
  bytePairNonUtfRankDecoder: Map<number, Uint8Array>;
  bytePairNonUtfSortedEncoder: [Uint8Array, number][];
  mergeableBytePairRankCount: number;
}

/** gpt-tokenizer's order of byte sequences (utfUtil's compareUint8Arrays), which its binary search assumes. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++)
    if (a[index] !== b[index]) return (a[index] as number) - (b[index] as number);
  return a.length - b.length;
}

async function readRanks(encoding: RankedEncoding, directory: URL): Promise<BpeRanks> {
  const compact = new URL(compactRanksFile(encoding), directory);
  if (!existsSync(compact)) return (await RANK_MODULES[encoding]()).default;
  const turn = createTurn();
  const ranks: BpeRanks = [];
  // Imported here: node:fs/promises is not needed before the first count (start-up loads this module).
  const { readFile } = await import("node:fs/promises");
  for (const line of (await readFile(compact, "utf8")).split("\n")) {
    for (const rank of JSON.parse(line) as BpeRanks) ranks.push(rank);
    await turn.pause();
  }
  return ranks;
}

/**
 * The core for `encoding`, the same as `new BytePairEncodingCore({ bytePairRankDecoder: ranks, ... })`
 * builds, its maps filled RANKS_PER_STEP ranks at a time.
 */
export async function loadBpeCore(
  encoding: RankedEncoding,
  options: { split: RegExp; mergeCacheSize: number; directory?: URL },
): Promise<BytePairEncodingCore> {
  const ranks = await readRanks(encoding, options.directory ?? new URL(".", import.meta.url));
  // Imported here, not at the top: the server's start-up loads this module, the library only its first count.
  const { BytePairEncodingCore: Core } = await import("gpt-tokenizer/BytePairEncodingCore");
  const turn = createTurn();
  const core = new Core({
    bytePairRankDecoder: [],
    tokenSplitRegex: options.split,
    mergeCacheSize: options.mergeCacheSize,
  });
  const maps = core as unknown as CoreMaps;
  const binary: [Uint8Array, number][] = [];
  let count = 0;
  for (let start = 0; start < ranks.length; start += RANKS_PER_STEP) {
    const end = Math.min(start + RANKS_PER_STEP, ranks.length);
    for (let rank = start; rank < end; rank++) {
      const value = ranks[rank];
      if (value === undefined || value === null) continue;
      count++;
      if (typeof value === "string") {
        maps.bytePairStringRankEncoder.set(value, rank);
        continue;
      }
      const bytes = new Uint8Array(value);
      binary.push([bytes, rank]);
      maps.bytePairNonUtfRankDecoder.set(rank, bytes);
    }
    await turn.pause();
  }
  maps.bytePairRankDecoder = ranks;
  maps.bytePairNonUtfSortedEncoder = binary.sort((a, b) => compareBytes(a[0], b[0]));
  maps.mergeableBytePairRankCount = count;
  return core;
}
