/** Shortest and longest time an answer may stay cached (10 s – 365 days), as the config allows. */
export const MIN_TTL_SECONDS = 10;
export const MAX_TTL_SECONDS = 31_536_000;

export function isValidTtl(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= MIN_TTL_SECONDS && seconds <= MAX_TTL_SECONDS;
}

/** Brings any number into the allowed range (the store never sees a zero or endless TTL). */
export function clampTtl(seconds: number): number {
  if (!Number.isFinite(seconds)) return MIN_TTL_SECONDS;
  return Math.min(MAX_TTL_SECONDS, Math.max(MIN_TTL_SECONDS, Math.round(seconds)));
}
