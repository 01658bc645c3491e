import { describe, expect, it } from "vitest";
import { hasPhoneContext } from "../../src/guardrails/phone-context.js";
import { endsWithIdContext } from "../../src/guardrails/pii-id-context.js";
import { fromLastDigit } from "../../src/guardrails/pii-match.js";

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
