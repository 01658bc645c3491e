import { describe, expect, it } from "vitest";
import { FOLD_TABLE, FOLDABLE, foldDigits } from "../../src/guardrails/fold-digits.js";

describe("foldDigits", () => {
  it("folds each script's digits, full-width ASCII, the hyphens and the ideographic space, one unit for one", () => {
    expect(foldDigits("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ०१२३४५६७८९")).toBe("0123456789 0123456789 0123456789");
    expect(foldDigits("ＴＥＬ：（０３）１２３４－５６７８\u3000～")).toBe("TEL:(03)1234-5678 ~");
    expect(foldDigits("555\u2010\u2011\u2012\u22120100 \u2013")).toBe("555----0100 \u2013");
    // Lone surrogates and other text stay as they are.
    expect(foldDigits("a\ud800१\udc00b")).toBe("a\ud8001\udc00b");
  });

  it("folds Japanese's long vowel mark between two digits as a hyphen, and only there", () => {
    expect(foldDigits("ケータイ 090ー1234ー5678")).toBe("ケータイ 090-1234-5678");
    expect(foldDigits("０９０ー１２３４")).toBe("090-1234");
    expect(foldDigits("コーヒー1杯ー2杯 1ー ー2")).toBe("コーヒー1杯ー2杯 1ー ー2");
  });

  it("folds an en or em dash after a trunk-0 area code and before seven or eight digits, and only there", () => {
    expect(foldDigits("电话：010\u201462345678，0755\u201388886666")).toBe("电话:010-62345678,0755-88886666");
    // Ranges: pages, years, amounts, a short second number, a decimal before it.
    const ranges =
      "pp. 6301\u20136308, 1990\u20142000, 0123\u20134567, 2000\u20143000, 1.010\u201462345678, 010\u201462345678.5";
    expect(foldDigits(ranges)).toBe(ranges);
  });

  it("reads through its table exactly the units the FOLDABLE regex matches, each folded as the regex's runs are", () => {
    for (let code = 0; code < 0x10000; code++) {
      const unit = String.fromCharCode(code);
      const foldable = FOLDABLE.test(unit);
      expect(FOLD_TABLE[code] !== code, `U+${code.toString(16)}`).toBe(foldable);
      if (foldable) expect(foldDigits(`x${unit}`).charCodeAt(1)).toBe(FOLD_TABLE[code]);
      else if (code % 97 === 0) expect(foldDigits(`${unit}x`)).toBe(`${unit}x`);
    }
    // A foldable unit anywhere in a long text, at either end too.
    const plain = "Call 555 0100 or write to ünïcödé — 電話 ".repeat(300);
    for (const at of [0, 1, plain.length >> 1, plain.length]) {
      const text = `${plain.slice(0, at)}\uff10${plain.slice(at)}`;
      expect(foldDigits(text)).toBe(`${plain.slice(0, at)}0${plain.slice(at)}`);
    }
    expect(foldDigits(plain)).toBe(plain);
    // Past 64 KB the regex reads it: the same answer.
    const long = plain.repeat(6);
    expect(long.length).toBeGreaterThan(64 * 1024);
    expect(foldDigits(long)).toBe(long);
    expect(foldDigits(`${long}\uff11`)).toBe(`${long}1`);
  });

  it("folds a run longer than one String.fromCharCode call takes", () => {
    const run = "१२३४५६७८९०".repeat(1000);
    const folded = foldDigits(`x${run}y`);
    expect(folded).toBe(`x${"1234567890".repeat(1000)}y`);
    expect(folded.length).toBe(run.length + 2);
  });

  it("folds a text of many separate runs in one pass, as run by run", () => {
    // Thousands of runs (a megabyte of `৫ ` is half a million) take the whole-text pass.
    const text = "৫ ＴＥＬ：（０３）a\u2010b\u3000".repeat(600);
    const folded = foldDigits(text);
    expect(folded).toBe("5 TEL:(03)a-b ".repeat(600));
    expect(folded.length).toBe(text.length);
    // Lone surrogates and other scripts' letters stay as they are in that pass too.
    expect(foldDigits("\ud800অ১".repeat(2000))).toBe("\ud800অ1".repeat(2000));
  });
});
