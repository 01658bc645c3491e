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
export const rx = (source: string) => new RegExp(withTraditional(fold(source)));
export const triggers = (list: string) => [
  ...new Set(list.split("|").flatMap((word) => [fold(word), toTraditional(fold(word))])),
];

/**
 * Simplified Chinese characters of the rules' words and their Traditional forms: rules are written in
 * Simplified Chinese and read both ("忘記之前的設定" as "忘记之前的设定"). Normalizing leaves the
 * scripts apart (the learned scorer's features see them as written), so the patterns carry both.
 */
const PAIRS = [
  "丢丟个個么麼从從们們会會关關写寫准準则則刚剛别別动動务務发發头頭帮幫并並应應开開弃棄当當抛拋换換",
  "无無时時显顯机機条條来來样樣没沒现現码碼确確约約统統编編绕繞给給范範规規视視记記设設诉訴词詞译譯",
  "话話该該语語说說诵誦请請贴貼转轉输輸过過这這违違销銷隐隱须須执執读讀页頁总總结結处處对對为為让讓",
  "问問题題档檔户戶邮郵删刪网網内內见見认認试試调調据據态態滤濾审審权權尽盡于於与與产產专專员員击擊",
  "狱獄废廢号號报報经經续續级級装裝后後将將录錄钥鑰负負责責称稱释釋览覽启啟闭閉仅僅马馬体體",
].join("");
const TRADITIONAL: Record<string, string> = {
  // Two Traditional characters for one Simplified: 重复 is 重複, 回复 is 回復 or 回覆.
  复: "復複覆",
  里: "裡裏",
};
for (let index = 0; index < PAIRS.length; index += 2) {
  TRADITIONAL[PAIRS.charAt(index)] = PAIRS.charAt(index + 1);
}

/** A word in Traditional characters. */
export function toTraditional(word: string): string {
  return [...word].map((char) => TRADITIONAL[char]?.[0] ?? char).join("");
}

/** A pattern source that reads each simplified character in either script ("记" as "[记記]"). */
export function withTraditional(source: string): string {
  let out = "";
  let inClass = false;
  let escaped = false;
  for (const char of source) {
    const traditional = TRADITIONAL[char];
    if (escaped || traditional === undefined) {
      if (!escaped && char === "[") inClass = true;
      else if (!escaped && char === "]") inClass = false;
      escaped = !escaped && char === "\\";
      out += char;
    } else {
      out += inClass ? `${char}${traditional}` : `[${char}${traditional}]`;
    }
  }
  return out;
}

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
