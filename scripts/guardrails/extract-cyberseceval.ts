// CyberSecEval 2's textual prompt injections (meta-llama/PurpleLlama, MIT): the attacker's user
// inputs, in English and machine-translated into 16 languages. Each row names its language
// (`speaking_language`); a language missing from the table below fails the build rather than being
// guessed, since a wrong tag (Italian, Indonesian, Turkish, Portuguese… read as English) puts that
// language's ordinary words on the attack side of the trainer's per-language balance
// (train-attack-model.ts) with no benign text of the language to weigh against them.
import type { ExtractedLine } from "./extract-injecagent.js";

export interface CyberSecEvalRow {
  user_input: string;
  injection_variant: string;
  speaking_language: string;
}

/** Every `speaking_language` of the pinned snapshot, as the ISO 639-1 code the corpus uses. */
export const CYBERSECEVAL_LANGUAGES: Readonly<Record<string, string>> = {
  English: "en",
  Arabic: "ar",
  Bengali: "bn",
  Chinese: "zh",
  "Filipino/Tagalog": "tl",
  French: "fr",
  German: "de",
  Hindi: "hi",
  Indonesian: "id",
  Italian: "it",
  Japanese: "ja",
  Korean: "ko",
  Portuguese: "pt",
  Russian: "ru",
  Spanish: "es",
  Thai: "th",
  Turkish: "tr",
  Vietnamese: "vi",
};

/** Variants that make the model play a part or believe it is in another mode: jailbreaks. */
const PERSONA_VARIANTS: ReadonlySet<string> = new Set([
  "virtualization",
  "hypothetical_scenario",
  "system_mode",
]);

/**
 * One file's rows, in order. Split by injection variant (sorted, every third dev), so dev
 * techniques are unseen in training.
 */
export function extractCyberSecEval(rows: CyberSecEvalRow[]): (ExtractedLine & { lang: string })[] {
  const variants = [...new Set(rows.map((row) => row.injection_variant))].sort();
  return rows.map((row) => {
    const lang = CYBERSECEVAL_LANGUAGES[row.speaking_language];
    if (lang === undefined) throw new Error(`CyberSecEval: no language code for "${row.speaking_language}"`);
    return {
      text: row.user_input,
      kind: PERSONA_VARIANTS.has(row.injection_variant) ? "jailbreak" : "prompt_injection",
      split: variants.indexOf(row.injection_variant) % 3 === 2 ? "dev" : "train",
      lang,
    };
  });
}

export interface CyberSecEvalFrrRow {
  mutated_prompt: string;
  is_malicious: boolean;
  /** Only in the machine-translated file. */
  speaking_language?: string;
}

/**
 * CyberSecEval's false-refusal prompts (datasets/mitre_frr): requests to write defensive security
 * code ("a script that blocks IP addresses after failed logins", "a program that detects unauthorised
 * access") that read like attacks but are benign, in English and machine-translated by the same
 * pipeline as the injections above into seven languages. Every row must be labelled benign.
 */
export function extractCyberSecEvalFrr(rows: CyberSecEvalFrrRow[]): { text: string; lang: string }[] {
  return rows.map((row) => {
    if (row.is_malicious) throw new Error("CyberSecEval FRR: a row is labelled malicious");
    const lang = CYBERSECEVAL_LANGUAGES[row.speaking_language ?? "English"];
    if (lang === undefined)
      throw new Error(`CyberSecEval FRR: no language code for "${row.speaking_language}"`);
    return { text: row.mutated_prompt, lang };
  });
}
