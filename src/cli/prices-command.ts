import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  loadPriceData,
  type PriceDataInfo,
  parseProviderData,
  STORED_PRICES_FILE,
  STORED_PRICES_META,
} from "../catalog/price-data.js";
import { type PriceSheet, quoteSheet } from "../catalog/price-sheet.js";
import { errorMessage, ModelmuxError } from "../errors.js";

/** genai-prices' published data file (the same URL the library's own updater reads). */
export const PRICES_DATA_URL =
  "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json";

/** Longest a download may take, and the largest file taken (today's is ~2 MB). */
const FETCH_TIMEOUT_MS = 30_000;
const MAX_BYTES = 50 * 1024 * 1024;

export interface PricesUpdateArgs {
  /** Read this file instead of downloading. */
  from?: string;
  /** Download from here (default PRICES_DATA_URL). */
  url?: string;
}

async function download(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    throw new ModelmuxError("INVALID_INPUT", `could not fetch ${url}: ${errorMessage(error)}`);
  }
  if (!response.ok)
    throw new ModelmuxError("INVALID_INPUT", `could not fetch ${url}: HTTP ${response.status}`);
  const length = Number(response.headers.get("content-length") ?? 0);
  if (length > MAX_BYTES)
    throw new ModelmuxError("INVALID_INPUT", `${url}: ${length} bytes is more than a price file`);
  const text = await response.text();
  if (text.length > MAX_BYTES)
    throw new ModelmuxError("INVALID_INPUT", `${url}: more than ${MAX_BYTES} bytes`);
  return text;
}

/**
 * `modelmux prices update`: fetches genai-prices' published data (or reads `--from FILE`),
 * checks that every price in it can be quoted, and stores it in the data dir, where the next
 * start picks it up. A bad file is refused and the stored data stays as it was.
 */
export async function runPricesUpdate(
  args: PricesUpdateArgs,
  options: { dataDir: string; now?: Date; write?: (line: string) => void },
): Promise<PriceDataInfo> {
  const source = args.from ?? args.url ?? PRICES_DATA_URL;
  const text = args.from ? readFromFile(args.from) : await download(source);
  let models = 0;
  try {
    const providers = parseProviderData(text);
    const now = options.now ?? new Date();
    for (const provider of providers)
      for (const model of provider.models) {
        quoteSheet(model.prices as PriceSheet, now, 0);
        models++;
      }
    const info: PriceDataInfo = {
      source,
      version: "genai-prices data.json",
      date: now.toISOString().slice(0, 10),
    };
    mkdirSync(options.dataDir, { recursive: true });
    // Written whole then renamed, so a reader never sees half a file.
    const file = join(options.dataDir, STORED_PRICES_FILE);
    writeFileSync(`${file}.tmp`, text);
    writeFileSync(join(options.dataDir, STORED_PRICES_META), `${JSON.stringify(info, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    const stored = loadPriceData(options.dataDir);
    if (stored.info.source !== source) throw new Error("the stored file could not be read back");
    (options.write ?? ((line) => process.stderr.write(line)))(
      `modelmux: stored prices for ${models} models from ${providers.length} providers (${source}) in ${file}; used from the next start\n`,
    );
    return info;
  } catch (error) {
    if (error instanceof ModelmuxError) throw error;
    throw new ModelmuxError("INVALID_INPUT", `${source}: not genai-prices data: ${errorMessage(error)}`);
  }
}

function readFromFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new ModelmuxError("INVALID_INPUT", `--from: cannot read ${file}: ${errorMessage(error)}`);
  }
}
