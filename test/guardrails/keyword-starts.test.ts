import { describe, expect, it } from "vitest";
import { KeywordStarts } from "../../src/guardrails/keyword-starts.js";
import { trieRegexSource } from "../../src/guardrails/trie-regex.js";
import { TextUnits } from "../../src/text-units.js";
import { seededRandom } from "../support/seeded-random.js";

/** Every hit of the keywords' global regex, each search starting one past the previous hit. */
function globalHits(keywords: readonly string[], flags: string, text: string): string[] {
  const regex = new RegExp(trieRegexSource(keywords), `g${flags}`);
  const hits: string[] = [];
  for (let hit = regex.exec(text); hit !== null; hit = regex.exec(text)) {
    hits.push(`${hit.index}:${hit[0]}`);
    regex.lastIndex = hit.index + 1;
  }
  return hits;
}

/** The same, the regex tried sticky only where KeywordStarts says a keyword may start. */
function hitsAtStarts(keywords: readonly string[], flags: string, text: string): string[] {
  const regex = new RegExp(trieRegexSource(keywords), `y${flags}`);
  const starts = new KeywordStarts(keywords);
  const units = new TextUnits().of(text);
  const hits: string[] = [];
  for (let at = starts.next(units, text.length, 0); at !== -1; at = starts.next(units, text.length, at + 1)) {
    regex.lastIndex = at;
    const hit = regex.exec(text);
    if (hit !== null) hits.push(`${at}:${hit[0]}`);
  }
  return hits;
}

const KEYWORDS = ["a", "sk", "q~", "-u", "sk_live_", "key", "key-", "password", "пароль", "密码", "ñu", "Ab"];

describe("KeywordStarts", () => {
  it("keeps every start a case-insensitive regex finds, keywords of one to eight units, at the text's end too", () => {
    const texts = [
      "",
      "a",
      "SK",
      "my sk_live_ key-1 PASSWORD пароль ПАРОЛЬ 密码 Ñu ab AB",
      "passwor",
      "xxsk",
      "q~q~q~",
      "-U -u",
      "keykeykey",
    ];
    for (const text of texts) {
      expect(hitsAtStarts(KEYWORDS, "i", text)).toEqual(globalHits(KEYWORDS, "i", text));
      expect(hitsAtStarts(KEYWORDS, "", text)).toEqual(globalHits(KEYWORDS, "", text));
    }
  });

  it("agrees with the global regex on random texts of the keywords' characters", () => {
    const random = seededRandom(14);
    const alphabet = "askqu~-_livepyKSALIVEPYwordпарольПАРОЛЬ密码ñÑ ";
    const keywords = KEYWORDS.filter((keyword) => keyword !== "a");
    for (let round = 0; round < 300; round++) {
      let text = "";
      const length = Math.floor(random() * 60);
      for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(hitsAtStarts(keywords, "i", text)).toEqual(globalHits(keywords, "i", text));
    }
  });

  it("keeps every start of keywords longer than the units it reads on, and of many sharing their first four", () => {
    const random = seededRandom(30);
    const keywords = [
      "instagram",
      "instance_key",
      "inst",
      "insta",
      "passphrase_",
      "password",
      "passport_no",
      "pass",
    ];
    const alphabet = "instagrmceky_phwodPASSINSTu ";
    for (let round = 0; round < 400; round++) {
      let text = "";
      const length = Math.floor(random() * 40);
      for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
      for (const sample of [text, `${text}instagram`, `${text}PASSWORD`, `${text}passphrase_`]) {
        expect(hitsAtStarts(keywords, "i", sample)).toEqual(globalHits(keywords, "i", sample));
      }
    }
  });

  it("rules out a start where only a longer keyword's first four units stand", () => {
    const starts = new KeywordStarts(["password", "instagram"]);
    const text = "passport instance INSTAGRAM";
    const units = new TextUnits().of(text);
    expect(starts.next(units, text.length, 0)).toBe(18);
  });

  it("keeps every position for an empty keyword", () => {
    const starts = new KeywordStarts(["", "zz"]);
    const units = new TextUnits().of("abc");
    expect([0, 1, 2, 3].map((from) => starts.next(units, 3, from))).toEqual([0, 1, 2, -1]);
  });

  it("rests on a non-unicode case-insensitive regex never matching an ASCII unit with a non-ASCII one", () => {
    const ascii = /[\0-\x7f]/i;
    const nonAscii = /[\x80-\uffff]/i;
    const crossing: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      const character = String.fromCharCode(unit);
      if (unit < 0x80 ? nonAscii.test(character) : ascii.test(character)) crossing.push(unit);
    }
    expect(crossing).toEqual([]);
  });
});
