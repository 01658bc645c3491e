import { trieRegexSource } from "./trie-regex.js";

/** Non-ASCII first units share one regex: a non-unicode `i` regex never folds one to ASCII. */
const NON_ASCII = 128;

const groupOf = (unit: number) =>
  unit >= 0x80 ? NON_ASCII : unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit;

/**
 * The longest of a set of lower-case keywords that starts at a position, case-insensitively: one
 * sticky trie regex per first character, not one for all. V8 stops optimising a regex whose source
 * passes 20 KB (its `kRegExpTooLargeToOptimize`): the secret detector's one trie of ~3,200 keywords
 * (23.5 KB) ran 2.8 times slower than its ~2,800 (19.2 KB) did, where each first character's trie
 * stays a few KB whatever the rule count.
 */
export class KeywordPrefilter {
  private readonly regexes: (RegExp | undefined)[] = [];

  constructor(keywords: readonly string[]) {
    const groups = new Map<number, string[]>();
    for (const keyword of keywords) {
      if (keyword === "") throw new Error("an empty keyword would match everywhere");
      const group = groupOf(keyword.charCodeAt(0));
      const list = groups.get(group) ?? [];
      list.push(keyword);
      groups.set(group, list);
    }
    for (const [group, list] of groups) this.regexes[group] = new RegExp(trieRegexSource(list), "iy");
  }

  /** The longest keyword (as the text writes it) starting at `index` of `text`, or undefined. */
  at(text: string, index: number): string | undefined {
    const regex = this.regexes[groupOf(text.charCodeAt(index))];
    if (regex === undefined) return undefined;
    regex.lastIndex = index;
    return regex.exec(text)?.[0];
  }
}
