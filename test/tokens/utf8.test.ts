import { describe, expect, it } from "vitest";
import { type Utf8Written, writeUtf8 } from "../../src/tokens/utf8.js";

/** A string of `length` UTF-16 units drawn from every range, lone surrogates included. */
function randomText(length: number, seed: number): string {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  const ranges = [
    [0x00, 0x7f],
    [0x80, 0x7ff],
    [0x800, 0xd7ff],
    [0xd800, 0xdfff],
    [0xe000, 0xffff],
  ] as const;
  let text = "";
  while (text.length < length) {
    const [low, high] = ranges[next() % (ranges.length + 1)] ?? [0x10000, 0x10ffff];
    text += String.fromCodePoint(low + (next() % (high - low + 1)));
  }
  return text;
}

describe("writeUtf8", () => {
  it("writes what TextEncoder writes, lone surrogates as U+FFFD, and says when there was one", () => {
    const encoder = new TextEncoder();
    const out: Utf8Written = { written: 0, loneSurrogate: false };
    for (let seed = 1; seed <= 2000; seed++) {
      const text = randomText(seed % 40, seed);
      const into = new Uint8Array(5 + text.length * 3);
      writeUtf8(text, into, 5, out);
      const expected = encoder.encode(text);
      expect(into.subarray(5, 5 + out.written)).toEqual(expected);
      expect(out.loneSurrogate, JSON.stringify(text)).toBe(hasLone(text));
    }
  });
});

function hasLone(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xdc00 && code <= 0xdfff) return true;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      index++;
    }
  }
  return false;
}
