import { describe, expect, it } from "vitest";
import { KeywordPrefilter } from "../../src/guardrails/keyword-prefilter.js";
import { SECRET_PARSERS, SECRET_PATTERN_RULES } from "../../src/guardrails/secrets.js";
import { trieRegexSource } from "../../src/guardrails/trie-regex.js";
import { seededRandom } from "../support/seeded-random.js";

/** What one sticky case-insensitive trie of every keyword finds at each position. */
function oneTrie(keywords: readonly string[], text: string): (string | undefined)[] {
  const regex = new RegExp(trieRegexSource(keywords), "iy");
  return Array.from({ length: text.length + 1 }, (_, at) => {
    regex.lastIndex = at;
    return regex.exec(text)?.[0];
  });
}

const byFirstCharacter = (keywords: readonly string[], text: string) => {
  const prefilter = new KeywordPrefilter(keywords);
  return Array.from({ length: text.length + 1 }, (_, at) => prefilter.at(text, at));
};

const KEYWORDS = ["sk", "sk_live_", "key", "key-", "-u", "q~", "password", "пароль", "密码", "ñu", "ab"];

describe("KeywordPrefilter", () => {
  it("finds the longest keyword at each position, as one trie of them all does", () => {
    const texts = ["", "SK_LIVE_x sk_li Key- KEY -U q~ PassWord ПАРОЛЬ пароль 密码 Ñu ñU AB", "keykey-"];
    for (const text of texts) expect(byFirstCharacter(KEYWORDS, text)).toEqual(oneTrie(KEYWORDS, text));
  });

  it("agrees with one trie on random texts of the keywords' characters", () => {
    const random = seededRandom(19);
    const alphabet = "skKS_liveLIVEyY-uUq~passwordPASSWORDпарольПАРОЛЬ密码ñÑaAbB ";
    for (let round = 0; round < 300; round++) {
      let text = "";
      const length = Math.floor(random() * 60);
      for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(byFirstCharacter(KEYWORDS, text)).toEqual(oneTrie(KEYWORDS, text));
    }
  });

  it("agrees with one trie of the secret detector's own keywords", () => {
    const keywords = [
      ...new Set([...SECRET_PATTERN_RULES, ...SECRET_PARSERS].flatMap((rule) => rule.keywords)),
    ];
    const text = keywords
      .map((keyword, index) => (index % 2 === 0 ? keyword.toUpperCase() : keyword))
      .join(" ");
    expect(byFirstCharacter(keywords, text)).toEqual(oneTrie(keywords, text));
  });

  it("refuses an empty keyword, which would match everywhere", () => {
    expect(() => new KeywordPrefilter(["a", ""])).toThrow(/empty keyword/);
  });
});
