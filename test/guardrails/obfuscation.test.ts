import { describe, expect, it } from "vitest";
import { findBase64Runs } from "../../src/guardrails/base64-runs.js";
import { normalizeForMatching } from "../../src/guardrails/normalize.js";
import { forEachSpacedRun, mayDecodeReadable } from "../../src/guardrails/obfuscation.js";
import { loadEvalCases } from "./eval-harness.js";

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function* random(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    yield state >>> 8;
  }
}

const SPACED_RUN = /\b(?:[a-z][^a-z0-9\n]{1,3}){5,}[a-z]\b/g;

/** What the plain global regex finds: index and text of every match. */
function globalRuns(text: string): [number, string][] {
  return [...text.matchAll(SPACED_RUN)].map((run) => [run.index, run[0]]);
}

/** The runs `forEachSpacedRun` visits, in order, as [index, text]. */
function spacedRuns(text: string): [number, string][] {
  const runs: [number, string][] = [];
  forEachSpacedRun(text, (run) => runs.push([run.index, run[0]]));
  return runs;
}

describe("forEachSpacedRun (SPACED_RUN tried only where a match can start)", () => {
  it("finds exactly what the global regex finds, on random text dense in near-matches", () => {
    const next = random(5);
    const draw = () => next.next().value as number;
    const letters = "abcxyz";
    const separators = "      ....--__\t'\u00e9\n0A";
    let found = 0;
    for (let sample = 0; sample < 3000; sample++) {
      // Mostly single letters with 1–4 separators, so runs start, break and resume everywhere.
      let text = "";
      const tokens = 1 + (draw() % 30);
      for (let token = 0; token < tokens; token++) {
        text += letters[draw() % letters.length];
        if (draw() % 5 === 0) continue;
        const count = 1 + (draw() % 4);
        for (let index = 0; index < count; index++) text += separators[draw() % separators.length];
      }
      const expected = globalRuns(text);
      found += expected.length;
      expect(spacedRuns(text), JSON.stringify(text)).toEqual(expected);
    }
    expect(found).toBeGreaterThan(100);
  });

  it("finds exactly what the global regex finds on the evaluation texts and spaced instructions", () => {
    const texts = [
      ...loadEvalCases().map((testCase) => normalizeForMatching(testCase.text).text),
      "i g n o r e  a l l  p r e v i o u s",
      "a.b.c.d.e.f g-h-i-j-k-l",
      "x y z w v u",
      "_a b c d e f",
      "aa b c d e f g",
    ];
    for (const text of texts) {
      expect(spacedRuns(text)).toEqual(globalRuns(text));
    }
  });
});

describe("mayDecodeReadable (base64 runs that cannot decode to readable text are not decoded)", () => {
  const READABLE = /^[\x20-\x7e\t\r\n]+$/;
  const readable = (run: string) => READABLE.test(Buffer.from(run, "base64").toString("utf8"));

  it("keeps every run that decodes to readable text", () => {
    const next = random(9);
    for (let sample = 0; sample < 2000; sample++) {
      let plain = "";
      const length = 18 + ((next.next().value as number) % 80);
      for (let index = 0; index < length; index++) {
        const code = (next.next().value as number) % 98;
        plain += code < 95 ? String.fromCharCode(32 + code) : "\t\r\n"[code - 95];
      }
      const run = Buffer.from(plain, "utf8").toString("base64");
      for (const text of [run, run.replace(/=+$/, "")]) {
        expect(mayDecodeReadable(text, 0, text.length), plain).toBe(true);
      }
    }
  });

  it("rules out only runs that do not decode to readable text, and most random keys", () => {
    const next = random(13);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let ruledOut = 0;
    for (let sample = 0; sample < 3000; sample++) {
      let text = "";
      const length = 24 + ((next.next().value as number) % 40);
      for (let index = 0; index < length; index++)
        text += alphabet[(next.next().value as number) % alphabet.length];
      text += "==".slice(0, (next.next().value as number) % 3);
      for (const [start, end] of findBase64Runs(text)) {
        const run = text.slice(start, end);
        if (!mayDecodeReadable(text, start, end)) {
          ruledOut++;
          expect(readable(run), run).toBe(false);
        }
      }
    }
    expect(ruledOut).toBeGreaterThan(2900);
  });
});
