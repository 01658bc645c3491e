// xSID (mainlp/xsid, CC BY-SA 4.0; van der Goot et al. 2021): requests to a voice assistant (alarms,
// reminders, weather, music, restaurants, films: "remind me to call mum at six", "cancel my alarm"),
// professionally translated from English into a dozen languages. Ordinary requests in other
// languages, which the attack scorer has seen few of. Split by the English sentence (sideOfGroup), so
// a sentence and all its translations are on one side.
import type { ExtractedLine } from "./extract-injecagent.js";
import { sideOfGroup } from "./seeded-random.js";

/** Japanese is written tokenised ("今日 は 雨 が 降り ます か ？"): the spaces between CJK characters go. */
const SPACE_IN_CJK =
  /(?<=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]) (?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])/g;

/**
 * One CoNLL file's sentences (`# text = …`, grouped by their `# text-en = …`, or by themselves where
 * it is missing) on `side` ("train+dev" or "test"), as benign user lines in `lang`.
 */
export function extractXsidRequests(conll: string, lang: string, side: string): ExtractedLine[] {
  const lines: ExtractedLine[] = [];
  for (const block of conll.split(/\n\s*\n/)) {
    const text = /^# text = (.*)$/m.exec(block)?.[1]?.trim();
    if (text === undefined || text === "") continue;
    const english = /^# text-en = (.*)$/m.exec(block)?.[1]?.trim() || text;
    const split = sideOfGroup(english.toLowerCase());
    if ((split === "test") !== (side === "test")) continue;
    lines.push({ text: text.replace(SPACE_IN_CJK, ""), kind: "benign", split, lang });
  }
  return lines;
}
