import type { RouteResult } from "../core/route-types.js";

export const RESULT_HEADERS = [
  "x-modelmux-provider",
  "x-modelmux-model",
  "x-modelmux-deployment",
  "x-modelmux-cost-usd",
  "x-modelmux-cache",
  "x-modelmux-attempts",
  "x-modelmux-latency-ms",
  "x-modelmux-dropped-params",
  "x-modelmux-request-id",
] as const;

// Header values must be visible ASCII: a provider or model named in config could hold anything.
const UNSAFE = /[^\x20-\x7e]/;
const UNSAFE_ALL = /[^\x20-\x7e]/g;

function safe(value: string): string {
  return UNSAFE.test(value) ? value.replace(UNSAFE_ALL, "?") : value;
}

/** Plain decimals (never `1.5e-7`), to the 10 places the ledger keeps. */
function usd(value: number): string {
  return value === 0 ? "0" : value.toFixed(10).replace(/\.?0+$/, "");
}

/** What served the answer, what it cost and how many upstream calls it took, as response headers. */
export function resultHeaders(
  result: Pick<
    RouteResult,
    | "requestId"
    | "provider"
    | "model"
    | "deployment"
    | "costUsd"
    | "cache"
    | "attempts"
    | "latencyMs"
    | "droppedParams"
  >,
): Partial<Record<(typeof RESULT_HEADERS)[number], string>> {
  // Built by assignment: a literal that begins with a spread is ~30x slower on Node 20 (see extendable-copy.ts).
  const headers: Partial<Record<(typeof RESULT_HEADERS)[number], string>> = {};
  if (result.requestId) headers["x-modelmux-request-id"] = result.requestId;
  headers["x-modelmux-provider"] = safe(result.provider);
  headers["x-modelmux-model"] = safe(result.model);
  headers["x-modelmux-deployment"] = safe(result.deployment);
  headers["x-modelmux-cost-usd"] = usd(result.costUsd);
  headers["x-modelmux-cache"] = result.cache;
  headers["x-modelmux-attempts"] = String(result.attempts.length);
  headers["x-modelmux-latency-ms"] = String(result.latencyMs);
  // Only when a parameter was removed for the serving deployment (`routing.unsupportedParams: "drop"`).
  if (result.droppedParams && result.droppedParams.length > 0)
    headers["x-modelmux-dropped-params"] = safe(result.droppedParams.join(", "));
  return headers;
}
