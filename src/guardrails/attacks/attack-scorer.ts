import { TextUnits } from "../../text-units.js";
import type { ContentSource } from "../types.js";
import { type AttackModel, CLASS_COUNT } from "./attack-model.js";
import { crossedBucket, readByAgent } from "./context-features.js";
import { FEATURE_BITS, featureCapacity, writeUnitFeatures } from "./features.js";

/** Texts up to this length are also scored whole, as the model was trained on whole lines. */
const WHOLE_TEXT_CHARS = 4096;
/** Longer texts are held to the model's `longThresholds` (attack-model.ts). */
export const LONG_TEXT_CHARS = WHOLE_TEXT_CHARS;
/**
 * Texts are cut into sentence blocks; windows of one and two neighbouring blocks are scored, so a
 * short instruction inside a long page is not diluted by the page around it.
 */
const MIN_BLOCK_CHARS = 40;
const MAX_BLOCK_CHARS = 400;
const SNAP_CHARS = 48;
/**
 * Which buckets a span (a block, or a whole text) has read already: one bit per model bucket
 * (2^FEATURE_BITS bits, 64 KB), set as a feature is met and cleared after the span, word by word
 * over its distinct buckets. The stamped, hashed sets it replaces (16 KB per block, up to 256 KB per
 * whole text) took a hash, a probe loop and a branch per feature; a bit takes a shift and a mask, and
 * whether it was new is added to the count with no branch to mispredict. The scorer alone, same
 * process, both orders: 10 KB in 0.94-0.95 of the time, 2 KB (read whole too) 0.77-0.79, 300
 * characters 0.92-0.93.
 */
const MARK_WORDS = 2 ** FEATURE_BITS / 32;
/**
 * Texts from this length on read the whole weight table in address order before they are scored
 * (warmWeights). By the time the scorer runs, the detectors before it have pushed the 1 MB table out
 * of the core's cache, and a 10 KB text reads two thirds of its 64-byte lines, each one a cache miss
 * when read in feature order; read in order first (~45 us), the hardware streams them in. Scored
 * after a whole scan, a 10 KB text took 0.7-0.8 of the time, 2 KB 0.8-0.9; 1-1.5 KB broke even and
 * 512 characters lost (the lines such a text reads cost less than reading them all).
 */
const WARM_TABLE_CHARS = 2048;
/** Int16 weight pairs per 64-byte cache line: one read of each line brings it in. */
const PAIRS_PER_LINE = 32;

/** Per block, in `sums`: the two attack classes' weight sums and the number of distinct features. */
const SUMS_STRIDE = 3;

export interface AttackScore {
  /** 1 − P(benign) of the span that scored highest. */
  attack: number;
  kind: "prompt_injection" | "jailbreak";
  start: number;
  end: number;
}

/**
 * Scores a text with the linear model. A text is read as blocks; every block and every pair of
 * neighbouring blocks is a window, scored from the blocks' sums (the model is linear, so no feature
 * is computed twice). The highest-scoring window (or the whole text, when short) is the span.
 */
export function createAttackScorer(model: AttackModel): {
  /** `windowsOnly`: a user's text read by its windows, as a page is (never whole past two blocks). */
  score(text: string, source?: ContentSource, windowsOnly?: boolean): AttackScore | undefined;
} {
  const pairs = weightPairs(model.weights);
  // A feature counts once per block, as in training: with counts, a word repeated a thousand times
  // ("word word word …") would weigh √1000 times its weight and any slight lean would flag it.
  // Blocks are at most MAX_BLOCK_CHARS + SNAP_CHARS units; a short text is one block.
  const buckets = new Int32Array(featureCapacity(MAX_BLOCK_CHARS + SNAP_CHARS));
  const marks = new Int32Array(MARK_WORDS);
  let sums = new Float64Array(48);
  // A whole text of several blocks is summed again over its own distinct features: a line repeated
  // in every block (code, a log, a template) counts once, as in training. Made on first use.
  let wholeBuckets: Int32Array | undefined;
  const wholeSums = new Float64Array(SUMS_STRIDE);
  const probabilities = new Float64Array(CLASS_COUNT);
  // Where warmWeights leaves what it read, so that the compiler cannot drop the reads.
  const warmed = new Int32Array(1);
  const textUnits = new TextUnits();
  /**
   * Softmax of the class scores of a span with these sums of the attack classes' weights; benign is
   * the reference class, its score 0. Returns 1 − P(benign).
   */
  const attackOf = (total1: number, total2: number, features: number): number => {
    const norm = features > 0 ? 1 / Math.sqrt(features) : 0;
    const z1 = (model.biases[0] ?? 0) + (model.scales[0] ?? 0) * total1 * norm;
    const z2 = (model.biases[1] ?? 0) + (model.scales[1] ?? 0) * total2 * norm;
    const top = Math.max(0, z1, z2);
    const e0 = Math.exp(-top);
    const e1 = Math.exp(z1 - top);
    const e2 = Math.exp(z2 - top);
    const total = e0 + e1 + e2;
    probabilities[0] = e0 / total;
    probabilities[1] = e1 / total;
    probabilities[2] = e2 / total;
    return 1 - probabilities[0];
  };

  return {
    score(text, source = "user", windowsOnly = false) {
      // Text an agent reads also adds each feature's weights crossed with that context.
      const crossed = model.contextFeatures && readByAgent(source);
      if (text.length >= WARM_TABLE_CHARS) warmWeights(pairs, warmed);
      const units = textUnits.of(text);
      const boundaries = blockBoundaries(text);
      const blocks = boundaries.length - 1;
      // Per block: the two attack classes' sums and the number of distinct features; reused between texts.
      if (sums.length < blocks * SUMS_STRIDE) sums = new Float64Array(blocks * 2 * SUMS_STRIDE);
      for (let block = 0; block < blocks; block++) {
        const written = writeUnitFeatures(units, boundaries[block] ?? 0, boundaries[block + 1] ?? 0, buckets);
        sumDistinct(buckets, written, pairs, marks, crossed, sums, block * SUMS_STRIDE);
      }
      let best: AttackScore | undefined;
      const consider = (first: number, last: number) => {
        let total1 = 0;
        let total2 = 0;
        let features = 0;
        for (let block = first; block <= last; block++) {
          total1 += sums[block * SUMS_STRIDE] ?? 0;
          total2 += sums[block * SUMS_STRIDE + 1] ?? 0;
          features += sums[block * SUMS_STRIDE + 2] ?? 0;
        }
        if (features === 0) return;
        const attack = attackOf(total1, total2, features);
        if (best !== undefined && attack <= best.attack) return;
        best = {
          attack,
          kind: (probabilities[2] ?? 0) > (probabilities[1] ?? 0) ? "jailbreak" : "prompt_injection",
          start: boundaries[first] ?? 0,
          end: boundaries[last + 1] ?? text.length,
        };
      };
      // A page or a tool's output is read by its windows only: an instruction planted in it is a
      // sentence or two, while over a whole page the slight lean of a language's common words adds up.
      const wholeText = source === "user" && !windowsOnly ? text.length <= WHOLE_TEXT_CHARS : blocks <= 2;
      if (blocks === 1) consider(0, 0);
      else if (wholeText) {
        wholeBuckets ??= new Int32Array(featureCapacity(WHOLE_TEXT_CHARS));
        const written = writeUnitFeatures(units, 0, text.length, wholeBuckets);
        sumDistinct(wholeBuckets, written, pairs, marks, crossed, wholeSums, 0);
        const features = wholeSums[2] ?? 0;
        if (features > 0) {
          best = {
            attack: attackOf(wholeSums[0] ?? 0, wholeSums[1] ?? 0, features),
            kind: (probabilities[2] ?? 0) > (probabilities[1] ?? 0) ? "jailbreak" : "prompt_injection",
            start: 0,
            end: text.length,
          };
        }
      }
      if (blocks > 1) {
        for (let block = 0; block < blocks; block++) {
          consider(block, block);
          if (block + 1 < blocks) consider(block, block + 1);
        }
      }
      if (best !== undefined) trimSpan(units, best);
      return best;
    },
  };
}

/**
 * A bucket's two weights (ATTACK_WEIGHTS) as one signed 16-bit value, injection's in the low byte and
 * jailbreak's in the high one, so a feature is one read, not two (`(pair << 24) >> 24` and
 * `pair >> 8` give them back): the scorer alone in 0.91 of the time. On a little-endian host that
 * is a view of the model's bytes; otherwise, or unaligned, a copy.
 */
export function weightPairs(weights: Int8Array): Int16Array {
  const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  if (littleEndian && weights.byteOffset % 2 === 0) {
    return new Int16Array(weights.buffer, weights.byteOffset, weights.length >> 1);
  }
  const pairs = new Int16Array(weights.length >> 1);
  for (let bucket = 0; bucket < pairs.length; bucket++) {
    pairs[bucket] = ((weights[bucket * 2 + 1] ?? 0) << 8) | ((weights[bucket * 2] ?? 0) & 0xff);
  }
  return pairs;
}

/**
 * Adds the attack classes' weights of the distinct buckets among `buckets[0, written)` to
 * `sums[at, at + 2)` and their number to `sums[at + 2]`, with `crossed` each bucket's crossed
 * weights too (context-features.ts), counted once. `marks` (MARK_WORDS, all clear) is clear again
 * on return.
 * A function of its parameters, not a closure over the scorer's state: read from a closure's
 * context, that state cost a reload and a hole check per feature (~190 instructions a feature).
 */
function sumDistinct(
  buckets: Int32Array,
  written: number,
  pairs: Int16Array,
  marks: Int32Array,
  crossed: boolean,
  sums: Float64Array,
  at: number,
): void {
  // First the distinct buckets, compacted to the front of `buckets` in their order; then their
  // weights, in loops with no branch, whose table reads (mostly cache misses: the table is 1 MB)
  // can all be in flight at once. The sums are of small integers, exact in any order.
  let count = 0;
  for (let index = 0; index < written; index++) {
    const bucket = buckets[index] ?? 0;
    const word = bucket >> 5;
    const held = marks[word] ?? 0;
    marks[word] = held | (1 << bucket);
    // Written in any case, kept (count moves on) only when its bit was clear.
    buckets[count] = bucket;
    count += ((held >>> bucket) & 1) ^ 1;
  }
  let sum1 = 0;
  let sum2 = 0;
  for (let index = 0; index < count; index++) {
    const bucket = buckets[index] ?? 0;
    const pair = pairs[bucket] ?? 0;
    sum1 += (pair << 24) >> 24;
    sum2 += pair >> 8;
    marks[bucket >> 5] = 0;
  }
  if (crossed) {
    for (let index = 0; index < count; index++) {
      const pair = pairs[crossedBucket(buckets[index] ?? 0)] ?? 0;
      sum1 += (pair << 24) >> 24;
      sum2 += pair >> 8;
    }
  }
  sums[at] = sum1;
  sums[at + 1] = sum2;
  sums[at + 2] = count;
}

/** Reads one weight pair of every cache line of the table, in address order (WARM_TABLE_CHARS). */
function warmWeights(pairs: Int16Array, warmed: Int32Array): void {
  let read = 0;
  for (let index = 0; index < pairs.length; index += PAIRS_PER_LINE) read ^= pairs[index] ?? 0;
  warmed[0] = read;
}

/** Where a sentence ends (the unit matched): a line break, 。！？।, or . ! ? before whitespace or a control. */
const SENTENCE_END = /[\n\u3002\uff01\uff1f\u0964]|[.!?](?=[\0-\x20])/g;
/** Whitespace and controls, where a long block may be cut. */
const CUT = /[\0-\x20]/g;

/**
 * Block starts (and the text's end): blocks are sentences (ended by . ! ? or their CJK forms, or a
 * line break), short ones joined to the next until MIN_BLOCK_CHARS, long ones cut at whitespace
 * near MAX_BLOCK_CHARS. A block ends at the first of: a sentence end that makes it MIN_BLOCK_CHARS
 * long, whitespace once it is MAX_BLOCK_CHARS long, or MAX_BLOCK_CHARS + SNAP_CHARS units. The two
 * regexes jump to those places (`test`: no match object; each match is one unit, so `lastIndex - 1`
 * is where it is): a loop over every unit cost an eighth of a 10 KB text's scoring.
 */
function blockBoundaries(text: string): number[] {
  const textLength = text.length;
  const boundaries = [0];
  // The next sentence end and cut found (textLength: none): searches start further on block by
  // block, so a place found from an earlier start that lies at or after a later one is the first
  // from there too.
  let sentenceEnd = -1;
  let cut = -1;
  for (let blockStart = 0; blockStart < textLength; ) {
    let end = blockStart + MAX_BLOCK_CHARS + SNAP_CHARS - 1;
    const from = blockStart + MIN_BLOCK_CHARS - 1;
    if (sentenceEnd < from) {
      SENTENCE_END.lastIndex = from;
      sentenceEnd = SENTENCE_END.test(text) ? SENTENCE_END.lastIndex - 1 : textLength;
    }
    if (sentenceEnd < end) end = sentenceEnd;
    const cutStart = blockStart + MAX_BLOCK_CHARS - 1;
    if (end > cutStart) {
      if (cut < cutStart) {
        CUT.lastIndex = cutStart;
        cut = CUT.test(text) ? CUT.lastIndex - 1 : textLength;
      }
      if (cut < end) end = cut;
    }
    if (end + 1 >= textLength) break;
    boundaries.push(end + 1);
    blockStart = end + 1;
  }
  boundaries.push(textLength);
  return boundaries;
}

function trimSpan(units: Uint16Array, span: AttackScore): void {
  while (span.start < span.end && (units[span.start] ?? 0) <= 0x20) span.start++;
  while (span.end > span.start && (units[span.end - 1] ?? 0) <= 0x20) span.end--;
}
