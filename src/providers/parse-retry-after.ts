/** Minimal header access so both fetch `Headers` and plain lookups work. */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * How long the provider asked us to wait, in ms: `retry-after-ms` (OpenAI, Azure) first, then
 * `retry-after` as seconds or as an HTTP date. Undefined when absent or unparsable.
 */
export function parseRetryAfter(
  headers: HeaderSource | undefined,
  now: number = Date.now(),
): number | undefined {
  if (headers === undefined) return undefined;
  const milliseconds = parseNonNegative(headers.get("retry-after-ms"));
  if (milliseconds !== undefined) return milliseconds;
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number(value);
  // Numeric means seconds; a negative count is nonsense, not a date.
  if (value.trim() !== "" && Number.isFinite(seconds))
    return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function parseNonNegative(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) return undefined;
  return parsed;
}
