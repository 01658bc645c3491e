// The learned scorer's thresholds, chosen on dev for given weights: the trainer calls it after
// training, and check-attack-thresholds.ts on the shipped model, so a change to the rules or to dev
// that would move them is seen without retraining.
import type { ModelSource } from "../../src/guardrails/attacks/attack-model.js";
import { type createAttackScorer, LONG_TEXT_CHARS } from "../../src/guardrails/attacks/attack-scorer.js";
import { opensWithCodeRequest } from "../../src/guardrails/attacks/code-request.js";
import { CODE_REQUEST_THRESHOLD } from "../../src/guardrails/attacks/learned-detector.js";
import { createGuardrails } from "../../src/guardrails/create-guardrails.js";
import type { ContentSource } from "../../src/guardrails/types.js";
import { loadEvalCases } from "../../test/guardrails/eval-harness.js";
import { DEV_BENIGN_FLAG_RATE, DEV_DOCUMENT_FLAG_RATE, devFlagRate } from "./dev-caps.js";
import { type CorpusLine, EVAL_SET_SOURCE } from "./load-corpus.js";
import { type RandomText, randomTexts } from "./random-texts.js";
import { halfOf } from "./seeded-random.js";

type Scorer = ReturnType<typeof createAttackScorer>;

/** The lowest threshold the trainer ever sets. */
const MIN_THRESHOLD = 0.25;
/** News and Wikipedia paragraphs: what a retrieved page says; their dev lines also set the document threshold. */
export const PARAGRAPH_SOURCES: readonly string[] = ["ud-pud-8-languages"];
/**
 * A cap that allows fewer flagged lines than this is noise, not a rate: with 37 lines and 1 allowed, the
 * second-highest line of one small authored file set the user threshold. Such small groups are pooled
 * per rate class and the pool is held to the same rate.
 */
const MIN_ALLOWED = 3;
/** Two seeds of every kind and length; the test of the shipped model draws others. */
export const DEV_RANDOM_SEEDS = [7, 500];

let devRandom: RandomText[] | undefined;
/** The random texts of DEV_RANDOM_SEEDS (~50 MB), made once per process: the trainer and tests ask again. */
export function devRandomTexts(): RandomText[] {
  devRandom ??= DEV_RANDOM_SEEDS.flatMap((seed) => randomTexts(undefined, seed));
  return devRandom;
}

/**
 * Lines every cap keeps free: a threshold set at a cap's last line breaks it when one line moves (a
 * rule that flags one more, another seed, lines it was not chosen on). Chosen on one well-mixed half
 * of dev and read on the other, over 16 halves of the shipped model: the caps the other half broke
 * went 15 -> 7 with one line kept free; with two, a pooled group of small sources (3 allowed) set the
 * user threshold 0.40 -> 0.49.
 */
export const CAP_MARGIN = 1;

export interface ThresholdOptions {
  /** Lines each cap keeps free (CAP_MARGIN). */
  capMargin?: number;
  /** "a" or "b": thresholds chosen on that half of dev alone (a well-mixed bit of the line); "": all of dev. */
  devHalf?: string;
  /**
   * The rules' evaluation set's benign cases, a group under the user cap (default true). They are
   * training lines: false leaves the thresholds to dev lines alone.
   */
  evalSetCap?: boolean;
  /** Every threshold above the highest dev random text (default true), by randomMargin (default 0.02). */
  randomGuard?: boolean;
  randomMargin?: number;
  log?: (line: string) => void;
}

export interface ChosenThresholds {
  thresholds: Record<ModelSource, number>;
  longThresholds: Record<ModelSource, number>;
}

const ATTACK_KINDS = ["prompt_injection", "jailbreak"] as const;
const contextOf = (line: CorpusLine) => (line.context ?? "user") as ContentSource;

/** Which half of dev a line is in, by a well-mixed bit of its text (seeded-random.ts). */
export const devHalfOf = (line: CorpusLine): "a" | "b" => halfOf(line.text);

/**
 * The thresholds for `scorer`'s weights (built with thresholds 0.5, which `score` does not read):
 * for a user's text the lowest at which no dev source has more than its cap of benign lines flagged,
 * rules and model counted together, for documents and tool results 1 %, every threshold above the dev
 * random texts, and the user's never under the documents'.
 */
export function chooseThresholds(
  scorer: Scorer,
  lines: readonly CorpusLine[],
  options: ThresholdOptions = {},
): ChosenThresholds {
  const log = options.log ?? (() => {});
  const capMargin = options.capMargin ?? CAP_MARGIN;
  const devHalf = options.devHalf ?? "";
  const dev = lines.filter((line) => line.split === "dev");
  const train = lines.filter((line) => line.split === "train");
  // A user's request that opens by asking for code is reported from CODE_REQUEST_THRESHOLD only
  // (learned-detector.ts): under it such a line is flagged at no threshold, and counts as 0 (lines under
  // MIN_THRESHOLD cannot move a threshold and are not looked at). Read by its raw scores, CyberSecEval's
  // false-refusal requests for code (dev, 268 of 1,450 over the user threshold) held the user threshold
  // at 0.620 (0.412 shipped) and dev recall fell 1,124 -> 995 of 1,317.
  const scoreOf = (line: CorpusLine, asDocument: boolean) => {
    const source = asDocument ? "document" : contextOf(line);
    const attack = scorer.score(line.text, source)?.attack ?? 0;
    const underCodeBar =
      source === "user" &&
      attack >= MIN_THRESHOLD &&
      attack < CODE_REQUEST_THRESHOLD &&
      opensWithCodeRequest(line.text);
    return underCodeBar ? 0 : attack;
  };
  const readByAgent = (line: CorpusLine) =>
    line.context === "document" || line.context === "tool_result" || PARAGRAPH_SOURCES.includes(line.source);

  // The rules alone (the learned scorer off; the attack rules alone, as secrets and PII never drop one): a line they flag counts against its source's cap whatever
  // the model scores, since the cap is on what check_guardrails reports. Read as the threshold reads it.
  const rulesOnly = createGuardrails({ learnedAttackScorer: false });
  const rulesFlag = (line: CorpusLine, asDocument: boolean) =>
    rulesOnly
      .check({
        text: line.text,
        direction: "input",
        source: asDocument ? "document" : contextOf(line),
        only: ATTACK_KINDS,
      })
      .findings.some((finding) => finding.kind === "prompt_injection" || finding.kind === "jailbreak");

  // The lowest threshold that keeps every dev source's benign lines under its cap on its own, rules and
  // model together: one large easy source (news sentences) must not hide a small hard one (text about
  // security, role requests).
  function capThreshold(label: "user" | "document", benignLines: CorpusLine[], rate: number): number {
    // For the document threshold every line is read as a page would be (news paragraphs included).
    const asDocument = label === "document";
    let threshold = MIN_THRESHOLD;
    // A source's documents and its short lines apart: its long pages must not hide among its sentences.
    const sourceOf = (line: CorpusLine) =>
      line.context === undefined ? line.source : `${line.source} (${line.context})`;
    const rateOf = (line: CorpusLine) => Math.min(rate, devFlagRate(label, line.source));
    const sizes = new Map<string, number>();
    for (const line of benignLines) sizes.set(sourceOf(line), (sizes.get(sourceOf(line)) ?? 0) + 1);
    const groupOf = (line: CorpusLine) => {
      const source = sourceOf(line);
      const sourceRate = rateOf(line);
      if (Math.floor((sizes.get(source) ?? 0) * sourceRate) >= MIN_ALLOWED) return source;
      return sourceRate < rate ? "small sources held at 1 %" : `small ${label} sources`;
    };
    for (const group of new Set(benignLines.map(groupOf))) {
      const members = benignLines.filter((line) => groupOf(line) === group);
      const flagged = members.map((line) => rulesFlag(line, asDocument));
      const byRules = flagged.filter(Boolean).length;
      const benign = members
        .filter((_, index) => !flagged[index])
        .map((line) => scoreOf(line, asDocument))
        .sort((left, right) => right - left);
      const cap = Math.floor(members.length * rateOf(members[0] as CorpusLine));
      const allowed = Math.max(0, cap - capMargin - byRules);
      const needed = (benign[allowed] ?? 0) + 1e-3;
      threshold = Math.max(threshold, needed);
      log(
        `dev ${label} ${group}: ${members.length} benign lines, cap ${cap}, ${byRules} flagged by the rules, at most ${allowed} more: needs ${needed.toFixed(3)}`,
      );
    }
    return Math.min(0.95, threshold);
  }

  const devBenign = dev.filter(
    (line) => line.kind === "benign" && (devHalf === "" || devHalfOf(line) === devHalf),
  );
  // The rules' evaluation set is trained on, but its test (test/guardrails/eval-set.test.ts) holds the
  // whole check to 3 % of its benign cases flagged (those with no label: its secret and PII cases are
  // benign lines to the scorer but not to that gate): they are one more group under the cap.
  const evalSetBenignTexts = new Set(
    loadEvalCases()
      .filter((testCase) => testCase.labels.length === 0)
      .map((testCase) => testCase.text),
  );
  const evalSetBenign = train.filter(
    (line) =>
      (options.evalSetCap ?? true) && line.source === EVAL_SET_SOURCE && evalSetBenignTexts.has(line.text),
  );
  let userThreshold = capThreshold(
    "user",
    [...devBenign.filter((line) => line.context === undefined || line.context === "user"), ...evalSetBenign],
    DEV_BENIGN_FLAG_RATE,
  );
  let documentThreshold = capThreshold("document", devBenign.filter(readByAgent), DEV_DOCUMENT_FLAG_RATE);

  // Random text (random-texts.ts: random characters in several scripts, blobs, code, logs, JSON, at up
  // to 1,000,000 characters) is a dev set of its own: every threshold stays above all of it. A text
  // longer than LONG_TEXT_CHARS is read as many windows, each a chance for noise to score high, so long
  // texts get thresholds of their own, set by the long random texts (dev pages are shorter).
  const margin = options.randomMargin ?? 0.02;
  const randomHighest = { short: { user: 0, document: 0 }, long: { user: 0, document: 0 } };
  for (const { text } of devRandomTexts())
    for (const source of ["user", "document"] as const) {
      const highest = randomHighest[text.length > LONG_TEXT_CHARS ? "long" : "short"];
      highest[source] = Math.max(highest[source], scorer.score(text, source)?.attack ?? 0);
    }
  log(
    `dev random text, highest: up to ${LONG_TEXT_CHARS} characters user ${randomHighest.short.user.toFixed(3)}, document and tool_result ${randomHighest.short.document.toFixed(3)}; longer user ${randomHighest.long.user.toFixed(3)}, document and tool_result ${randomHighest.long.document.toFixed(3)}`,
  );
  const guarded = (threshold: number, highest: number) =>
    (options.randomGuard ?? true) ? Math.max(threshold, highest + margin) : threshold;
  userThreshold = guarded(userThreshold, randomHighest.short.user);
  documentThreshold = guarded(documentThreshold, randomHighest.short.document);
  // A user's request is asked at least the certainty an instruction inside content an agent reads is
  // (test/guardrails/attacks/learned-detector.test.ts): fourteenth round, the briefs weighed three
  // times let the user caps alone ask 0.392, under the documents' 0.406.
  userThreshold = Math.max(userThreshold, documentThreshold);
  const longDocumentThreshold = guarded(documentThreshold, randomHighest.long.document);
  return {
    thresholds: { user: userThreshold, document: documentThreshold, tool_result: documentThreshold },
    longThresholds: {
      user: guarded(userThreshold, randomHighest.long.user),
      document: longDocumentThreshold,
      tool_result: longDocumentThreshold,
    },
  };
}
