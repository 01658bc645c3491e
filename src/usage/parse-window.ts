import { ModelmuxError } from "../errors.js";
import type { UsageWindow } from "./usage-types.js";

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Window used when neither `last` nor `since` is given. */
export const DEFAULT_LAST = "24h";

const DURATION = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i;

export interface WindowInput {
  /** A duration back from `until` (default now): `30m`, `24h`, `7d`, `2w`. */
  last?: string;
  /** ISO 8601 date or date-time, or a duration meaning "that long ago" (`7d`). */
  since?: string;
  /** ISO 8601 date or date-time, or a duration ago; default now. */
  until?: string;
}

/** Milliseconds in `30m`, `24h`, `7d`…; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return Number(match[1]) * (UNIT_MS[match[2].toLowerCase()] ?? Number.NaN);
}

function parseInstant(field: string, text: string, now: number): number {
  const duration = parseDuration(text);
  if (duration !== undefined) return now - duration;
  // Date.parse alone accepts loose forms like "1"; require something ISO-shaped first.
  const time = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new ModelmuxError(
      "INVALID_INPUT",
      `${field}: expected an ISO 8601 date or date-time (2025-06-01, 2025-06-01T12:00:00Z) or a duration like 30m, 24h, 7d; got ${JSON.stringify(text)}`,
    );
  }
  return time;
}

/**
 * Turns `last` / `since` / `until` into epoch milliseconds. Errors name the field. Shared by
 * get_usage and `modelmux usage` so both read windows the same way.
 */
export function parseWindow(input: WindowInput, now: number = Date.now()): UsageWindow {
  if (input.last !== undefined && input.since !== undefined) {
    throw new ModelmuxError("INVALID_INPUT", "last: give `last` or `since`, not both");
  }
  const until = input.until === undefined ? now : parseInstant("until", input.until, now);
  let since: number;
  if (input.last !== undefined) {
    const duration = parseDuration(input.last);
    if (duration === undefined || duration <= 0) {
      throw new ModelmuxError(
        "INVALID_INPUT",
        `last: expected a duration like 30m, 24h, 7d or 2w; got ${JSON.stringify(input.last)}`,
      );
    }
    // `last` counts back from `until` (default now).
    since = until - duration;
  } else {
    since = parseInstant("since", input.since ?? DEFAULT_LAST, now);
  }
  if (since >= until) {
    throw new ModelmuxError(
      "INVALID_INPUT",
      `since: must be before until (${new Date(since).toISOString()} is not before ${new Date(until).toISOString()})`,
    );
  }
  return { since, until };
}
