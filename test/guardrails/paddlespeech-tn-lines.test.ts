import { describe, expect, it } from "vitest";
import {
  paddleSpeechTnLines,
  paddleSpeechWrittenTexts,
} from "../../scripts/guardrails/extract-paddlespeech-tn.js";

// The PaddleSpeech source's extractor (scripts/guardrails/extract-paddlespeech-tn.ts), on a test file
// written here in the source's form (`written|spoken`, one case a line).
describe("PaddleSpeech text-normalisation lines", () => {
  const context = { source: "fixture", split: "dev" as const, licence: "Apache-2.0" };
  const path = "examples/other/tn/data/textnorm_test_cases.txt";
  const content = [
    "这是手机+86 18544139121|这是手机八六一八五四四一三九一二一",
    "明天有62%的概率降雨|明天有百分之六十二的概率降雨",
    "15873690|一五八七三六九零",
    "明天有62%的概率降雨|明天有百分之六十二的概率降雨",
    "no separator here",
  ].join("\n");
  const labels = ["P|PHONE_NUMBER|+86 18544139121|这是手机+86 18544139121", "U|-|-|15873690"].join("\n");
  const files = [{ path, content }];

  it("reads the written side of each case, with where it stands", () => {
    expect(paddleSpeechWrittenTexts(path, content).map(({ text, origin }) => [text, origin])).toEqual([
      ["这是手机+86 18544139121", `${path}:1`],
      ["明天有62%的概率降雨", `${path}:2`],
      ["15873690", `${path}:3`],
      ["明天有62%的概率降雨", `${path}:4`],
    ]);
  });

  it("labels each distinct text once, by its label or as a negative; an unclear one is left out and counted", () => {
    const leftOut = { count: 0 };
    const all = [
      ...paddleSpeechTnLines(files, labels, "fixture.txt", "a", context, leftOut),
      ...paddleSpeechTnLines(files, labels, "fixture.txt", "b", context, leftOut),
    ];
    expect(all.map((line) => line.text).sort()).toEqual(
      ["明天有62%的概率降雨", "这是手机+86 18544139121"].sort(),
    );
    expect(all.find((line) => line.positive)).toMatchObject({
      types: ["PHONE_NUMBER"],
      spans: [["PHONE_NUMBER", 4, 19]],
      language: "Chinese",
      origin: `${path}:1`,
    });
    expect(leftOut.count).toBe(1);
  });

  it("refuses a text that could hold PII and has no label", () => {
    expect(() => paddleSpeechTnLines(files, "", "fixture.txt", "a", context)).toThrow(/no label/);
  });
});
