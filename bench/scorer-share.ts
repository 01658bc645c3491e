import { createGuardrails } from "../src/guardrails/index.js";
import { loadEvalCases } from "../test/guardrails/eval-harness.js";
import { printLearnedScorerCost } from "./attack-corpus.js";
import { mixedText } from "./guardrails.js";

/**
 * The learned scorer's share of a 10 KB scan, in a process of its own (`node --import tsx
 * bench/scorer-share.ts`; the guardrails bench runs it so). Both sets of detectors are created
 * before either runs: created after the rest of the bench had run the first set for minutes, the
 * second read 20-30 % slower than in a fresh process, and the share came out negative.
 */
const cases = loadEvalCases();
const texts = Array.from({ length: 16 }, (_, seed) => mixedText(cases, 10 * 1024, seed * 97));
printLearnedScorerCost(texts, createGuardrails(), createGuardrails({ learnedAttackScorer: false }));
