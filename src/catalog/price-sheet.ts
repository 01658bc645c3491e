import type { ConditionalPrice, ModelPrice } from "@pydantic/genai-prices";

/**
 * A deployment's prices as genai-prices states them: one price list, or several with a
 * start-date or time-of-day constraint each (the last one that applies wins, as in the library).
 * Values are USD per 1M tokens (`*_mtok`), or per 1,000 requests (`requests_kcount`), and may be
 * tiered by the request's input size.
 */
export type PriceSheet = ConditionalPrice[] | ModelPrice;

/** Unit prices of one request, USD per 1M tokens (perRequest: USD per request). */
export interface UnitPrice {
  input: number;
  output: number;
  cachedInput?: number;
  /** Tokens written to the provider's prompt cache (Anthropic bills them above the input price). */
  cacheWrite?: number;
  perRequest?: number;
  /** Audio tokens, where the price data prices them apart from text. */
  inputAudio?: number;
  outputAudio?: number;
}

interface RawTiered {
  base: number;
  tiers: { start: number; price: number }[];
}

const DAY_SECONDS = 86_400;

/** `HH:MM:SS[.fff](Z|±HH:MM)` → seconds after 00:00 UTC, as genai-prices reads it. */
export function secondsOfDay(time: string): number {
  const match = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/.exec(time);
  if (!match) throw new Error(`invalid time of day in price data: ${time}`);
  const [, hours, minutes, seconds, zone, sign, offsetHours = "0", offsetMinutes = "0"] = match;
  const local = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  const offset =
    zone === "Z" ? 0 : (sign === "+" ? 1 : -1) * (Number(offsetHours) * 3600 + Number(offsetMinutes) * 60);
  return (((local - offset) % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS;
}

function utcSeconds(at: Date): number {
  return (
    at.getUTCHours() * 3600 + at.getUTCMinutes() * 60 + at.getUTCSeconds() + at.getUTCMilliseconds() / 1000
  );
}

function inWindow(second: number, start: number, end: number): boolean {
  return end < start ? second >= start || second < end : second >= start && second < end;
}

/** The price list in force at `at`. */
export function pricesAt(sheet: PriceSheet, at: Date): ModelPrice {
  if (!Array.isArray(sheet)) return sheet;
  for (let index = sheet.length - 1; index >= 0; index--) {
    const entry = sheet[index] as ConditionalPrice;
    const constraint = entry.constraint;
    if (!constraint) return entry.prices;
    if (constraint.type === "start_date") {
      if (at >= new Date(constraint.start_date)) return entry.prices;
    } else if (
      inWindow(utcSeconds(at), secondsOfDay(constraint.start_time), secondsOfDay(constraint.end_time))
    ) {
      return entry.prices;
    }
  }
  return (sheet[0] as ConditionalPrice).prices;
}

function tiered(value: unknown): RawTiered | null {
  return typeof value === "object" && value !== null && "base" in value ? (value as RawTiered) : null;
}

/** One price key's value for a request of `inputTokens` input tokens (tiers count total input). */
function unitValue(value: unknown, inputTokens: number): number | undefined {
  if (typeof value === "number") return value;
  const steps = tiered(value);
  if (!steps) return undefined;
  let price = steps.base;
  for (const tier of [...steps.tiers].sort((a, b) => a.start - b.start))
    if (inputTokens > tier.start) price = tier.price;
  return price;
}

function unitPriceOf(prices: ModelPrice, inputTokens: number): UnitPrice {
  const price: UnitPrice = {
    input: unitValue(prices.input_mtok, inputTokens) ?? 0,
    output: unitValue(prices.output_mtok, inputTokens) ?? 0,
  };
  const cached = unitValue(prices.cache_read_mtok, inputTokens);
  if (cached !== undefined) price.cachedInput = cached;
  const written = unitValue(prices.cache_write_mtok, inputTokens);
  if (written !== undefined) price.cacheWrite = written;
  const inputAudio = unitValue(prices.input_audio_mtok, inputTokens);
  if (inputAudio !== undefined) price.inputAudio = inputAudio;
  const outputAudio = unitValue(prices.output_audio_mtok, inputTokens);
  if (outputAudio !== undefined) price.outputAudio = outputAudio;
  const perThousand = unitValue(prices.requests_kcount, inputTokens);
  if (perThousand) price.perRequest = perThousand / 1000;
  return price;
}

/** Price of a request of `inputTokens` input tokens at `at`: the one price function behind every quote. */
export function quoteSheet(sheet: PriceSheet, at: Date, inputTokens: number): UnitPrice {
  return unitPriceOf(pricesAt(sheet, at), inputTokens);
}

/** Long-context tiers: above `above_tokens` input tokens the whole request is priced higher. */
export interface PriceTier {
  above_tokens: number;
  input: number;
  output: number;
}

export function tiersOf(sheet: PriceSheet, at: Date): PriceTier[] {
  const prices = pricesAt(sheet, at);
  const starts = new Set<number>();
  for (const value of Object.values(prices))
    for (const tier of tiered(value)?.tiers ?? []) starts.add(tier.start);
  return [...starts]
    .sort((a, b) => a - b)
    .map((start) => {
      const price = unitPriceOf(prices, start + 1);
      return { above_tokens: start, input: price.input, output: price.output };
    });
}

/** One stretch of the UTC day with one price. */
export interface PriceWindow {
  hours_utc: string;
  input: number;
  output: number;
  /** Share of the day at this price (0–1). */
  share: number;
}

function clock(second: number): string {
  const minutes = Math.round(second / 60) % (24 * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/**
 * The day's price windows when the price changes with the time of day (null otherwise), on
 * the UTC day of `at`: cheapest first, so `[0]` is off-peak and the last one peak.
 */
export function dailyWindows(sheet: PriceSheet, at: Date, inputTokens: number): PriceWindow[] | null {
  if (!Array.isArray(sheet)) return null;
  const cuts = new Set<number>([0]);
  for (const entry of sheet)
    if (entry.constraint?.type === "time_of_date") {
      cuts.add(secondsOfDay(entry.constraint.start_time));
      cuts.add(secondsOfDay(entry.constraint.end_time));
    }
  if (cuts.size === 1) return null;
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const bounds = [...cuts].sort((a, b) => a - b);
  bounds.push(DAY_SECONDS);
  // Consecutive stretches with the same price merge; the last merges with the first across midnight.
  const stretches: { start: number; end: number; price: UnitPrice }[] = [];
  for (let index = 0; index < bounds.length - 1; index++) {
    const start = bounds[index] as number;
    const end = bounds[index + 1] as number;
    const price = unitPriceOf(pricesAt(sheet, new Date(day + ((start + end) / 2) * 1000)), inputTokens);
    const last = stretches.at(-1);
    if (last && last.price.input === price.input && last.price.output === price.output) last.end = end;
    else stretches.push({ start, end, price });
  }
  const first = stretches[0];
  const last = stretches.at(-1);
  if (
    first &&
    last &&
    first !== last &&
    first.price.input === last.price.input &&
    first.price.output === last.price.output
  ) {
    first.start = last.start - DAY_SECONDS;
    stretches.pop();
  }
  const byPrice = new Map<string, PriceWindow>();
  for (const stretch of stretches) {
    const key = `${stretch.price.input}/${stretch.price.output}`;
    const hours = `${clock((stretch.start + DAY_SECONDS) % DAY_SECONDS)}-${clock(stretch.end)}`;
    const share = (stretch.end - stretch.start) / DAY_SECONDS;
    const window = byPrice.get(key);
    if (window) {
      window.hours_utc += `,${hours}`;
      window.share += share;
    } else {
      byPrice.set(key, { hours_utc: hours, input: stretch.price.input, output: stretch.price.output, share });
    }
  }
  if (byPrice.size < 2) return null;
  return [...byPrice.values()].sort((a, b) => a.input + a.output - (b.input + b.output));
}

/** A moment inside a window's first stretch, to price "off-peak" or "peak" on the day of `at`. */
export function momentIn(window: PriceWindow, at: Date): Date {
  const [startText] = window.hours_utc.split(/[-,]/);
  const [hours, minutes] = (startText ?? "00:00").split(":").map(Number);
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return new Date(day + ((hours ?? 0) * 60 + (minutes ?? 0) + 1) * 60_000);
}
