import { normalizeForMatching } from "./normalize.js";
import type { InjectionRule } from "./rule-types.js";
/**
 * Building blocks of the rules in languages other than English (multilingual-override-rules.ts,
 * multilingual-extraction-rules.ts): patterns are written as the languages are spelt and folded
 * once the way normalize.ts folds the scanned text, so they match what the engine sees.
 */

/** A pattern source or word as normalized text spells it; ASCII (regex syntax) is left as written. */
export function fold(source: string): string {
  return source.replace(/[\u0080-\uffff]+/g, (run) => normalizeForMatching(run).text);
}
export const rx = (source: string) => new RegExp(fold(source));
export const triggers = (list: string) => [...new Set(list.split("|").map(fold))];

/** Spaces inside one line. */
export const SP = String.raw`[^\S\n]{1,3}`;
/** Up to `count` words of one sentence, as few as possible (space-separated languages). */
export const words = (count: number) => String.raw`(?:${SP}[^\s.!?;。！？؟]{1,30}){0,${count}}?`;
/** Up to `count` characters of one clause (Chinese, Japanese): no sentence end, no comma. */
export const chars = (count: number) => `[^。！？!?，,、；;\\n]{0,${count}}?`;
/** A Cyrillic (or, folded, Latin) letter: inflection endings. */
export const CYR = String.raw`[\u0400-\u04ffa-z]`;
/**
 * A clause start in German, French or Spanish, where an imperative stands: the same verb forms after
 * a subject are statements ("le modèle ignore les instructions précédentes", "das Dokument zeigt").
 * German opening quotes („, ‚) open a clause as « does; the closing ones fold to " and '.
 */
export const clauseStart = (words: string) =>
  String.raw`(?<=(?:^|[.!?¡¿:;,\n"'(»«„‚-]|\b(?:${words}))[^\S\n]{0,3})`;
/** A word's end in a Latin-script language (no \b: folding leaves ß and other letters outside \w). */
export const END = `(?![a-zß])`;

/** A prompt-injection rule with its pattern and triggers folded. */
export const rule = (
  id: string,
  type: string,
  triggerList: string,
  pattern: string,
  score: InjectionRule["score"],
): InjectionRule => ({
  id: `ml-${id}`,
  kind: "prompt_injection",
  type,
  triggers: triggers(triggerList),
  pattern: rx(pattern),
  score,
  foldedScript: true,
});

/**
 * Before a Chinese verb: a negation ("不要忽略") or what makes it a statement, not an order: a subject
 * ("模型忽略…"), a modal or purpose ("会忽略", "来忽略", "如何忽略").
 */
export const ZH_NOT_ORDER =
  "不要|不能|不可|不应|不得|不会|别|请勿|勿|切勿|禁止|没有|未|我|他|她|它|们|模型|系统|助手|机器人|会|能|可能|可以|来|去|将|被|如何|怎么|怎样|用于|用来|以|并|而";
