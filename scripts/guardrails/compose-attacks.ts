import { LEXICONS } from "./composed-lexicon.js";
import type { CorpusLine } from "./corpus-line.js";
import { mulberry32 } from "./seeded-random.js";

const OVERRIDES_PER_LANGUAGE = 36;
const PERSONAS_PER_LANGUAGE = 20;

/**
 * Training lines composed from the phrase banks of composed-lexicon.ts (seeded: always the same
 * lines): override + payload, persona + name + what it is freed from + how it behaves, mode switches,
 * and benign questions with the same words. They give the scorer the vocabulary of attacks in nine
 * languages; they are train only, so the test split measures whether that vocabulary generalises.
 */
export function composedLines(): CorpusLine[] {
  const random = mulberry32(0x19c0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const lines: CorpusLine[] = [];
  const add = (text: string, kind: CorpusLine["kind"], lang: string) =>
    lines.push({
      text,
      kind,
      source: "composed-multilingual",
      split: "train",
      lang,
      licence: "MIT (this project)",
    });
  for (const [lang, lexicon] of Object.entries(LEXICONS)) {
    const seen = new Set<string>();
    for (let tries = 0; seen.size < OVERRIDES_PER_LANGUAGE && tries < 400; tries++) {
      const text = pick(lexicon.override) + pick(lexicon.payload);
      if (!seen.has(text)) add(text, "prompt_injection", lang);
      seen.add(text);
    }
    seen.clear();
    for (let tries = 0; seen.size < PERSONAS_PER_LANGUAGE && tries < 400; tries++) {
      const text =
        pick(lexicon.persona) + pick(lexicon.names) + pick(lexicon.unbound) + pick(lexicon.behaviour);
      if (!seen.has(text)) add(text, "jailbreak", lang);
      seen.add(text);
    }
    for (const text of lexicon.mode) add(text, "jailbreak", lang);
    for (const open of lexicon.benignOpen)
      for (const topic of lexicon.benignTopic) add(open + topic, "benign", lang);
  }
  return lines;
}
