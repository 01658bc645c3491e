/**
 * Token counting whose cost stays linear in the text and whose stalls stay short.
 *
 * gpt-tokenizer merges each pre-token (a word, a run of letters, of punctuation, of spaces) with a
 * loop that is quadratic in the pre-token's length: 20,000 `b`s took 150 ms, 13,000 CJK
 * characters without punctuation 540 ms, and a 200,000-character run 33 s. Pre-tokens longer than
 * MAX_PIECE_CHARS are therefore counted in pieces of that length (the count is then approximate,
 * and said so); ordinary text never has such pre-tokens and keeps its exact count. Text is also
 * counted in slices cut between pre-tokens (where the tokenizer itself cuts, so the sum is exact),
 * and the counter gives the event loop back between slices once it has run for TURN_MS. The
 * pre-tokens themselves are found in windows of WINDOW_CHARS: the split regex is superlinear on one
 * long run (600,000 CJK characters without punctuation: 124 ms in one call, 60,000: 2 ms).
 */

/** Longest pre-token handed to the tokenizer whole: beyond ~512 characters its cost grows fast. */
export const MAX_PIECE_CHARS = 256;
/**
 * Work counted between looks at the clock, in characters of short pre-tokens: a few ms of the
 * slowest text. Merging a pre-token is quadratic in its length, so a pre-token longer than
 * SHORT_PRETOKEN_CHARS weighs more than its length (a 256-character run of CJK, as much as 4,096
 * characters of prose).
 */
const SLICE_WEIGHT = 4096;
const SHORT_PRETOKEN_CHARS = 16;

function weightOf(length: number): number {
  return length <= SHORT_PRETOKEN_CHARS ? length : (length * length) / SHORT_PRETOKEN_CHARS;
}
/** How long counting may hold the event loop before it lets other requests run. */
const TURN_MS = 8;

/** Text the split regex sees at once: a few ms of the slowest text. */
const WINDOW_CHARS = 16_384;
/**
 * A pre-token ending this close to a window's end may go on past it (a run, a contraction's `'ll`,
 * the lookahead of `\s+(?!\S)`): it is found again from its start in the next window.
 */
const WINDOW_MARGIN = 16;

/** Shared by the counts of one request, so many small messages yield as one long one does. */
export interface Turn {
  /** Yields to the event loop when the current turn has lasted TURN_MS. */
  pause(): Promise<void>;
  /** Whether pause() would yield now: a caller may skip awaiting it when not. */
  due(): boolean;
}

export function createTurn(turnMs = TURN_MS): Turn {
  let started = performance.now();
  const due = () => performance.now() - started >= turnMs;
  return {
    due,
    async pause() {
      if (!due()) return;
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

/** `index` moved back one if it would split a surrogate pair. */
function notInPair(text: string, index: number): number {
  const before = text.charCodeAt(index - 1);
  return index < text.length && before >= 0xd800 && before <= 0xdbff ? index - 1 : index;
}

/** End of the next piece of a long pre-token, not splitting a surrogate pair. */
function pieceEnd(text: string, start: number): number {
  return notInPair(text, Math.min(start + MAX_PIECE_CHARS, text.length));
}

/**
 * A whitespace pre-token's length depends on what follows (`\s+(?!\S)` leaves the last space to
 * the next word), so a slice never ends on one: alone, it would be counted as one longer run.
 */
const ENDS_IN_SPACE = /\p{White_Space}$/u;

/**
 * The spans of `text.matchAll(split)`, found in windows of WINDOW_CHARS so that no regex call runs
 * over more: the same spans, except that a pre-token longer than a window is cut at the window's
 * end (such a pre-token is counted in pieces anyway).
 */
function* preTokenSpans(split: RegExp, text: string): Generator<[number, number]> {
  let position = 0;
  while (position < text.length) {
    const windowEnd = Math.min(position + WINDOW_CHARS, text.length);
    const trusted = windowEnd === text.length ? windowEnd : windowEnd - WINDOW_MARGIN;
    let next = position;
    for (const match of text.slice(position, windowEnd).matchAll(split)) {
      const start = position + match.index;
      const end = start + match[0].length;
      if (end > trusted) break;
      yield [start, end];
      next = end;
    }
    if (next === position) {
      next = notInPair(text, trusted);
      yield [position, next];
    }
    position = next;
  }
}

function* countLongPiece(count: (text: string) => number, piece: string): Generator<void, number> {
  let tokens = 0;
  for (let start = 0; start < piece.length; ) {
    const end = pieceEnd(piece, start);
    tokens += count(piece.slice(start, end));
    start = end;
    yield;
  }
  return tokens;
}

/** The count in steps of about SLICE_WEIGHT: a caller may yield to the event loop between them. */
function* countSteps(
  count: (text: string) => number,
  split: RegExp,
  text: string,
): Generator<void, BoundedCount> {
  if (text.length <= MAX_PIECE_CHARS) return { tokens: count(text), cut: false };
  let tokens = 0;
  let cut = false;
  let sliceStart = 0;
  let weight = 0;
  for (const [start, end] of preTokenSpans(split, text)) {
    if (end - start > MAX_PIECE_CHARS) {
      if (start > sliceStart) tokens += count(text.slice(sliceStart, start));
      tokens += yield* countLongPiece(count, text.slice(start, end));
      cut = true;
    } else {
      weight += weightOf(end - start);
      if (weight < SLICE_WEIGHT || ENDS_IN_SPACE.test(text.charAt(end - 1))) continue;
      tokens += count(text.slice(sliceStart, end));
    }
    sliceStart = end;
    weight = 0;
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
