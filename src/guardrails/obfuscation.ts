import { findBase64Runs } from "./base64-runs.js";
import { type NormalizedText, normalizeForMatching } from "./normalize.js";
import type { RuleEngine } from "./rule-engine.js";
import type { Finding } from "./types.js";

type Unpreviewed = Omit<Finding, "preview">;

// Six or more single letters split by spaces/dots/dashes: "i g n o r e  a l l …". Each letter is
// preceded by a separator, so a failed attempt at one letter is short and the scan stays linear.
const SPACED_RUN = /\b(?:[a-z][^a-z0-9\n]{1,3}){5,}[a-z]\b/g;
const SQUASHED_INJECTION =
  /ignore(?:all|any|the|your)*(?:previous|prior|above|earlier)?(?:instructions|rules|prompts?)|disregard(?:all|any|the|your)*(?:previous|prior|above|earlier)(?:instructions|rules)?|systemprompt|revealyour(?:instructions|prompt)/;
const SQUASHED_JAILBREAK =
  /doanythingnow|developermode(?:enabled)?|jailbr(?:eak|oken)|norestrictions|nofilters|unfilteredai/;

/** Letter-spaced instructions, matched after squashing the spacing out. */
export function findSpacedInstructions(normalized: NormalizedText, text: string): Unpreviewed[] {
  const found: Unpreviewed[] = [];
  SPACED_RUN.lastIndex = 0;
  for (let run = SPACED_RUN.exec(normalized.text); run !== null; run = SPACED_RUN.exec(normalized.text)) {
    const squashed = run[0].replace(/[^a-z]/g, "");
    const kind = SQUASHED_INJECTION.test(squashed)
      ? "prompt_injection"
      : SQUASHED_JAILBREAK.test(squashed)
        ? "jailbreak"
        : undefined;
    if (kind === undefined) continue;
    const start = normalized.toOriginalStart(run.index);
    const end = normalized.toOriginalEnd(run.index + run[0].length);
    if (start >= end || end > text.length) continue;
    found.push({
      kind,
      type: "obfuscated_instructions",
      start,
      end,
      score: 0.85,
      detector: "injection/spacing",
    });
  }
  return found;
}

const MAX_DECODED_RUNS = 64;
const MAX_RUN_LENGTH = 16_384;
const READABLE = /^[\x20-\x7e\t\r\n]+$/;

/**
 * Instructions smuggled as base64: decode runs that decode to readable text with spaces and run the
 * same rules on it. Bounded (64 runs, 16 KB each) so a pasted binary blob cannot blow the budget.
 */
export function findEncodedInstructions(text: string, engine: RuleEngine): Unpreviewed[] {
  const found: Unpreviewed[] = [];
  let decodedRuns = 0;
  for (const [start, end] of findBase64Runs(text)) {
    if (end - start > MAX_RUN_LENGTH) continue;
    if (++decodedRuns > MAX_DECODED_RUNS) break;
    const run = text.slice(start, end);
    const decoded = Buffer.from(run, "base64").toString("utf8");
    if (!READABLE.test(decoded) || !decoded.includes(" ")) continue;
    const matches = engine.match(normalizeForMatching(decoded).text);
    const strongest = matches.reduce(
      (best, match) => (match.score > (best?.score ?? 0) ? match : best),
      matches[0],
    );
    if (strongest === undefined || strongest.score < 0.3) continue;
    found.push({
      kind: strongest.rule.kind,
      type: "encoded_instructions",
      start,
      end,
      score: Math.min(0.99, strongest.score + 0.1),
      detector: `injection/base64+${strongest.rule.id}`,
    });
  }
  return found;
}
