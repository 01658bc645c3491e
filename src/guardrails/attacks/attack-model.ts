import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ContentSource } from "../types.js";
import { FEATURE_BITS } from "./features.js";

/** The sources the model file has thresholds for; `system` is read with the user's features (learned-detector.ts). */
export type ModelSource = Exclude<ContentSource, "system">;

/** Classes of the learned scorer, in the order of the model's weights. */
export const ATTACK_CLASSES = ["benign", "prompt_injection", "jailbreak"] as const;
export const CLASS_COUNT = ATTACK_CLASSES.length;
/**
 * Weights stored per bucket: one per attack class, as its difference from benign's. A softmax is the
 * same when every class's score is moved by benign's, so benign's is 0 and need not be read: a 1 MB
 * table where three classes took 1.5 MB, and a bucket's weights never straddle a cache line.
 */
export const ATTACK_WEIGHTS = CLASS_COUNT - 1;
/** MMATK1 held the three classes' own weights; MMATK2 the attack classes' differences from benign. */
const MAGIC = "MMATK2\n";
const FORMER_MAGIC = "MMATK1\n";

/**
 * A linear softmax model over hashed n-gram features, with benign as the reference class (its score
 * is 0): per attack class (prompt_injection, jailbreak) a bias and one int8 weight per feature bucket
 * with a per-class scale, each the class's minus benign's. Weights are interleaved by bucket
 * (`[bucket * 2 + attack class]`) so one feature reads one cache line.
 */
export interface AttackModel {
  readonly bits: number;
  /** Per attack class, its bias minus benign's. */
  readonly biases: Float64Array;
  readonly scales: Float64Array;
  readonly weights: Int8Array;
  /** Attack probability (1 − P(benign)) at or above which a user's text is reported, tuned on dev. */
  readonly threshold: number;
  /**
   * The same per source: content an agent reads (documents, tool output) is rarely written as
   * instructions, so an instruction in it needs less certainty than one among a user's requests.
   */
  readonly thresholds: Readonly<Record<ModelSource, number>>;
  /**
   * The same for texts longer than LONG_TEXT_CHARS: they are read as many more windows, each a chance
   * for noise (random characters, a blob) to score high, so the highest of them needs more certainty.
   */
  readonly longThresholds: Readonly<Record<ModelSource, number>>;
  /** Whether documents and tool results also read their features crossed with that context (context-features.ts). */
  readonly contextFeatures: boolean;
  readonly bytes: number;
}

/**
 * File layout: the magic line, a JSON header line `{bits, classes, biases, scales, threshold,
 * thresholds, longThresholds, contextFeatures}` (`classes` counts benign; `biases` and `scales` are
 * the attack classes'), then `(classes - 1) << bits` int8 weights.
 */
export function encodeAttackModel(model: Omit<AttackModel, "bytes">): Buffer {
  const header = JSON.stringify({
    bits: model.bits,
    classes: CLASS_COUNT,
    biases: [...model.biases],
    scales: [...model.scales],
    threshold: model.threshold,
    thresholds: model.thresholds,
    longThresholds: model.longThresholds,
    contextFeatures: model.contextFeatures,
  });
  return Buffer.concat([
    Buffer.from(`${MAGIC}${header}\n`, "utf8"),
    Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength),
  ]);
}

export function decodeAttackModel(file: Buffer): AttackModel {
  const magic = file.subarray(0, MAGIC.length).toString("utf8");
  if (magic === FORMER_MAGIC) {
    throw new Error(
      "attack model: the former three-class format (MMATK1); retrain with npm run train:guardrails",
    );
  }
  if (magic !== MAGIC) {
    throw new Error("attack model: not a modelmux attack model file");
  }
  const headerEnd = file.indexOf(0x0a, MAGIC.length);
  const header = JSON.parse(file.subarray(MAGIC.length, headerEnd).toString("utf8")) as {
    bits: number;
    classes: number;
    biases: number[];
    scales: number[];
    threshold: number;
    thresholds?: Record<ModelSource, number>;
    longThresholds?: Record<ModelSource, number>;
    contextFeatures?: boolean;
  };
  if (header.bits !== FEATURE_BITS || header.classes !== CLASS_COUNT) {
    throw new Error(`attack model: made for ${header.bits} bits and ${header.classes} classes`);
  }
  const start = headerEnd + 1;
  if (header.biases.length !== ATTACK_WEIGHTS || header.scales.length !== ATTACK_WEIGHTS) {
    throw new Error(`attack model: ${ATTACK_WEIGHTS} biases and scales expected`);
  }
  const length = ATTACK_WEIGHTS << header.bits;
  if (file.length - start !== length) throw new Error("attack model: truncated weights");
  const weights = new Int8Array(length);
  weights.set(new Int8Array(file.buffer, file.byteOffset + start, length));
  const thresholds = header.thresholds ?? {
    user: header.threshold,
    document: header.threshold,
    tool_result: header.threshold,
  };
  return {
    bits: header.bits,
    biases: Float64Array.from(header.biases),
    scales: Float64Array.from(header.scales),
    weights,
    threshold: header.threshold,
    thresholds,
    longThresholds: header.longThresholds ?? thresholds,
    contextFeatures: header.contextFeatures === true,
    bytes: file.length,
  };
}

export const ATTACK_MODEL_FILE = "attack-model.bin";

/**
 * Reads the shipped model: beside this module in the source tree, beside the bundle in dist/
 * (scripts/build.mjs copies it there).
 */
export function loadAttackModel(): AttackModel {
  const candidates = [
    join(import.meta.dirname, ATTACK_MODEL_FILE),
    join(import.meta.dirname, "guardrails/attacks", ATTACK_MODEL_FILE),
  ];
  for (const path of candidates) {
    try {
      return decodeAttackModel(readFileSync(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  throw new Error(`attack model file ${ATTACK_MODEL_FILE} not found beside ${import.meta.dirname}`);
}
