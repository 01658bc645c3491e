import { existsSync } from "node:fs";
import { createTurn } from "./bounded-count.js";
import { buildRankTable, type RankTable, rankFile } from "./rank-table.js";

/**
 * OpenAI's o200k_base and cl100k_base ranks as RankTables, loaded without holding the event loop.
 * gpt-tokenizer's own encoding module compiles a 2.4 MB array literal and fills Maps of 200,000
 * strings in one go (0.65-0.75 s on whatever request came first); filled in steps, the strings
 * still cost major garbage collections of 10-80 ms. Here the ranks come from the rank file
 * `npm run build` writes beside the bundle (dist/tokenizers/<encoding>.ranks, read as one Buffer)
 * or, run from source, from the library's rank module; the table is then hashed in steps.
 */
export type RankedEncoding = "o200k_base" | "cl100k_base";

const RANK_MODULES: Record<RankedEncoding, () => Promise<{ default: (string | number[])[] }>> = {
  o200k_base: () => import("gpt-tokenizer/bpeRanks/o200k_base"),
  cl100k_base: () => import("gpt-tokenizer/bpeRanks/cl100k_base"),
};

/** The rank file's name beside the bundle. */
export function rankFileName(encoding: RankedEncoding): string {
  return `tokenizers/${encoding}.ranks`;
}

/** The library's ranks as a rank file (what the build writes). */
export async function libraryRankFile(encoding: RankedEncoding): Promise<Uint8Array> {
  return rankFile((await RANK_MODULES[encoding]()).default);
}

/** The table of `encoding`, from the rank file in `directory` (beside this module by default) or the library. */
export async function loadRankTable(
  encoding: RankedEncoding,
  directory: URL = new URL(".", import.meta.url),
): Promise<RankTable> {
  const file = new URL(rankFileName(encoding), directory);
  const turn = createTurn();
  if (!existsSync(file)) return buildRankTable(await libraryRankFile(encoding), turn);
  // Imported here: node:fs/promises is not needed before the first count (start-up loads this module).
  const { readFile } = await import("node:fs/promises");
  return buildRankTable(await readFile(file), turn);
}
