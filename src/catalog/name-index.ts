import { distance } from "fastest-levenshtein";
import { dashedSnapshot, matchesRule } from "./match-rule.js";
import { familyOf, MAX_NAME_LENGTH, modelKey, vendorOfName } from "./model-names.js";
import type { NameRule } from "./priced-models.js";
import type { Steps } from "./stepwise.js";
import type { CatalogEntry } from "./types.js";

export interface NameIndex {
  /** The one entry a name means, or undefined. */
  find(name: string): CatalogEntry | undefined;
  /** Only an id, stated alias or provider model id, exactly (case aside). */
  findExact(name: string): CatalogEntry | undefined;
  /** Close names for an unknown one: same family, then same vendor, then by edit distance. */
  suggest(name: string, count: number): string[];
}

/**
 * Resolves a name in this order, first hit wins: an entry id or stated alias; the same with a
 * dated snapshot dashed (`-20250514` → `-2025-05-14`); the price data's own match rules
 * (first-party providers first); the model key (dots/dashes, prefixes, host suffixes); and a
 * bare family name (`mistral-large`) when exactly one current entry continues it with a version.
 * Routable entries are indexed first, so a name both kinds know goes to the routable one.
 * Built in steps (see stepwise.ts).
 */
const ENTRIES_PER_STEP = 50;

export function* createNameIndex(
  entries: readonly CatalogEntry[],
  rules: readonly NameRule[],
): Steps<NameIndex> {
  const byName = new Map<string, CatalogEntry>();
  const byKey = new Map<string, CatalogEntry>();
  const keys = new Map<CatalogEntry, string>();
  const claim = (map: Map<string, CatalogEntry>, name: string, entry: CatalogEntry) => {
    if (!map.has(name)) map.set(name, entry);
  };
  // Steps of ENTRIES_PER_STEP entries: the first build runs cold, a few ms per 100 entries.
  for (const entry of entries) claim(byName, entry.id.toLowerCase(), entry);
  yield;
  for (const [index, entry] of entries.entries()) {
    for (const alias of entry.aliases ?? []) claim(byName, alias.toLowerCase(), entry);
    for (const deployment of entry.deployments)
      claim(byName, deployment.providerModelId.toLowerCase(), entry);
    if (index % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
  }
  for (const [index, entry] of entries.entries()) {
    const key = modelKey(entry.id);
    keys.set(entry, key);
    claim(byKey, key, entry);
    if (index % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
  }
  for (const [index, entry] of entries.entries()) {
    for (const deployment of entry.deployments) claim(byKey, modelKey(deployment.providerModelId), entry);
    if (index % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
  }
  const families = new Map<CatalogEntry, string>();
  for (const [entry, key] of keys) families.set(entry, /^[a-z]+/.exec(key)?.[0] ?? key);

  function familyMember(key: string): CatalogEntry | undefined {
    const found = new Set<CatalogEntry>();
    for (const [entry, entryKey] of keys) {
      if (entry.deprecated) continue;
      if (entryKey.startsWith(`${key}-`) && /^[\d-]+$/.test(entryKey.slice(key.length + 1))) found.add(entry);
    }
    return found.size === 1 ? [...found][0] : undefined;
  }

  function find(name: string): CatalogEntry | undefined {
    if (name.length > MAX_NAME_LENGTH) return undefined;
    const lower = name.toLowerCase().trim();
    const direct = byName.get(lower) ?? byName.get(dashedSnapshot(lower));
    if (direct) return direct;
    for (const rule of rules) if (matchesRule(rule.match, lower)) return rule.entry;
    const bare = lower.slice(lower.lastIndexOf("/") + 1);
    if (bare !== lower) for (const rule of rules) if (matchesRule(rule.match, bare)) return rule.entry;
    const key = modelKey(lower);
    return byKey.get(key) ?? familyMember(key);
  }

  function suggest(name: string, count: number): string[] {
    const needle = modelKey(name);
    const family = familyOf(name);
    const vendor = vendorOfName(name);
    const ranked = entries.map((entry) => ({
      id: entry.id,
      rank: [
        families.get(entry) === family ? 0 : 1,
        vendor !== null && entry.vendor === vendor ? 0 : 1,
        entry.kind === "priced" ? 1 : 0,
        distance(needle, keys.get(entry) ?? entry.id),
      ],
    }));
    ranked.sort((a, b) => {
      for (let index = 0; index < a.rank.length; index++) {
        const difference = (a.rank[index] ?? 0) - (b.rank[index] ?? 0);
        if (difference !== 0) return difference;
      }
      return a.id.localeCompare(b.id);
    });
    return ranked.slice(0, count).map((entry) => entry.id);
  }

  return { find, findExact: (name) => byName.get(name.toLowerCase().trim()), suggest };
}
