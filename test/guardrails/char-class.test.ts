import { describe, expect, it } from "vitest";
import { asciiClass } from "../../src/guardrails/char-class.js";

describe("asciiClass", () => {
  const isKeyChar = asciiClass("ab_-");

  it("holds its characters and no others", () => {
    expect([..."ab_-"].map((_, index) => isKeyChar("ab_-", index))).toEqual([true, true, true, true]);
    expect([..."cB.z"].map((_, index) => isKeyChar("cB.z", index))).toEqual([false, false, false, false]);
  });

  it("holds no unit past 127, whatever its low bits (á is 0xe1, ᵃ 0x1d43, ａ 0xff41)", () => {
    for (const text of ["á", "\u1d43", "\uff41", "\u0161", "\u00df"]) expect(isKeyChar(text, 0)).toBe(false);
  });

  it("is false past either end of the text", () => {
    expect(isKeyChar("ab", -1)).toBe(false);
    expect(isKeyChar("ab", 2)).toBe(false);
    expect(isKeyChar("", 0)).toBe(false);
  });
});
