import { HttpError } from "../http/http-error.js";

const HOUR_MS = 3_600_000;
const MAX_WINDOW_MS = 90 * 24 * HOUR_MS;

export interface DashboardWindow {
  name: string;
  durationMs: number;
  /** Hourly buckets up to two days; daily beyond, so a chart never holds more than ~90 bars. */
  bucket: "hour" | "day";
  bucketMs: number;
}

/** `?window=` as `<n>h` or `<n>d` (default 24h, at most 90 days); anything else is a 400 naming it. */
export function parseWindow(value: string | null): DashboardWindow {
  const name = value ?? "24h";
  const match = /^(\d{1,4})([hd])$/.exec(name);
  const durationMs = match ? Number(match[1]) * (match[2] === "d" ? 24 * HOUR_MS : HOUR_MS) : 0;
  if (durationMs <= 0 || durationMs > MAX_WINDOW_MS) {
    throw new HttpError(
      400,
      "invalid_request_error",
      `window: expected like 1h, 24h, 7d (at most 90d), got "${name}"`,
    );
  }
  const bucket = durationMs > 48 * HOUR_MS ? "day" : "hour";
  return { name, durationMs, bucket, bucketMs: bucket === "day" ? 24 * HOUR_MS : HOUR_MS };
}
