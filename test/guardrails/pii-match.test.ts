import { describe, expect, it } from "vitest";
import { hasPhoneContext, hasPhoneWordInSentence } from "../../src/guardrails/phone-context.js";
import { endsWithIdContext } from "../../src/guardrails/pii-id-context.js";
import {
  fromLastDigit,
  textBefore,
  wordCharacterAfter,
  wordCharacterSinceDigit,
} from "../../src/guardrails/pii-match.js";

describe("fromLastDigit", () => {
  it("keeps the text from its last ASCII digit, or all of it without one", () => {
    expect(fromLastDigit("call 555-1234 or ")).toBe("4 or ");
    expect(fromLastDigit("phone: ")).toBe("phone: ");
    expect(fromLastDigit("7")).toBe("7");
    expect(fromLastDigit("")).toBe("");
  });

  it("leaves the context readings as they were: the kept digit answers look-behinds and \\b", () => {
    // A digit is no letter: the word after it still stands alone.
    expect(hasPhoneContext("x5phone: 0301234567", 9, 19)).toBe(true);
    expect(hasPhoneContext("12 34 56 0301234567", 9, 19)).toBe(false);
    // A digit is a word character: `5order` is no word `order`, `5 order` is.
    expect(endsWithIdContext("5order # ")).toBe(false);
    expect(endsWithIdContext("5 order # ")).toBe(true);
    // ID_FIELD's name may end in a digit and `Id`.
    expect(endsWithIdContext('"user9Id": ')).toBe(true);
    expect(endsWithIdContext("order 12 # ")).toBe(false);
  });
});

describe("context windows read in place", () => {
  // Random texts of words, digits, stops, spaces and line breaks, read at every offset.
  const parts = [
    "tel",
    "call",
    "phone",
    " ",
    ".",
    "!",
    "?",
    "\n",
    "。",
    "！",
    "\u00a0",
    "1",
    "23",
    "x",
    "电话",
    ",",
    ":",
  ];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const texts = Array.from({ length: 3000 }, () =>
    Array.from({ length: 1 + (next() % 30) }, () => parts[next() % parts.length]).join(""),
  );
  const fromA = {
    test: (value: string) => [...value].some((character) => (character.codePointAt(0) ?? 0) >= 65),
  };

  it("wordCharacterSinceDigit answers what fromLastDigit(textBefore(…)) holds", () => {
    for (const text of texts)
      for (let index = 0; index <= text.length; index++)
        for (const reach of [5, 8, 32])
          expect(wordCharacterSinceDigit(text, index, reach), `${JSON.stringify(text)} ${index}`).toBe(
            fromA.test(fromLastDigit(textBefore(text, index, reach))),
          );
  });

  it("wordCharacterAfter answers whether the window after holds a character from A up", () => {
    for (const text of texts)
      for (let index = 0; index <= text.length; index++)
        expect(wordCharacterAfter(text, index, 4)).toBe(fromA.test(text.slice(index, index + 4)));
  });

  it("hasPhoneWordInSentence reads the sentence as its regex does", () => {
    const word =
      /(?<!\p{L})(?:phone\p{L}*|telephone|tel|number|contact\p{L}*|call(?:ing)?|reach(?:ed)?|dial|mobile|fax|n[úu]mero|telefone|celular)(?!\p{L})|电话|電話|号码|號碼|手机|手機|联系/iu;
    const sentenceEnd = /.*(?:[.!?]\s|[。！？\n])/s;
    for (const text of texts)
      for (let index = 0; index <= text.length; index++)
        expect(hasPhoneWordInSentence(text, index), `${JSON.stringify(text)} ${index}`).toBe(
          word.test(textBefore(text, index, 64).replace(sentenceEnd, "")),
        );
  });
});
