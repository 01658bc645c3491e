import { describe, expect, it } from "vitest";
import { createValueCounter } from "../../src/http/read-body.js";
import { seededRandom } from "../support/seeded-random.js";

/** The byte-by-byte count the fast counter must equal: `,` `:` `[` `{` outside strings. */
function plainCount(text: string): number {
  let values = 0;
  let inString = false;
  let escaped = false;
  for (const char of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === "\\") escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (",:[{".includes(char)) values++;
  }
  return values;
}

const STRINGS = [
  "plain",
  'a \\"quoted\\" word',
  "back\\\\slash",
  '\\\\\\"',
  "comma, colon: [x] {y}",
  "日本語",
  "",
];

function randomJson(next: () => number, depth = 0): unknown {
  const pick = next();
  if (depth > 3 || pick < 0.3) return JSON.parse(`"${STRINGS[Math.floor(next() * STRINGS.length)]}"`);
  if (pick < 0.4) return Math.round(next() * 1000);
  if (pick < 0.7) return Array.from({ length: Math.floor(next() * 5) }, () => randomJson(next, depth + 1));
  return Object.fromEntries(
    Array.from({ length: Math.floor(next() * 5) }, (_, index) => [
      `${STRINGS[index % STRINGS.length]}${index}`,
      randomJson(next, depth + 1),
    ]),
  );
}

describe("the body's JSON value counter", () => {
  it("counts what a byte-by-byte scan counts, wherever chunks are cut (escapes across a cut too)", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = seededRandom(seed);
      const text = JSON.stringify(randomJson(next));
      const bytes = Buffer.from(text);
      const count = createValueCounter();
      let values = 0;
      for (let start = 0; start < bytes.length; ) {
        const end = Math.min(bytes.length, start + 1 + Math.floor(next() * 12));
        values = count(bytes.subarray(start, end));
        start = end;
      }
      expect(values, text).toBe(plainCount(text));
    }
  });

  it("passes over a long string in one native scan, counting the values after it", () => {
    const text = JSON.stringify({ image: `data:image/png;base64,${"QUJD".repeat(250_000)}`, a: [1, 2] });
    expect(createValueCounter()(Buffer.from(text))).toBe(plainCount(text));
  });
});
