import type { MatchLogic, ModelInfo as PricedModelData, Provider } from "@pydantic/genai-prices";

const regexes = new Map<string, RegExp>();

/** genai-prices' name rules (equals, starts_with, …, and/or), case-insensitive as in the library. */
export function matchesRule(rule: MatchLogic, name: string): boolean {
  if ("or" in rule) return rule.or.some((inner) => matchesRule(inner, name));
  if ("and" in rule) return rule.and.every((inner) => matchesRule(inner, name));
  const lower = name.toLowerCase();
  if ("equals" in rule) return lower === rule.equals.toLowerCase();
  if ("starts_with" in rule) return lower.startsWith(rule.starts_with.toLowerCase());
  if ("ends_with" in rule) return lower.endsWith(rule.ends_with.toLowerCase());
  if ("contains" in rule) return lower.includes(rule.contains.toLowerCase());
  if ("regex" in rule) {
    let pattern = regexes.get(rule.regex);
    if (!pattern) {
      pattern = new RegExp(rule.regex);
      regexes.set(rule.regex, pattern);
    }
    return pattern.test(name);
  }
  return false;
}

/** Every literal name a rule accepts (`equals`), lower-cased: the aliases it states outright. */
export function equalsOf(rule: MatchLogic, into: Set<string> = new Set()): Set<string> {
  if ("or" in rule) for (const inner of rule.or) equalsOf(inner, into);
  else if ("equals" in rule) into.add(rule.equals.toLowerCase());
  return into;
}

const SNAPSHOT = /-(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/g;

/** `-20250514` → `-2025-05-14`, the library's second try for dated snapshots. */
export function dashedSnapshot(name: string): string {
  return name.replace(SNAPSHOT, "-$1-$2-$3");
}

/** The price data's model for a provider's model id, as genai-prices finds it (with fallbacks). */
export function findPricedModel(
  providers: readonly Provider[],
  providerId: string,
  modelId: string,
): PricedModelData | undefined {
  const provider = providers.find((candidate) => candidate.id === providerId);
  if (!provider) return undefined;
  const name = modelId.toLowerCase().trim();
  for (const candidate of [name, dashedSnapshot(name)]) {
    const found = provider.models.find((model) => matchesRule(model.match, candidate));
    if (found) return found;
    for (const fallback of provider.fallback_model_providers ?? []) {
      const other = providers.find((entry) => entry.id === fallback);
      const inner = other?.models.find((model) => matchesRule(model.match, candidate));
      if (inner) return inner;
    }
  }
  return undefined;
}
