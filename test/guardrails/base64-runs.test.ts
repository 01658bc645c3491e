import { describe, expect, it } from "vitest";
import { findBase64Runs } from "../../src/guardrails/base64-runs.js";

// The regex findBase64Runs replaces; it must find exactly the same spans.
const BASE64_RUN = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])/g;
const byRegex = (text: string) =>
  [...text.matchAll(BASE64_RUN)].map((match) => [match.index, match.index + match[0].length]);

describe("findBase64Runs", () => {
  it("finds the same spans as the regex on random text built from run and non-run characters", () => {
    const alphabet = ["a", "Z", "9", "+", "/", "=", "=", " ", "-", ".", "\n", "é", "😀"];
    let state = 11;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state;
    };
    for (let round = 0; round < 2000; round++) {
      let text = "";
      const length = next() % 200;
      while (text.length < length) {
        // Long stretches of one kind, so runs of every length around 24 occur.
        const character = alphabet[next() % alphabet.length] ?? "a";
        text += next() % 3 === 0 ? character : "abcdefghijklmnopqrstuvwxyz".slice(0, next() % 30);
      }
      expect(findBase64Runs(text), JSON.stringify(text)).toEqual(byRegex(text));
    }
  });

  it("handles runs at the edges, padding and embedded `=`", () => {
    const key = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY";
    for (const text of [
      key,
      `${key}=`,
      `${key}==`,
      `${key}===`,
      `x ${key}== y`,
      `${key}=${key}`,
      `=${key}`,
      `${key.slice(0, 23)} ${key.slice(0, 24)}`,
      "a".repeat(23),
      "a".repeat(24),
      `${"a ".repeat(50)}${key}`,
    ]) {
      expect(findBase64Runs(text), text).toEqual(byRegex(text));
    }
  });
});
