import type { AttackModel } from "../../../src/guardrails/attacks/attack-model.js";
import { ATTACK_WEIGHTS, CLASS_COUNT } from "../../../src/guardrails/attacks/attack-model.js";
import { FEATURE_BITS } from "../../../src/guardrails/attacks/features.js";
import type { ContentSource } from "../../../src/guardrails/types.js";

/**
 * The learned attack scorer as it was before its units were read from a typed array (main 7325cad:
 * features.ts and attack-scorer.ts, reading the text with charCodeAt), kept verbatim as the reference
 * of the parity test: the scorer may get faster, never different. When the scoring itself changes
 * (a retrained feature set, another windowing), change this copy in the same commit. Changed since:
 * context features (a document's or tool result's buckets also read crossed), a user's whole
 * text summed over its own distinct features (h19), written here the plain way, and benign as the
 * reference class (its score 0; the model holds the attack classes' weights as differences from it).
 */
const MASK = (1 << FEATURE_BITS) - 1;
const CHAR_SEED = 0x811c9dc5;
const WORD_SEED = 0x9747b28c;
const PRIME = 0x01000193;
const MAX_GRAM = 4;

/** Whether a UTF-16 unit is part of a word: ASCII letters and digits, or any non-ASCII letter-like unit. */
function isWordUnit(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  // General punctuation, CJK punctuation and full-width ASCII punctuation separate words.
  if (code >= 0x2000 && code <= 0x206f) return false;
  if (code >= 0x3000 && code <= 0x303f) return false;
  if (code >= 0xff00 && code <= 0xff0f) return false;
  return code !== 0xa0 && code !== 0x60c && code !== 0x6d4 && code !== 0x964;
}

/** Lower-cases ASCII, Latin-1, Greek and Cyrillic capitals in place of String#toLowerCase, which may change length. */
function lowerUnit(code: number): number {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? code + 32 : code;
  if (code >= 0xc0 && code <= 0xde && code !== 0xd7) return code + 32;
  if (code >= 0x391 && code <= 0x3ab) return code + 32;
  if (code >= 0x410 && code <= 0x42f) return code + 32;
  if (code >= 0x400 && code <= 0x40f) return code + 80;
  return code;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0xa0 || code === 0x3000;
}

/** The most features `writeFeatures` writes for `units` UTF-16 units: three n-grams and two word features per unit. */
function featureCapacity(units: number): number {
  return 5 * units + 2;
}

/**
 * Writes the feature buckets of `text[from, to)` into `out` (at least `featureCapacity(to - from)`
 * long) and returns how many it wrote. Offsets stay those of the text: it is lower-cased unit by
 * unit, not copied. One loop over locals, with no closure per text and no call per feature: on a
 * short message this is most of the learned scorer's cost, paid on every request.
 */
function writeFeatures(text: string, from: number, to: number, out: Int32Array): number {
  // Character n-grams over the text with whitespace runs collapsed: the last three units are kept
  // in locals, so each n-gram ending at a unit is hashed from that unit backwards in O(1).
  let written = 0;
  let unit1 = 0;
  let unit2 = 0;
  let unit3 = 0;
  let filled = 0;
  let previousSpace = true;
  let wordHash = WORD_SEED;
  let wordLength = 0;
  let previousWord = 0;
  let haveWord = false;
  for (let index = from; index <= to; index++) {
    // One step past the end emits the last word.
    const atEnd = index === to;
    const code = atEnd ? 0x20 : lowerUnit(text.charCodeAt(index));
    const space = isSpace(code);
    if (!atEnd && (!space || !previousSpace)) {
      const unit = space ? 0x20 : code;
      if (filled < MAX_GRAM) filled++;
      // The hash of the n-gram ending here reads this unit first, then the ones before it.
      const hash1 = Math.imul(CHAR_SEED ^ unit, PRIME);
      const hash2 = Math.imul(hash1 ^ unit1, PRIME);
      // Bigrams only where a character is a word (CJK, kana): elsewhere they are noise and cost.
      if (filled >= 2 && unit >= 0x2e80) out[written++] = (hash2 >>> 0) & MASK;
      if (filled >= 3) {
        const hash3 = Math.imul(hash2 ^ unit2, PRIME);
        out[written++] = (hash3 >>> 0) & MASK;
        if (filled >= 4) out[written++] = (Math.imul(hash3 ^ unit3, PRIME) >>> 0) & MASK;
      }
      unit3 = unit2;
      unit2 = unit1;
      unit1 = unit;
    }
    previousSpace = space;
    if (!atEnd && isWordUnit(code)) {
      wordHash = Math.imul(wordHash ^ code, PRIME);
      wordLength++;
    } else if (wordLength > 0) {
      const unigram = Math.imul(wordHash ^ 0x5bd1e995, PRIME) >>> 0;
      out[written++] = unigram & MASK;
      if (haveWord) out[written++] = (Math.imul(previousWord ^ unigram, 0x27d4eb2d) >>> 7) & MASK;
      previousWord = unigram;
      haveWord = true;
      wordHash = WORD_SEED;
      wordLength = 0;
    }
  }
  return written;
}

/** Texts up to this length are also scored whole, as the model was trained on whole lines. */
const WHOLE_TEXT_CHARS = 4096;
/**
 * Texts are cut into sentence blocks; windows of one and two neighbouring blocks are scored, so a
 * short instruction inside a long page is not diluted by the page around it.
 */
const MIN_BLOCK_CHARS = 40;
const MAX_BLOCK_CHARS = 400;
const SNAP_CHARS = 48;
/** Slots of the per-block set of seen buckets: a power of two over twice a block's most features. */
const SEEN_BITS = 13;
const SEEN_SLOTS = 1 << SEEN_BITS;

interface AttackScore {
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
export function createReferenceScorer(model: AttackModel): {
  score(text: string, source?: ContentSource): AttackScore | undefined;
} {
  const { weights } = model;
  // A feature counts once per block, as in training: with counts, a word repeated a thousand times
  // ("word word word …") would weigh √1000 times its weight and any slight lean would flag it.
  // Blocks are at most MAX_BLOCK_CHARS + SNAP_CHARS units; a short text is one block.
  const buckets = new Int32Array(featureCapacity(MAX_BLOCK_CHARS + SNAP_CHARS));
  // The block's distinct buckets, in a small open-addressing set (at most half full) stamped per
  // block: it stays in the L1 cache, where one flag per model bucket (512 KB) cost a miss a feature.
  const seenKeys = new Int32Array(SEEN_SLOTS);
  const seenStamps = new Uint16Array(SEEN_SLOTS);
  let stamp = 0;
  let sums = new Float64Array(64);
  const probabilities = new Float64Array(CLASS_COUNT);
  /** Softmax of the class scores of a span with these sums (benign's score is 0); returns 1 − P(benign). */
  const attackOf = (total1: number, total2: number, features: number): number => {
    const norm = features > 0 ? 1 / Math.sqrt(features) : 0;
    const z0 = 0;
    const z1 = (model.biases[0] ?? 0) + (model.scales[0] ?? 0) * total1 * norm;
    const z2 = (model.biases[1] ?? 0) + (model.scales[1] ?? 0) * total2 * norm;
    const top = Math.max(z0, z1, z2);
    const e0 = Math.exp(z0 - top);
    const e1 = Math.exp(z1 - top);
    const e2 = Math.exp(z2 - top);
    const total = e0 + e1 + e2;
    probabilities[0] = e0 / total;
    probabilities[1] = e1 / total;
    probabilities[2] = e2 / total;
    return 1 - probabilities[0];
  };

  const crossedOf = (bucket: number) =>
    (Math.imul(bucket ^ 0x2c1b3c6d, 0x9e3779b1) >>> (32 - FEATURE_BITS)) & MASK;
  return {
    score(text, source = "user") {
      const crossed = model.contextFeatures && (source === "document" || source === "tool_result");
      const boundaries = blockBoundaries(text);
      const blocks = boundaries.length - 1;
      // Per block: the two attack classes' sums and the number of distinct features; reused between texts.
      if (sums.length < blocks * 3) sums = new Float64Array(blocks * 6);
      for (let block = 0; block < blocks; block++) {
        let sum1 = 0;
        let sum2 = 0;
        let count = 0;
        if (++stamp === 0x10000) {
          seenStamps.fill(0);
          stamp = 1;
        }
        const written = writeFeatures(text, boundaries[block] ?? 0, boundaries[block + 1] ?? 0, buckets);
        for (let index = 0; index < written; index++) {
          const bucket = buckets[index] ?? 0;
          let slot = Math.imul(bucket, 0x9e3779b1) >>> (32 - SEEN_BITS);
          while (seenStamps[slot] === stamp && seenKeys[slot] !== bucket)
            slot = (slot + 1) & (SEEN_SLOTS - 1);
          if (seenStamps[slot] === stamp) continue;
          seenStamps[slot] = stamp;
          seenKeys[slot] = bucket;
          const base = bucket * ATTACK_WEIGHTS;
          sum1 += weights[base] ?? 0;
          sum2 += weights[base + 1] ?? 0;
          if (crossed) {
            const across = crossedOf(bucket) * ATTACK_WEIGHTS;
            sum1 += weights[across] ?? 0;
            sum2 += weights[across + 1] ?? 0;
          }
          count++;
        }
        sums[block * 3] = sum1;
        sums[block * 3 + 1] = sum2;
        sums[block * 3 + 2] = count;
      }
      let best: AttackScore | undefined;
      const consider = (first: number, last: number, totals?: number[]) => {
        let total1 = 0;
        let total2 = 0;
        let features = 0;
        for (let block = first; block <= last && totals === undefined; block++) {
          total1 += sums[block * 3] ?? 0;
          total2 += sums[block * 3 + 1] ?? 0;
          features += sums[block * 3 + 2] ?? 0;
        }
        if (totals !== undefined) [total1, total2, features] = totals as [number, number, number];
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
      const wholeText = source === "user" ? text.length <= WHOLE_TEXT_CHARS : blocks <= 2;
      if (blocks === 1) consider(0, 0);
      else if (wholeText) {
        const all = new Int32Array(featureCapacity(text.length));
        const distinct = new Set(all.subarray(0, writeFeatures(text, 0, text.length, all)));
        const totals = [0, 0, distinct.size];
        for (const bucket of distinct)
          for (const at of crossed ? [bucket, crossedOf(bucket)] : [bucket])
            for (let label = 0; label < ATTACK_WEIGHTS; label++)
              totals[label] = (totals[label] ?? 0) + (weights[at * ATTACK_WEIGHTS + label] ?? 0);
        consider(0, blocks - 1, totals);
      }
      if (blocks > 1) {
        for (let block = 0; block < blocks; block++) {
          consider(block, block);
          if (block + 1 < blocks) consider(block, block + 1);
        }
      }
      if (best !== undefined) trimSpan(text, best);
      return best;
    },
  };
}

/**
 * Block starts (and the text's end): blocks are sentences (ended by . ! ? or their CJK forms, or a
 * line break), short ones joined to the next until MIN_BLOCK_CHARS, long ones cut at whitespace
 * near MAX_BLOCK_CHARS.
 */
function blockBoundaries(text: string): number[] {
  const boundaries = [0];
  let blockStart = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const length = index + 1 - blockStart;
    const sentenceEnd =
      code === 0x0a ||
      code === 0x3002 || // 。
      code === 0xff01 || // ！
      code === 0xff1f || // ？
      code === 0x964 || // ।
      ((code === 0x2e || code === 0x21 || code === 0x3f) && text.charCodeAt(index + 1) <= 0x20);
    const tooLong = length >= MAX_BLOCK_CHARS && code <= 0x20;
    if ((sentenceEnd && length >= MIN_BLOCK_CHARS) || tooLong || length >= MAX_BLOCK_CHARS + SNAP_CHARS) {
      if (index + 1 < text.length) boundaries.push(index + 1);
      blockStart = index + 1;
    }
  }
  boundaries.push(text.length);
  return boundaries;
}

function trimSpan(text: string, span: AttackScore): void {
  while (span.start < span.end && text.charCodeAt(span.start) <= 0x20) span.start++;
  while (span.end > span.start && text.charCodeAt(span.end - 1) <= 0x20) span.end--;
}

/** Every feature bucket of a whole text, in order, as the reference writes them. */
export function referenceFeaturesOf(text: string): Int32Array {
  const out = new Int32Array(featureCapacity(text.length));
  return out.slice(0, writeFeatures(text, 0, text.length, out));
}
