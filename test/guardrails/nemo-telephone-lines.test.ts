import { describe, expect, it } from "vitest";
import { nemoHalf, nemoTelephoneLines } from "../../scripts/guardrails/extract-nemo-telephone.js";

// The held-back phone source's extractor (scripts/guardrails/extract-nemo-telephone.ts), on files
// written here in NeMo-text-processing's two orientations.
describe("NeMo telephone lines", () => {
  const context = { source: "fixture", split: "dev" as const, licence: "Apache-2.0" };
  const files = [
    {
      path: "tests/nemo_text_processing/en/data_text_normalization/test_cases_telephone.txt",
      content: [
        "call me at 555-010-4477~call me at five five five, zero one zero, four four seven seven",
        "IP address is 10.20.30.40~IP address is one zero dot two zero dot three zero dot four zero",
        "my ssn is 123-45-6789~my ssn is one two three, four five, six seven eight nine",
        "1-800-GO-2-HAUL~one, eight hundred, GO, two, HAUL",
        "4321 7732 143214 3005~four three two one …",
        "x386~extension three eight six",
        "",
      ].join("\n"),
    },
    {
      path: "tests/nemo_text_processing/hi/data_inverse_text_normalization/test_cases_telephone.txt",
      content: "प्लस नौ एक …~+९१ ९८७६५४३२१०\n",
    },
    { path: "tests/nemo_text_processing/en/test_telephone.py", content: "1234567~x\n" },
  ];
  const all = [...nemoTelephoneLines(files, "a", context), ...nemoTelephoneLines(files, "b", context)];
  const byText = new Map(all.map((line) => [line.text, line]));

  it("labels the written side, a number of 7 to 15 digits as a phone with its span", () => {
    const line = byText.get("call me at 555-010-4477");
    expect(line).toMatchObject({
      positive: true,
      types: ["PHONE_NUMBER"],
      scoredTypes: ["phone"],
      language: "English",
    });
    expect(line?.spans).toEqual([["PHONE_NUMBER", 11, 23]]);
    expect(byText.get("+९१ ९८७६५४३२१०")).toMatchObject({ positive: true, language: "Hindi" });
  });

  it("labels IPv4 addresses, SSNs and short numbers as no phone; letters in a number or 18 digits as weak", () => {
    for (const text of ["IP address is 10.20.30.40", "my ssn is 123-45-6789", "x386"]) {
      expect(byText.get(text)?.positive).toBe(false);
      expect(byText.get(text)?.excluded).toBeUndefined();
    }
    expect(byText.get("1-800-GO-2-HAUL")?.excluded).toBe("weak");
    expect(byText.get("4321 7732 143214 3005")?.excluded).toBe("weak");
  });

  it("reads only telephone test files, and each text in the one half its hash names", () => {
    expect(all).toHaveLength(7);
    for (const line of nemoTelephoneLines(files, "a", context)) expect(nemoHalf(line.text)).toBe("a");
    for (const line of nemoTelephoneLines(files, "b", context)) expect(nemoHalf(line.text)).toBe("b");
  });
});
