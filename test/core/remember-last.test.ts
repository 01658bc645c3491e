import { describe, expect, it } from "vitest";
import { rememberLast } from "../../src/remember-last.js";

describe("rememberLast", () => {
  it("computes once for a run of the same arguments and again when any of them changes", () => {
    const calls: string[] = [];
    const joined = rememberLast((text: string, start: number, quoted: boolean) => {
      calls.push(`${text}/${start}/${quoted}`);
      return `${text.slice(start)}${quoted ? "'" : ""}`;
    });
    expect(joined("abc", 1, false)).toBe("bc");
    expect(joined("abc", 1, false)).toBe("bc");
    expect(joined("abc", 2, false)).toBe("c");
    expect(joined("abc", 2, true)).toBe("c'");
    expect(joined("abd", 2, true)).toBe("d'");
    // Only the last answer is kept: going back computes again.
    expect(joined("abc", 1, false)).toBe("bc");
    expect(calls).toEqual(["abc/1/false", "abc/2/false", "abc/2/true", "abd/2/true", "abc/1/false"]);
  });

  it("computes on the first call, whatever the arguments (an empty string, undefined)", () => {
    let computed = 0;
    const length = rememberLast((text: string | undefined) => {
      computed++;
      return text?.length;
    });
    expect(length(undefined)).toBeUndefined();
    expect(computed).toBe(1);
    const other = rememberLast((text: string) => {
      computed++;
      return `<${text}>`;
    });
    expect(other("")).toBe("<>");
    expect(other("")).toBe("<>");
    expect(computed).toBe(2);
  });

  it("keeps an undefined answer as an answer", () => {
    let computed = 0;
    const none = rememberLast((_text: string): number | undefined => {
      computed++;
      return undefined;
    });
    none("a");
    none("a");
    expect(computed).toBe(1);
  });

  it("remembers nothing from a call that threw", () => {
    let fail = true;
    const risky = rememberLast((text: string) => {
      if (fail) throw new Error("no");
      return text.toUpperCase();
    });
    expect(() => risky("a")).toThrow("no");
    fail = false;
    expect(risky("a")).toBe("A");
  });
});
