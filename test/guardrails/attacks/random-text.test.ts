import { describe, expect, it } from "vitest";
import { randomTexts } from "../../../scripts/guardrails/random-texts.js";
import { CONTENT_SOURCES, createGuardrails } from "../../../src/guardrails/index.js";

/**
 * Text that says nothing is no attack: random characters in several scripts, random words, base64
 * and hex blobs, code, logs, JSON and runs of one character, up to the 1,000,000 characters
 * check_guardrails accepts, as a user's message, a document and a tool result. Training keeps its
 * thresholds above two seeds of these texts (its dev check); this draws other seeds, so it measures
 * the shipped model on random texts it was not tuned on.
 */
const guardrails = createGuardrails();
// Only the attack detectors run: these tests read only their findings, and PII and secret scans were
// about a third of the time.
const ATTACKS = ["prompt_injection", "jailbreak"] as const;

describe("the learned attack scorer on random text", () => {
  // One test per seed: each scans 21 kinds × 8 lengths (up to 1,000,000 characters) × 3 contexts,
  // and on a loaded machine two seeds in one test came near its stall bound.
  for (const seed of [1000, 2000]) {
    it(`flags none of it, in any context, at any length (seed ${seed})`, () => {
      const flagged: string[] = [];
      for (const { kind, length, text } of randomTexts(undefined, seed)) {
        for (const source of CONTENT_SOURCES) {
          const findings = guardrails
            .scan(text, source, ATTACKS)
            .filter((finding) => finding.detector.endsWith("attacks/learned"));
          if (findings.length > 0)
            flagged.push(
              `${kind}, ${length} characters, as ${source}: ${findings.map((f) => f.type).join(", ")}`,
            );
        }
      }
      expect(flagged).toEqual([]);
      // 93 s during a landing at load 11: the limit is for a hung run, not a speed check.
    }, 600_000);
  }

  it("sets off no attack rule either, in any context, at any length", () => {
    const flagged: string[] = [];
    // Seed 2000 once held "D@N 94" in its random printable ASCII, read as the persona "DAN 94".
    for (const { kind, length, text } of randomTexts(undefined, 2000)) {
      for (const source of CONTENT_SOURCES) {
        const findings = guardrails
          .scan(text, source, ATTACKS)
          .filter((finding) => finding.detector.startsWith("injection/"));
        if (findings.length > 0)
          flagged.push(
            `${kind}, ${length} characters, as ${source}: ${findings.map((f) => f.detector).join(", ")}`,
          );
      }
    }
    expect(flagged).toEqual([]);
  }, 600_000);

  it("reads the hardening test's 650,000 CJK characters as nothing", () => {
    const cjk = Array.from({ length: 650_000 }, (_, index) =>
      String.fromCharCode(0x4e00 + ((index * 7919) % 20_000)),
    ).join("");
    for (const source of CONTENT_SOURCES)
      expect(guardrails.check({ text: cjk, direction: "input", source }).findings).toEqual([]);
  });
});
