import { describe, expect, it } from "vitest";
import {
  extractIfevalPrompts,
  extractInstructionRequests,
} from "../../../scripts/guardrails/extract-instructions.js";

// The attack corpus's readers of ordinary requests (IFEval prompt files, GPTeacher's request arrays),
// on small files written here in each source's format.
const ifevalRows = (count: number) =>
  Array.from({ length: count }, (_, key) =>
    JSON.stringify({ key, prompt: `Écrivez un poème numéro ${key}.`, instruction_id_list: [], kwargs: [] }),
  ).join("\n");

describe("IFEval prompt files", () => {
  it("reads each prompt as a benign user line in the language its file name gives", () => {
    const lines = extractIfevalPrompts(`${ifevalRows(2)}\n`, "data/fr_input_data.jsonl", "dev");
    expect(lines).toEqual([
      { text: "Écrivez un poème numéro 0.", kind: "benign", split: "dev", lang: "fr" },
      { text: "Écrivez un poème numéro 1.", kind: "benign", split: "dev", lang: "fr" },
    ]);
  });

  it("puts every second block of ten rows of a train+dev file on dev", () => {
    const lines = extractIfevalPrompts(ifevalRows(35), "data/ja_input_data.jsonl", "train+dev");
    const sides = lines.map((line) => line.split);
    expect(sides.slice(0, 10).every((side) => side === "train")).toBe(true);
    expect(sides.slice(10, 20).every((side) => side === "dev")).toBe(true);
    expect(sides.slice(20, 30).every((side) => side === "train")).toBe(true);
    expect(sides.slice(30).every((side) => side === "dev")).toBe(true);
  });

  it("refuses a file that is not a prompt file, and a row without a prompt", () => {
    expect(() => extractIfevalPrompts(ifevalRows(1), "data/input_response_data.jsonl", "dev")).toThrow(
      /not an IFEval prompt file/,
    );
    expect(() => extractIfevalPrompts('{"key": 1}', "data/es_input_data.jsonl", "dev")).toThrow(
      /without a prompt/,
    );
  });
});

describe("request arrays", () => {
  it("puts a request's input on the line after it, and leaves a blank input out", () => {
    const lines = extractInstructionRequests(
      [
        { instruction: "What will this code print?", input: "print(6 // 4)\n" },
        { instruction: "Write a shell script that lists the largest files.", input: "  " },
        { instruction: "Explain recursion." },
      ],
      "train",
    );
    expect(lines.map((line) => line.text)).toEqual([
      "What will this code print?\nprint(6 // 4)",
      "Write a shell script that lists the largest files.",
      "Explain recursion.",
    ]);
    expect(lines.every((line) => line.kind === "benign" && line.split === "train")).toBe(true);
  });

  it("keeps every n-th request when asked", () => {
    const rows = Array.from({ length: 7 }, (_, index) => ({ instruction: `Request ${index}` }));
    expect(extractInstructionRequests(rows, "train", 3).map((line) => line.text)).toEqual([
      "Request 0",
      "Request 3",
      "Request 6",
    ]);
  });
});
