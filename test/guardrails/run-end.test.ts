import { describe, expect, it } from "vitest";
import { asciiClass } from "../../src/guardrails/char-class.js";
import { runEnd } from "../../src/guardrails/run-end.js";

describe("runEnd", () => {
  const end = runEnd(asciiClass("ab"));
  it("ends a run where its characters stop, from anywhere inside it, in any text", () => {
    expect(end("xabab-ab", 1)).toBe(5);
    expect(end("xabab-ab", 3)).toBe(5);
    expect(end("xabab-ab", 5)).toBe(5);
    expect(end("xabab-ab", 6)).toBe(8);
    expect(end("xabab-ab", 2)).toBe(5);
    expect(end("abba", 0)).toBe(4);
    expect(end("xabab-ab", 0)).toBe(0);
  });
});
