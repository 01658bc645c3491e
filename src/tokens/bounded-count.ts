/**
 * Token counting whose cost stays linear in the text and whose stalls stay short.
 *
 * gpt-tokenizer merges each pre-token (a word, a run of letters, of punctuation, of spaces) with a
 * loop that is quadratic in the pre-token's length: 20,000 `b`s took 150 ms, 13,000 CJK
 * characters without punctuation 540 ms, and a 200,000-character run 33 s. Pre-tokens longer than
 * MAX_PIECE_CHARS are therefore counted in pieces of that length (the count is then approximate,
 * and said so); ordinary text never has such pre-tokens and keeps its exact count. Text is also
 * counted in slices cut between pre-tokens (where the tokenizer itself cuts, so the sum is exact),
 * and the counter gives the event loop back between slices once it has run for TURN_MS.
 */

/** Longest pre-token handed to the tokenizer whole: beyond ~512 characters its cost grows fast. */
export const MAX_PIECE_CHARS = 256;
/** Text counted between looks at the clock: about 10 ms of the slowest text (random CJK). */
const SLICE_CHARS = 4096;
/** How long counting may hold the event loop before it lets other requests run. */
const TURN_MS = 8;

/** Shared by the counts of one request, so many small messages yield as one long one does. */
export interface Turn {
  /** Yields to the event loop when the current turn has lasted TURN_MS. */
  pause(): Promise<void>;
}

export function createTurn(turnMs = TURN_MS): Turn {
  let started = performance.now();
  return {
    async pause() {
      if (performance.now() - started < turnMs) return;
      await new Promise((resolve) => setImmediate(resolve));
      started = performance.now();
    },
  };
}

export interface BoundedCount {
  tokens: number;
  /** True when a pre-token was too long and was counted in pieces: the count is approximate. */
  cut: boolean;
}

/** End of the next piece of a long pre-token, not splitting a surrogate pair. */
function pieceEnd(text: string, start: number): number {
  const end = Math.min(start + MAX_PIECE_CHARS, text.length);
  const last = text.charCodeAt(end - 1);
  return end < text.length && last >= 0xd800 && last <= 0xdbff ? end - 1 : end;
}

/**
 * A whitespace pre-token's length depends on what follows (`\s+(?!\S)` leaves the last space to
 * the next word), so a slice never ends on one: alone, it would be counted as one longer run.
 */
const ENDS_IN_SPACE = /\p{White_Space}$/u;

function* countLongPiece(count: (text: string) => number, piece: string): Generator<void, number> {
  let tokens = 0;
  for (let start = 0, pieces = 0; start < piece.length; pieces++) {
    const end = pieceEnd(piece, start);
    tokens += count(piece.slice(start, end));
    start = end;
    if (pieces % 16 === 15) yield;
  }
  return tokens;
}

/** The count in steps of about SLICE_CHARS: a caller may yield to the event loop between them. */
function* countSteps(
  count: (text: string) => number,
  split: RegExp,
  text: string,
): Generator<void, BoundedCount> {
  if (text.length <= MAX_PIECE_CHARS) return { tokens: count(text), cut: false };
  let tokens = 0;
  let cut = false;
  let sliceStart = 0;
  for (const match of text.matchAll(split)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0].length > MAX_PIECE_CHARS) {
      if (start > sliceStart) tokens += count(text.slice(sliceStart, start));
      tokens += yield* countLongPiece(count, match[0]);
      cut = true;
    } else if (end - sliceStart >= SLICE_CHARS && !ENDS_IN_SPACE.test(match[0])) {
      tokens += count(text.slice(sliceStart, end));
    } else continue;
    sliceStart = end;
    yield;
  }
  if (sliceStart < text.length) tokens += count(sliceStart === 0 ? text : text.slice(sliceStart));
  return { tokens, cut };
}

/**
 * Counts `text` with `count` (one encoding's counter) and `split` (that encoding's pre-token
 * regex, global): exactly when no pre-token is longer than MAX_PIECE_CHARS, approximately
 * otherwise. Yields to the event loop through `turn`.
 */
export async function countBounded(
  count: (text: string) => number,
  split: RegExp,
  text: string,
  turn: Turn,
): Promise<BoundedCount> {
  const steps = countSteps(count, split, text);
  for (;;) {
    const step = steps.next();
    await turn.pause();
    // After the last step too: a text of one slice has no step between, and 2,048 such texts
    // (an embeddings batch) held the loop for 235 ms on one shared turn that never paused.
    if (step.done) return step.value;
  }
}

/** The same count at once, for short side texts (names, tool arguments): linear, never yields. */
export function countBoundedSync(count: (text: string) => number, split: RegExp, text: string): BoundedCount {
  const steps = countSteps(count, split, text);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
