import type { IncomingHttpHeaders } from "node:http";
import { MAX_TTL_SECONDS, MIN_TTL_SECONDS } from "../cache/ttl.js";
import { TASKS, type Task } from "../catalog/types.js";
import type { CacheMode } from "../core/route-types.js";
import { ModelmuxError } from "../errors.js";
import { ROUTING_PRESET_NAMES, type RoutingPreset } from "../router/presets.js";

/** Per-request orchestration options an OpenAI client can only send as headers. */
export interface RequestOptions {
  preset?: RoutingPreset;
  task?: Task;
  fallbackModels?: string[];
  cache?: { mode?: CacheMode; ttlSeconds?: number };
}

export const OPTION_HEADERS = {
  routing: "x-modelmux-routing",
  task: "x-modelmux-task",
  fallbackModels: "x-modelmux-fallback-models",
  cache: "x-modelmux-cache",
  cacheTtl: "x-modelmux-cache-ttl",
} as const;

const CACHE_MODES: readonly CacheMode[] = ["use", "refresh", "bypass"];
const MAX_FALLBACK_MODELS = 5;

function invalid(header: string, message: string): ModelmuxError {
  return new ModelmuxError("INVALID_INPUT", `${header}: ${message}`, { param: header });
}

function oneOf<T extends string>(header: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((entry) => entry === value.trim().toLowerCase());
  if (found === undefined)
    throw invalid(
      header,
      `expected one of ${allowed.map((entry) => `"${entry}"`).join(", ")}, got "${value}"`,
    );
  return found;
}

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** Reads the `x-modelmux-*` request headers; a bad value is INVALID_INPUT naming the header. */
export function parseOptionHeaders(headers: IncomingHttpHeaders): RequestOptions {
  const options: RequestOptions = {};
  const routing = single(headers, OPTION_HEADERS.routing);
  if (routing !== undefined) options.preset = oneOf(OPTION_HEADERS.routing, routing, ROUTING_PRESET_NAMES);
  const task = single(headers, OPTION_HEADERS.task);
  if (task !== undefined) options.task = oneOf(OPTION_HEADERS.task, task, TASKS);
  const fallbacks = single(headers, OPTION_HEADERS.fallbackModels);
  if (fallbacks !== undefined) {
    const models = fallbacks
      .split(",")
      .map((model) => model.trim())
      .filter((model) => model !== "");
    if (models.length > MAX_FALLBACK_MODELS)
      throw invalid(OPTION_HEADERS.fallbackModels, `at most ${MAX_FALLBACK_MODELS} models`);
    options.fallbackModels = models;
  }
  const mode = single(headers, OPTION_HEADERS.cache);
  const ttl = single(headers, OPTION_HEADERS.cacheTtl);
  if (mode !== undefined || ttl !== undefined) {
    options.cache = {};
    if (mode !== undefined) options.cache.mode = oneOf(OPTION_HEADERS.cache, mode, CACHE_MODES);
    if (ttl !== undefined) {
      const seconds = Number(ttl);
      if (!Number.isInteger(seconds) || seconds < MIN_TTL_SECONDS || seconds > MAX_TTL_SECONDS)
        throw invalid(
          OPTION_HEADERS.cacheTtl,
          `expected whole seconds from ${MIN_TTL_SECONDS} to ${MAX_TTL_SECONDS}, got "${ttl}"`,
        );
      options.cache.ttlSeconds = seconds;
    }
  }
  return options;
}
