import type { Deployment } from "../catalog/types.js";
import type { ForwardedParams } from "../chat/types.js";
import type { Config } from "../config/schema.js";

/**
 * Chat parameters that change the answer and that a built-in provider's OpenAI-compatible
 * endpoint documents as unsupported or ignored (`n` means n > 1). A provider's
 * `unsupportedParams` in config replaces its entry; providers not listed support everything.
 */
export const BUILTIN_UNSUPPORTED_PARAMS: Readonly<Record<string, readonly string[]>> = {
  // docs.anthropic.com, "OpenAI SDK compatibility": ignored fields; n must be 1.
  anthropic: [
    "logprobs",
    "top_logprobs",
    "logit_bias",
    "presence_penalty",
    "frequency_penalty",
    "seed",
    "n",
    "prediction",
    "audio",
    "modalities",
  ],
  // console.groq.com, "OpenAI compatibility": not supported; n must be 1.
  groq: ["logprobs", "top_logprobs", "logit_bias", "n"],
};

/** Forwarded parameters the request really sets (`n` only above 1). */
export function askedParams(params: ForwardedParams | undefined): string[] {
  if (!params) return [];
  const names: string[] = [];
  for (const name in params) {
    const value = params[name];
    if (value === undefined || value === null) continue;
    if (name === "n" && !(typeof value === "number" && value > 1)) continue;
    names.push(name);
  }
  return names;
}

export interface ParamSupport {
  /** The asked parameters this deployment does not support (empty when it supports them all). */
  unsupported(deployment: Deployment, asked: readonly string[]): string[];
}

export function createParamSupport(config: Pick<Config, "providers">): ParamSupport {
  const lists = new Map<string, Set<string>>();
  const listOf = (provider: string) => {
    let list = lists.get(provider);
    if (!list) {
      list = new Set(
        config.providers[provider]?.unsupportedParams ?? BUILTIN_UNSUPPORTED_PARAMS[provider] ?? [],
      );
      lists.set(provider, list);
    }
    return list;
  };
  return {
    unsupported(deployment, asked) {
      if (asked.length === 0) return [];
      const list = listOf(deployment.provider);
      return list.size === 0 ? [] : asked.filter((name) => list.has(name));
    },
  };
}

/** The parameters for one deployment with the unsupported ones removed (`drop` mode). */
export function dropUnsupported(params: ForwardedParams, dropped: readonly string[]): ForwardedParams {
  if (dropped.length === 0) return params;
  const kept: ForwardedParams = { ...params };
  for (const name of dropped) delete kept[name];
  return kept;
}
