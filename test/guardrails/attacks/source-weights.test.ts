import { describe, expect, it } from "vitest";
import {
  languagePartOf,
  type PartLine,
  type SourceLanguages,
  sourceLanguagesMode,
  sourceWeights,
} from "../../../scripts/guardrails/source-weights.js";

// The trainer's weighing by source (scripts/guardrails/source-weights.ts), on a small corpus: one
// attack source retagged from English into Italian and Korean (no benign training text in either),
// another attack source in English alone, and English and French benign lines.
const line = (kind: string, source: string, lang: string): PartLine => ({ kind, source, lang });
const retagged = (langs: Record<string, number>) =>
  Object.entries(langs).flatMap(([lang, count]) =>
    Array.from({ length: count }, () => line("prompt_injection", "translated-attacks", lang)),
  );
const englishAttacks = Array.from({ length: 16 }, () => line("prompt_injection", "english-attacks", "en"));
const benign = [
  ...Array.from({ length: 20 }, () => line("benign", "news", "en")),
  ...Array.from({ length: 5 }, () => line("benign", "news", "fr")),
];
const known = new Set(benign.map((benignLine) => benignLine.lang));
const LABELS: Record<string, number> = { benign: 0, prompt_injection: 1, jailbreak: 2 };

/** The share of the injection class's weight that `source` has, its lines weighed as the trainer weighs them. */
function injectionShare(lines: PartLine[], mode: SourceLanguages, source: string): number {
  const partOf = languagePartOf(lines, known, mode);
  const texts = lines.map((corpusLine) => ({
    label: LABELS[corpusLine.kind] ?? 0,
    source: `${corpusLine.source}|${partOf(corpusLine)}`,
  }));
  const weightOf = sourceWeights(texts, { classCount: 3, power: 0.5, balance: true });
  let sourceTotal = 0;
  let classTotal = 0;
  for (const [index, text] of texts.entries()) {
    if (text.label !== 1) continue;
    const weight = weightOf(text.label, text.source);
    classTotal += weight;
    if (lines[index]?.source === source) sourceTotal += weight;
  }
  return sourceTotal / classTotal;
}

describe("the trainer's weight per source and language", () => {
  // Before the retag all 12 lines were English: √12 against the English source's √16.
  const before = [...retagged({ en: 12 }), ...englishAttacks, ...benign];
  const after = [...retagged({ en: 4, it: 4, ko: 4 }), ...englishAttacks, ...benign];
  const oldShare = Math.sqrt(12) / (Math.sqrt(12) + 4);

  it("as parts, a source weighs more the more languages it is tagged in", () => {
    expect(injectionShare(before, "parts", "translated-attacks")).toBeCloseTo(oldShare, 12);
    // √4 + √4 + √4 = 6 against 4.
    expect(injectionShare(after, "parts", "translated-attacks")).toBeCloseTo(0.6, 12);
  });

  it("rescaled, a retagged source keeps the weight it had, its new languages weighed as its largest part", () => {
    expect(injectionShare(after, "rescale", "translated-attacks")).toBeCloseTo(oldShare, 12);
    const partOf = languagePartOf(after, known, "rescale");
    expect(partOf(line("prompt_injection", "translated-attacks", "it"))).toBe("en");
    expect(partOf(line("prompt_injection", "translated-attacks", "ko"))).toBe("en");
    // Every line of the merged part weighs the same: its share is split by line count.
    const texts = after.map((corpusLine) => ({
      label: LABELS[corpusLine.kind] ?? 0,
      source: `${corpusLine.source}|${partOf(corpusLine)}`,
    }));
    const weightOf = sourceWeights(texts, { classCount: 3, power: 0.5, balance: true });
    expect(weightOf(1, "translated-attacks|en")).toBeCloseTo(
      (texts.length / 3) * (Math.sqrt(12) / 12 / (Math.sqrt(12) + 4)),
      12,
    );
  });

  it("rescaled, a language with benign text stays a part of its own, and the benign side is as with parts", () => {
    const withFrench = [...retagged({ en: 4, fr: 4, ko: 4 }), ...englishAttacks, ...benign];
    const partOf = languagePartOf(withFrench, known, "rescale");
    expect(partOf(line("prompt_injection", "translated-attacks", "fr"))).toBe("fr");
    expect(partOf(line("benign", "news", "fr"))).toBe("fr");
    // √8 (English and Korean) + √4 (French) against 4.
    const share = (Math.sqrt(8) + 2) / (Math.sqrt(8) + 2 + 4);
    expect(injectionShare(withFrench, "rescale", "translated-attacks")).toBeCloseTo(share, 12);
    expect(injectionShare(withFrench, "parts", "translated-attacks")).toBeCloseTo(0.6, 12);
  });

  it("rescaled, the largest part takes the other languages' lines (ties to the first code); a source in none keeps its parts", () => {
    const tied = [
      line("jailbreak", "tied", "fr"),
      line("jailbreak", "tied", "en"),
      line("jailbreak", "tied", "ko"),
      line("jailbreak", "unknown-only", "ko"),
      line("jailbreak", "unknown-only", "th"),
    ];
    const partOf = languagePartOf(tied, known, "rescale");
    expect(partOf(line("jailbreak", "tied", "ko"))).toBe("en");
    expect(partOf(line("jailbreak", "unknown-only", "th"))).toBe("th");
  });

  it("reads SOURCE_LANGUAGES, rescale when unset, and refuses an unknown mode", () => {
    expect(sourceLanguagesMode(undefined)).toBe("rescale");
    expect(sourceLanguagesMode("parts")).toBe("parts");
    expect(sourceLanguagesMode("rescale")).toBe("rescale");
    expect(() => sourceLanguagesMode("rescaled")).toThrow(/unknown mode/);
    expect(() => sourceLanguagesMode("fold")).toThrow(/unknown mode/);
  });
});
