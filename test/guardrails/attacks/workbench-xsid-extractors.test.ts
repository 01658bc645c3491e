import { describe, expect, it } from "vitest";
import { extractWorkBenchTasks } from "../../../scripts/guardrails/extract-workbench.js";
import { extractXsidRequests } from "../../../scripts/guardrails/extract-xsid.js";
import { sideOfGroup } from "../../../scripts/guardrails/seeded-random.js";

// The extractors of WorkBench's agent tasks and xSID's assistant requests, on rows written here in
// each source's format: a group (a template, an English sentence) is on one side, and a source's
// train/dev part and its test part never share a line.
const templates = Array.from({ length: 40 }, (_, index) => `Delete my last email from {name} ${index}`);

describe("WorkBench agent tasks", () => {
  const tasks = templates.flatMap((template) =>
    ["nadia", "raj"].map((name) => ({ query: template.replace("{name}", name), base_template: template })),
  );

  it("splits by template, three fifths train, and keeps test tasks out of the train/dev part", () => {
    const trainDev = extractWorkBenchTasks(tasks, "train+dev");
    const test = extractWorkBenchTasks(tasks, "test");
    expect(trainDev.length + test.length).toBe(tasks.length);
    expect(test.every((line) => line.split === "test")).toBe(true);
    expect(trainDev.every((line) => line.split === "train" || line.split === "dev")).toBe(true);
    const sides = new Set(trainDev.map((line) => line.split));
    expect(sides).toEqual(new Set(["train", "dev"]));
    // Both fillings of a template on its side, as benign English user lines.
    for (const line of [...trainDev, ...test]) {
      const template = templates.find((candidate) => line.text === candidate.replace("{name}", "nadia"));
      if (template !== undefined) expect(line.split).toBe(sideOfGroup(template));
      expect(line).toMatchObject({ kind: "benign", lang: "en" });
      expect(line.context).toBeUndefined();
    }
    const train = trainDev.filter((line) => line.split === "train").length;
    expect(train / tasks.length).toBeGreaterThan(0.4);
    expect(train / tasks.length).toBeLessThan(0.8);
  });

  it("refuses a task without a template", () => {
    expect(() =>
      extractWorkBenchTasks([{ query: "Forward it to Anna", base_template: " " }], "train+dev"),
    ).toThrow(/without a template/);
  });
});

describe("xSID assistant requests", () => {
  const block = (id: number, english: string, text: string) =>
    `# id = ${id}\n# text-en = ${english}\n# text = ${text}\n# intent = weather/find\n1\tx\tweather/find\tO\n`;

  it("groups a sentence with its translations by the English one, and joins Japanese tokens", () => {
    const english = Array.from({ length: 30 }, (_, index) => `Is it going to rain in city ${index}?`);
    const ja = english
      .map((sentence, index) => block(index, sentence, `今日 は 雨 が 降り ます か ？ ${index}`))
      .join("\n");
    const de = english
      .map((sentence, index) => block(index, sentence, `Regnet es heute? ${index}`))
      .join("\n");
    const sideOf = (lines: ReturnType<typeof extractXsidRequests>) =>
      new Map(lines.map((line) => [line.text.replace(/^\D*/, ""), line.split]));
    const jaLines = [...extractXsidRequests(ja, "ja", "train+dev"), ...extractXsidRequests(ja, "ja", "test")];
    const deLines = [...extractXsidRequests(de, "de", "train+dev"), ...extractXsidRequests(de, "de", "test")];
    expect(jaLines).toHaveLength(30);
    expect(sideOf(jaLines)).toEqual(sideOf(deLines));
    expect(jaLines[0]).toMatchObject({ text: "今日は雨が降りますか？ 0", kind: "benign", lang: "ja" });
    expect(deLines[0]?.text).toBe("Regnet es heute? 0");
    expect(extractXsidRequests(de, "de", "test").every((line) => line.split === "test")).toBe(true);
    expect(extractXsidRequests(de, "de", "train+dev").some((line) => line.split === "test")).toBe(false);
  });

  it("groups a sentence by itself where the file has no English line", () => {
    const conll = "# id = 1\n# text = Is it going to rain today?\n1\tIs\tweather/find\tO\n";
    const [line] = [
      ...extractXsidRequests(conll, "en", "train+dev"),
      ...extractXsidRequests(conll, "en", "test"),
    ];
    expect(line?.split).toBe(sideOfGroup("is it going to rain today?"));
  });
});
