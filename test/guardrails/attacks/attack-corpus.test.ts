import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { composedLines } from "../../../scripts/guardrails/compose-attacks.js";
import { loadCorpus } from "../../../scripts/guardrails/load-corpus.js";
import { reservedName } from "../../../scripts/guardrails/reserved-sources.js";

const sourcesFile = join(import.meta.dirname, "../../../scripts/guardrails/corpus-sources.json");
const { sources } = JSON.parse(readFileSync(sourcesFile, "utf8")) as {
  sources: { id: string; repo: string; split: string; licence: string }[];
};

/** Character 4-grams of the lower-cased text, for near-duplicate checks between splits. */
function grams(text: string): Set<string> {
  const flat = text.toLowerCase().replace(/\s+/g, " ");
  const set = new Set<string>();
  for (let index = 0; index + 4 <= flat.length; index++) set.add(flat.slice(index, index + 4));
  return set;
}

function jaccard(left: Set<string>, right: Set<string>): number {
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return shared / (left.size + right.size - shared);
}

describe("attack corpus", () => {
  it("refuses the sources reserved for the owners' evaluation, and uses none of them", () => {
    expect(reservedName("NVIDIA/garak")).toBe("NVIDIA/garak");
    expect(reservedName("sherdencooper/GPTFuzz")).toBeDefined();
    expect(reservedName("Giskard-AI/prompt-injections")).toBeDefined();
    expect(reservedName("paul-rottger/exaggerated-safety")).toBeUndefined();
    for (const source of sources) expect(reservedName(source.repo), source.id).toBeUndefined();
  });

  it("trains on no line of the rules' evaluation set taken from a reserved source", () => {
    // The evaluation set is read into the train split (load-corpus.ts); each entry names its source.
    const evalSet = readFileSync(join(import.meta.dirname, "../../fixtures/guardrails-eval.jsonl"), "utf8");
    for (const row of evalSet.split("\n").filter((line) => line.trim() !== "")) {
      const { id, source } = JSON.parse(row) as { id: string; source: string };
      expect(reservedName(source.split(" ")[0] ?? ""), id).toBeUndefined();
    }
  });

  it("names a licence and a split for every public source", () => {
    for (const source of sources) {
      expect(source.licence, source.id).not.toBe("");
      expect(["train", "dev", "test", "train+dev"], source.id).toContain(source.split);
    }
  });

  it("keeps every source on one side of the train/dev | test line", () => {
    const { lines } = loadCorpus();
    const sides = new Map<string, Set<string>>();
    for (const line of lines) {
      const side = line.split === "test" ? "test" : "train/dev";
      sides.set(line.source, (sides.get(line.source) ?? new Set()).add(side));
    }
    for (const [source, side] of sides) expect(side.size, source).toBe(1);
  });

  it("has no authored test attack that nearly repeats a training or dev attack", () => {
    const { lines } = loadCorpus();
    const seen = lines
      .filter((line) => line.split !== "test" && line.kind !== "benign")
      .map((line) => grams(line.text));
    const test = lines.filter((line) => line.split === "test" && line.source.startsWith("authored"));
    for (const line of test) {
      const own = grams(line.text);
      const closest = Math.max(...seen.map((other) => jaccard(own, other)));
      expect(closest, line.text).toBeLessThan(0.5);
    }
    // Every test attack against every train/dev attack: 43 s during a landing at load 12. The limit
    // catches a hung run; it is no speed check.
  }, 600_000);

  it("takes a train-only treebank's translations of the train paragraphs alone", () => {
    // ud-pud-attack-languages translates the same paragraphs as ud-pud-8-languages, whose dev side
    // holds every 4th and 5th: a train-only source keeps none of them.
    const { lines, publicPresent } = loadCorpus();
    if (!publicPresent) return;
    const count = (source: string, lang: string, split: string) =>
      lines.filter((line) => line.source === source && line.lang === lang && line.split === split).length;
    for (const lang of ["id", "tr", "it", "pt", "ko", "th"]) {
      expect(count("ud-pud-attack-languages", lang, "dev"), lang).toBe(0);
      expect(count("ud-pud-attack-languages", lang, "train"), lang).toBe(
        count("ud-pud-8-languages", "en", "train"),
      );
    }
  });

  it("composes the same training lines every time, in nine languages", () => {
    const first = composedLines();
    expect(composedLines()).toEqual(first);
    expect(new Set(first.map((line) => line.lang))).toEqual(
      new Set(["en", "de", "fr", "es", "zh", "ja", "ru", "ar", "hi"]),
    );
    expect(first.every((line) => line.split === "train")).toBe(true);
  });
});
