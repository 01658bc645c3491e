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

// Where a SPACED_RUN match can start: after a non-word character, three letters each followed by
// 1–3 separators (every match has at least five). Scans about twice as fast: most text positions fail
// on its first character class, while SPACED_RUN tests a word boundary and a letter at each of them.
const SPACED_START = /[^a-z0-9_][a-z][^a-z0-9\n]{1,3}[a-z][^a-z0-9\n]{1,3}[a-z][^a-z0-9\n]/g;
const SPACED_RUN_AT = new RegExp(SPACED_RUN.source, "y");

/**
 * What `SPACED_RUN` (global) finds, in order: it is tried (sticky) only where `SPACED_START` says a
 * match may start, and at the start of the text. Same leftmost matches, same resumption after each.
 */
export function forEachSpacedRun(text: string, visit: (run: RegExpExecArray) => void): void {
  // A callback, not a generator: a generator's object and resumptions cost more on every short text.
  let from = 0;
  if (text.length > 0) {
    SPACED_RUN_AT.lastIndex = 0;
    const run = SPACED_RUN_AT.exec(text);
    if (run !== null) {
      from = run.index + run[0].length;
      visit(run);
    }
  }
  SPACED_START.lastIndex = from;
  for (let start = SPACED_START.exec(text); start !== null; start = SPACED_START.exec(text)) {
    const candidate = start.index + 1;
    SPACED_RUN_AT.lastIndex = candidate;
    const run = SPACED_RUN_AT.exec(text);
    // A match ends on a letter, so the next one cannot start before its end + 1 (where SPACED_START, one
    // character earlier, may begin).
    SPACED_START.lastIndex = run === null ? candidate : candidate + run[0].length;
    if (run !== null) visit(run);
  }
}

/** Letter-spaced instructions, matched after squashing the spacing out. */
export function findSpacedInstructions(normalized: NormalizedText, text: string): Unpreviewed[] {
  const found: Unpreviewed[] = [];
  forEachSpacedRun(normalized.text, (run) => {
    const squashed = run[0].replace(/[^a-z]/g, "");
    const kind = SQUASHED_INJECTION.test(squashed)
      ? "prompt_injection"
      : SQUASHED_JAILBREAK.test(squashed)
        ? "jailbreak"
        : undefined;
    if (kind === undefined) return;
    const start = normalized.toOriginalStart(run.index);
    const end = normalized.toOriginalEnd(run.index + run[0].length);
    if (start >= end || end > text.length) return;
    found.push({
      kind,
      type: "obfuscated_instructions",
      start,
      end,
      score: 0.85,
      detector: "injection/spacing",
    });
  });
  return found;
}

const MAX_DECODED_RUNS = 64;
const MAX_RUN_LENGTH = 16_384;
const READABLE = /^[\x20-\x7e\t\r\n]+$/;

// Base64 characters whose 6 bits can be the top of a READABLE byte (tab, LF, CR: 2–3; 0x20–0x7e: 8–31).
const READABLE_FIRST = new Uint8Array(128);
for (const character of "CDIJKLMNOPQRSTUVWXYZabcdef") READABLE_FIRST[character.charCodeAt(0)] = 1;

/**
 * False when the run cannot decode to READABLE text: every complete 4-character group of a base64 run
 * (base64 characters, then at most two `=`, so no group starts with `=`) decodes to at least one byte,
 * and the top 6 bits of its first byte are the group's first character; UTF-8 decodes a byte of 0x80 or
 * more to no ASCII character. Random keys and tokens fail within a few groups, without decoding.
 */
export function mayDecodeReadable(text: string, start: number, end: number): boolean {
  for (let group = start; group + 4 <= end; group += 4) {
    if (READABLE_FIRST[text.charCodeAt(group)] !== 1) return false;
  }
  return true;
}

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
    if (!mayDecodeReadable(text, start, end)) continue;
    const run = text.slice(start, end);
    const decoded = Buffer.from(run, "base64").toString("utf8");
    if (!READABLE.test(decoded) || !decoded.includes(" ")) continue;
    const matches = engine.match(normalizeForMatching(decoded), decoded);
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
