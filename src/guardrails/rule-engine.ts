import { asciiClass, atLineStart } from "./char-class.js";
import type { NormalizedText } from "./normalize.js";
import type { InjectionRule } from "./rule-types.js";
import { escapeRegExp, trieRegexSource } from "./trie-regex.js";

/** A rule match in normalized coordinates. */
export interface RuleMatch {
  rule: InjectionRule;
  start: number;
  end: number;
  score: number;
}

export interface RuleEngine {
  /** Matches in `normalized.text`; a rule with `confirm` also reads the original span (`original` is what was normalized). */
  match(normalized: NormalizedText, original: string): RuleMatch[];
}

// Markup a rule may follow and still be at a line's start: `### `, `[`, `<`, `> `, a list's `- `.
const isLinePrefix = asciiClass(" \t#*>(<[|-");
const MAX_LINE_PREFIX = 6;
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * A rule as the engine tries it: its sticky regex, and the fields read at each trigger copied out of
 * the rule. The rules are object literals of many shapes (optional fields set or not), where a field
 * read at each trigger was a megamorphic lookup; these entries all have one shape.
 */
interface TriggeredRule {
  rule: InjectionRule;
  regex: RegExp;
  lineStart: boolean;
  confirm: InjectionRule["confirm"];
  score: InjectionRule["score"];
}

/**
 * Compiles rules once. Matching is one pass of a trigger-word regex over the text, then each rule keyed
 * by the trigger is tried sticky at that spot: linear in the text, bounded per trigger.
 */
export function createRuleEngine(rules: readonly InjectionRule[]): RuleEngine {
  const byTrigger = new Map<string, TriggeredRule[]>();
  for (const rule of rules) {
    const entry: TriggeredRule = {
      rule,
      regex: new RegExp(rule.pattern.source, "y"),
      lineStart: rule.lineStart === true,
      confirm: rule.confirm,
      score: rule.score,
    };
    for (const trigger of rule.triggers) {
      const list = byTrigger.get(trigger) ?? [];
      list.push(entry);
      byTrigger.set(trigger, list);
    }
  }
  // Words need whole-word boundaries; markup triggers (`<|`, `[inst]`, `---`) match anywhere.
  const isWord = (trigger: string) => /^\w[\w'.-]*$/.test(trigger) && /\w$/.test(trigger);
  addShorterTriggersRules(byTrigger, isWord);
  const wordTriggers = [...byTrigger.keys()].filter(isWord);
  const markupTriggers = [...byTrigger.keys()].filter((trigger) => !isWord(trigger));
  // Two regexes scan faster than one alternation of both; `nextTrigger` merges them in order.
  // No words would make `\b\b`, an empty match at every boundary: the scan would never move on.
  const wordRegex = new RegExp(
    wordTriggers.length > 0 ? `\\b${trieRegexSource(wordTriggers)}\\b` : "(?!)",
    "g",
  );
  const markupRegex = new RegExp(markupSource(markupTriggers), "g");
  // Markup triggers that start with an ASCII unit and hold a letter of another script: the Russian
  // words as folded (`he cлyшaи`, `teпepь`). A text with none of those letters skips them: tried at
  // every "he" and "te" of English text, they were 15 % of the matching.
  const otherScript = markupTriggers.filter(
    (trigger) => trigger.charCodeAt(0) <= 0x7f && NON_ASCII.test(trigger),
  );
  const otherScriptUnits = new RegExp(
    `[${[...new Set(otherScript.join("").replace(/[\0-\x7f]/g, ""))].map(escapeRegExp).join("")}]`,
  );
  const asciiMarkupRegex =
    otherScript.length > 0
      ? new RegExp(markupSource(markupTriggers.filter((trigger) => !otherScript.includes(trigger))), "g")
      : markupRegex;

  return {
    match(normalizedText, original) {
      const normalized = normalizedText.text;
      const matches: RuleMatch[] = [];
      const markup =
        asciiMarkupRegex === markupRegex || otherScriptUnits.test(normalized)
          ? markupRegex
          : asciiMarkupRegex;
      const triggers = triggerScanner(normalized, wordRegex, markup);
      for (let hit = triggers(); hit !== null; hit = triggers()) {
        for (const { rule, regex, lineStart, confirm, score: scoreOf } of byTrigger.get(hit[0]) ?? []) {
          if (lineStart && !atLineStart(normalized, hit.index, isLinePrefix, MAX_LINE_PREFIX)) continue;
          regex.lastIndex = hit.index;
          const found = regex.exec(normalized);
          if (!found) continue;
          const end = hit.index + found[0].length;
          if (confirm && !confirm(originalSpan(normalizedText, original, hit.index, end))) continue;
          const score = typeof scoreOf === "number" ? scoreOf : scoreOf(found[0]);
          if (score > 0) matches.push({ rule, start: hit.index, end, score });
        }
      }
      return matches;
    },
  };
}

/**
 * The trigger regex reports the longest trigger at a position; the rules keyed by a shorter trigger it
 * starts with run there too (`忽略` within `忽略之前`, `<|` within `<|im_start|>`). A shorter word counts
 * only where it ends on a word boundary inside the longer one (`you` within `you're`, not `sys` within
 * `system`), as the word regex would have found it on its own.
 */
function addShorterTriggersRules(
  byTrigger: Map<string, TriggeredRule[]>,
  isWord: (trigger: string) => boolean,
): void {
  const own = new Map([...byTrigger].map(([trigger, list]) => [trigger, [...list]]));
  for (const [trigger, list] of byTrigger) {
    const word = isWord(trigger);
    for (let length = 1; length < trigger.length; length++) {
      const shorter = trigger.slice(0, length);
      const rules = own.get(shorter);
      if (rules === undefined || isWord(shorter) !== word) continue;
      if (word && /\w/.test(trigger[length] ?? "")) continue;
      for (const entry of rules) if (!list.some((kept) => kept.rule === entry.rule)) list.push(entry);
    }
  }
}

/**
 * One regex for the triggers that are no ASCII words: markup (`<|`, `---`) and words of other scripts.
 * Those starting with a non-ASCII character sit behind a one-character look-ahead: without it, V8
 * tried the whole trie of Chinese, Japanese and Arabic words at every position of English text (a
 * 10 KB scan went from 0.02 to 0.14 ms); with it, an ASCII position fails at once.
 */
function markupSource(triggers: readonly string[]): string {
  const nonAscii = triggers.filter((trigger) => trigger.charCodeAt(0) > 0x7f);
  const rest = triggers.filter((trigger) => trigger.charCodeAt(0) <= 0x7f);
  const sources = [
    ...(nonAscii.length > 0 ? [`(?=[\u0080-\uffff])${trieRegexSource(nonAscii)}`] : []),
    ...(rest.length > 0 ? [trieRegexSource(rest)] : []),
  ];
  return sources.length > 0 ? sources.join("|") : "(?!)";
}

/**
 * Yields what `/word|markup/g` would: the leftmost hit (a word wins a tie), each search starting where
 * the previous hit ended.
 */
function triggerScanner(text: string, wordRegex: RegExp, markupRegex: RegExp): () => RegExpExecArray | null {
  wordRegex.lastIndex = 0;
  markupRegex.lastIndex = 0;
  let word = wordRegex.exec(text);
  let markup = markupRegex.exec(text);
  return () => {
    const hit = word !== null && (markup === null || word.index <= markup.index) ? word : markup;
    if (hit === null) return null;
    const from = hit.index + hit[0].length;
    if (word !== null && word.index < from) {
      wordRegex.lastIndex = from;
      word = wordRegex.exec(text);
    }
    if (markup !== null && markup.index < from) {
      markupRegex.lastIndex = from;
      markup = markupRegex.exec(text);
    }
    return hit;
  };
}

function originalSpan(normalized: NormalizedText, original: string, start: number, end: number): string {
  return original.slice(normalized.toOriginalStart(start), normalized.toOriginalEnd(end));
}
