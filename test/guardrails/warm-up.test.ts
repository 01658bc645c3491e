import { describe, expect, it } from "vitest";
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
