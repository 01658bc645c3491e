import type { Deployment } from "../catalog/types.js";
import { isDefaultValue } from "../chat/default-params.js";
import type { ForwardedParams } from "../chat/types.js";
import type { Config } from "../config/schema.js";
import { BUILTIN_PROVIDERS } from "../providers/registry.js";
import { builtinUnsupportedParams } from "./builtin-unsupported-params.js";

/** Forwarded parameters the request really sets (not null, not the API's default value). */
export function askedParams(params: ForwardedParams | undefined): string[] {
  if (!params) return [];
  const names: string[] = [];
  for (const name in params) {
    const value = params[name];
    if (value === undefined || value === null || isDefaultValue(name, value)) continue;
    names.push(name);
  }
  return names;
}

export interface ParamSupport {
  /** The asked parameters this deployment does not support (empty when it supports them all). */
  unsupported(deployment: Deployment, asked: readonly string[]): string[];
}

/** What each provider does not support: its config list, else the built-in one for its API. */
export function createParamSupport(config: Pick<Config, "providers">): ParamSupport {
  const lists = new Map<string, Set<string>>();
  const listOf = (provider: string) => {
    let list = lists.get(provider);
    if (!list) {
      const entry = config.providers[provider];
      const spec = BUILTIN_PROVIDERS.find((builtin) => builtin.id === provider);
      const api = entry?.api ?? spec?.api ?? "openai";
      list = new Set(entry?.unsupportedParams ?? builtinUnsupportedParams(provider, api, spec !== undefined));
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
