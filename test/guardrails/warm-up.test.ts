import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { IMPERATIVE, IMPERATIVE_REACH } from "../../src/guardrails/attacks/embedded-instructions.js";
import { DEFAULT_THRESHOLDS } from "../../src/guardrails/config.js";
import { createGuardrails, GUARDRAIL_KINDS } from "../../src/guardrails/index.js";
import { WARM_UP_TEXTS } from "../../src/guardrails/warm-up.js";

// The warm-up compiles the detectors' regexps while the process is young (warm-up.ts): it is worth
// something only if its texts take every detector down a path that finds something, in each of the
// ways V8 stores a string (a regexp is compiled for one-byte and two-byte subjects separately).

const guardrails = createGuardrails();

describe("the detectors' warm-up texts", () => {
  it("come as ASCII, Latin-1 and two-byte strings", () => {
    const [ascii, latin1, twoByte] = WARM_UP_TEXTS;
    expect(ascii).toMatch(/^[\n -~]+$/);
    const highest = (text = "") => Math.max(...[...text].map((character) => character.codePointAt(0) ?? 0));
    expect(highest(latin1)).toBeGreaterThan(0x7f);
    expect(highest(latin1)).toBeLessThanOrEqual(0xff);
    expect(highest(twoByte)).toBeGreaterThan(0xff);
  });

  it("are stored as they are written: one byte a character, but for the two-byte one", () => {
    // V8's serializer tags a string by how it is stored ('"' one byte, 'c' two bytes): what a regexp is
    // compiled for. A string made by replace() on a two-byte one stays two-byte, whatever it holds.
    // (A two-byte string's tag may come after padding bytes of 0, which align its characters.)
    const stored = (text = "") => {
      const bytes = serialize(text);
      let at = 2;
      while (bytes[at] === 0) at++;
      return String.fromCharCode(bytes[at] ?? 0);
    };
    const [ascii, latin1, twoByte] = WARM_UP_TEXTS;
    expect([stored(ascii), stored(latin1), stored(twoByte)]).toEqual(['"', '"', "c"]);
  });

  it("end with an instruction to the AI that the English imperatives miss, too long to be read whole", () => {
    // So the other languages' imperatives are looked for in the whole text there (span-test.ts).
    const [, , twoByte = ""] = WARM_UP_TEXTS;
    const last = twoByte.trimEnd().split("\n").pop() ?? "";
    expect(last).toMatch(/^Note to the AI: /);
    expect(IMPERATIVE.test(last)).toBe(false);
    expect(last.length - "Note to the AI".length).toBeGreaterThan(2 * IMPERATIVE_REACH);
  });

  it("are long enough for V8 to compile a regexp run on them at once (1,000 characters)", () => {
    for (const text of WARM_UP_TEXTS) expect(text.length).toBeGreaterThanOrEqual(1000);
  });

  it.each(["user", "document"] as const)("reach a finding of every kind, read as %s", (source) => {
    for (const text of WARM_UP_TEXTS) {
      const kinds = new Set(
        guardrails
          .scan(text, source)
          .filter((finding) => finding.score >= DEFAULT_THRESHOLDS[finding.kind])
          .map((finding) => finding.kind),
      );
      expect([...kinds].sort()).toEqual([...GUARDRAIL_KINDS].sort());
    }
  });
});
