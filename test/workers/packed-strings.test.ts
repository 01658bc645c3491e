import { describe, expect, it } from "vitest";
import { packMap, unpackMap } from "../../src/workers/packed-strings.js";

describe("packed string maps (placeholders crossing threads)", () => {
  it("gives back the same entries in the same order, empty strings and surrogate pairs included", () => {
    const map = new Map([
      ["[EMAIL_1]", "jane@example.com"],
      ["[SECRET_1]", ""],
      ["", "empty key"],
      ["[NAME_1]", "😀 naïve 日本"],
    ]);
    const packed = packMap(map);
    expect([...unpackMap(packed)]).toEqual([...map]);
    expect(unpackMap(packMap(new Map())).size).toBe(0);
  });

  it("survives a structured clone, as a worker's reply", () => {
    const map = new Map(
      Array.from({ length: 40_000 }, (_, index) => [`[EMAIL_${index}]`, `user${index}@x.io`]),
    );
    expect(unpackMap(structuredClone(packMap(map)))).toEqual(map);
  });
});
