import { describe, expect, it } from "vitest";
import { needsLabel, weTextLines } from "../../scripts/guardrails/extract-wetext.js";

// The WeTextProcessing source's extractor (scripts/guardrails/extract-wetext.ts), on files written
// here in the source's two orientations (tn: written => spoken; itn: spoken => written).
describe("WeTextProcessing lines", () => {
  const context = { source: "fixture", split: "dev" as const, licence: "Apache-2.0" };
  const files = [
    {
      path: "tn/chinese/test/data/normalizer.txt",
      content: "可以打我手机13501234567 => 可以打我手机一三五零一二三四五六七\n共465篇 => 共四百六十五篇\n",
    },
    {
      path: "itn/english/test/data/en_telephone.txt",
      content: "x eighty six => x86\nseven nine nine => 799\none two three => 123-123-5678\n",
    },
    { path: "itn/english/test/data/en_money.txt", content: "twelve dollars => $12\n" },
    { path: "itn/japanese/test/data/date.txt", content: "二千八年 => 2008年\ntwelve dollars => $12\n" },
    { path: "tn/chinese/test/normalizer_test.py", content: "x => y\n" },
  ];
  const labels = [
    "# comment",
    "P|PHONE_NUMBER|13501234567|可以打我手机13501234567",
    "N|-|-|x86",
    "U|-|-|799",
    "P|PHONE_NUMBER|123-123-5678|123-123-5678",
  ].join("\n");
  const leftOut = { count: 0 };
  const all = [
    ...weTextLines(files, labels, "fixture.txt", "a", context, leftOut),
    ...weTextLines(files, labels, "fixture.txt", "b", context, leftOut),
  ];
  const byText = new Map(all.map((line) => [line.text, line]));

  it("reads the written side of each orientation, each text once, with its language", () => {
    expect([...byText.keys()].sort()).toEqual(
      ["123-123-5678", "2008年", "$12", "x86", "可以打我手机13501234567", "共465篇"].sort(),
    );
    expect(all.filter((line) => line.text === "$12")).toHaveLength(1);
    expect(byText.get("2008年")).toMatchObject({ positive: false, language: "Japanese" });
  });

  it("labels a listed text as its label says, with the value's span; an unclear one is left out and counted", () => {
    expect(byText.get("可以打我手机13501234567")).toMatchObject({
      positive: true,
      types: ["PHONE_NUMBER"],
      spans: [["PHONE_NUMBER", 6, 17]],
      language: "Chinese",
    });
    expect(byText.get("x86")).toMatchObject({ positive: false, types: [] });
    expect(byText.has("799")).toBe(false);
    expect(leftOut.count).toBe(1);
  });

  it("splits the texts into two halves that share none", () => {
    const a = new Set(weTextLines(files, labels, "fixture.txt", "a", context).map((line) => line.text));
    const b = weTextLines(files, labels, "fixture.txt", "b", context).map((line) => line.text);
    expect(b.filter((text) => a.has(text))).toEqual([]);
  });

  it("refuses a text that could hold PII and has no label", () => {
    const unlabelled = [
      { path: "itn/chinese/test/data/cardinal.txt", content: "给 => 给13345312221打电话\n" },
    ];
    expect(() => weTextLines(unlabelled, labels, "fixture.txt", "a", context)).toThrow(/no label/);
    expect(needsLabel("2008-08-08", "date")).toBe(true);
    expect(needsLabel("共465篇", "normalizer")).toBe(false);
    expect(needsLabel("x86", "en_telephone")).toBe(true);
  });
});
