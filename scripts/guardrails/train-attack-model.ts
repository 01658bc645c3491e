// `npm run train:guardrails`: trains the learned attack scorer on the train split of the corpus,
// picks its thresholds on the dev split (choose-thresholds.ts), and writes
// src/guardrails/attacks/attack-model.bin.
// Seeded and single-threaded: the same corpus gives the same file, byte for byte.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ATTACK_CLASSES,
  ATTACK_WEIGHTS,
  CLASS_COUNT,
  encodeAttackModel,
} from "../../src/guardrails/attacks/attack-model.js";
import { createAttackScorer, LONG_TEXT_CHARS } from "../../src/guardrails/attacks/attack-scorer.js";
import {
  crossedBucket,
  readByAgent as readByAgentSource,
} from "../../src/guardrails/attacks/context-features.js";
import { FEATURE_BITS, featuresOf } from "../../src/guardrails/attacks/features.js";
import type { ContentSource } from "../../src/guardrails/types.js";
import { chooseThresholds, devRandomTexts, PARAGRAPH_SOURCES } from "./choose-thresholds.js";
import { SYSTEM_CONTEXT } from "./extract-system-prompts.js";
import { type CorpusLine, EVAL_SET_SOURCE, loadCorpus } from "./load-corpus.js";
import { trainingNoise } from "./random-texts.js";
import { secretSampleLines } from "./secret-sample-lines.js";
import { mulberry32 } from "./seeded-random.js";
import { languagePartOf, sourceLanguagesMode, sourceWeights } from "./source-weights.js";
import { wrapperTwins } from "./wrapper-twins.js";

const SEED = 19;
const EPOCHS = Number(process.env.EPOCHS ?? 30);
const LEARNING_RATE = Number(process.env.LR ?? 0.2);
/**
 * 3e-3 chosen on dev with 2^19 buckets. Seventh round, on the previous 582 dev attacks: 2e-3 0.826,
 * 3e-3 0.828, 4e-3 0.826, 3e-3 at 40 epochs 0.818 (2^18 with 1e-3, the former settings, 0.797).
 */
const L2 = Number(process.env.L2 ?? 3e-3);
const SOURCE_BALANCE = (process.env.SOURCE_BALANCE ?? "1") === "1";
const SOURCE_POWER = Number(process.env.SOURCE_POWER ?? 0.5);
/** Balance by source and language: a language's benign lines weigh against its attacks on their own. */
const BY_LANGUAGE = (process.env.BY_LANGUAGE ?? "1") === "1";
/** Documents and tool results also carry their features crossed with that context (context-features.ts). */
const CONTEXT_FEATURES = (process.env.CONTEXT_FEATURES ?? "1") === "1";
/**
 * Keep each class's mean weight over all buckets at zero. Features never seen in training land in
 * buckets at random; a class whose weights lean positive on average would gain √n of that lean over
 * n such features, so long random text (a page of random CJK, a base64 blob) drifted to "attack".
 */
const CENTER = (process.env.CENTER ?? "1") === "1";
/**
 * Briefs and role requests written to "you" ("You are using Linux, your task is …", "Your user id is
 * …; you want to change …", "Imagine you are …"): the benign lines of these training sources weigh
 * BRIEF_WEIGHT times as much. At 1 the model read dev briefs as injections on a word or two
 * ("reveal", "forget", "instead", "system", "output"): AgentBench's OS tasks 3.8 % and τ-bench's
 * briefs 2.2 % flagged, the user threshold set by the briefs. Fourteenth round, on dev (rules + model):
 * 3 gave OS tasks 1.9 %, briefs 1.1 %, user-oriented instructions 1.6 → 0.8 %, recall 0.847 unchanged,
 * documents and tool output 0.914 → 0.912; 4 and 6 fell under the recall floors (README).
 */
const BRIEF_SOURCES: ReadonlySet<string> = new Set([
  "tau-bench-customer-briefs",
  "tau2-customer-scenarios",
  "agentbench-os-tasks",
  "gpteacher-roleplay-requests",
  "self-instruct-seed-tasks",
]);
const BRIEF_WEIGHT = Number(process.env.BRIEF_WEIGHT ?? 3);
/**
 * DISCUSSION_WEIGHT: the benign train pages about prompting and attacks (guides, security docs) weigh
 * this much more. Off (1). At 3, thresholds chosen on all of dev (one line of each cap free): the
 * prompt-engineering guide's dev pages flagged 11 -> 6 with their source, 41 -> 26 without, and it no
 * longer sets the document threshold (0.403 -> 0.367, set by the pooled small document sources); dev
 * recall 1126 -> 1122, benign 34 -> 33, notinject 8 -> 8. On lines the thresholds were not chosen on
 * (chosen on one well-mixed half of dev, read on the other) it flagged 3 more benign lines each way,
 * recall +2 and -2: not better where it was not tuned.
 */
const DISCUSSION_SOURCES: ReadonlySet<string> = new Set([
  "prompt-engineering-guide-8-languages",
  "brex-prompt-engineering-guide",
  "security-docs-train",
]);
const DISCUSSION_WEIGHT = Number(process.env.DISCUSSION_WEIGHT ?? 1);
/**
 * EVAL_SET_WEIGHT: the benign lines of the rules' evaluation set (training lines whose benign cases
 * also hold the user threshold, choose-thresholds.ts) weigh this much more. Off (1). Twenty-seventh
 * round, with SYSTEM_TRAIN=1, at 3, on dev (rules + model; shipped as in SYSTEM_TRAIN's note): the
 * evaluation set's cap asks 0.372 (0.481 without), the user and document thresholds 0.396, both held
 * by the prompt-engineering guide's dev pages; attacks 1,124 -> 1,117, system prompts with no source 60
 * -> 29, but benign 56 -> 63 (xSID 20 -> 23, τ-bench briefs 2 -> 4). Not kept.
 */
const EVAL_SET_WEIGHT = Number(process.env.EVAL_SET_WEIGHT ?? 1);

interface Example {
  features: Int32Array;
  /** 1 / √(distinct plain features): crossed features add to the sum but not to the count, as in the scorer. */
  norm: number;
  label: number;
  weight: number;
}

/**
 * System and developer messages (context `system`) are not read by this model's training (unless
 * SYSTEM_TRAIN=1, below): their lines are left out, so adding them to the corpus leaves the shipped
 * model byte for byte as it was.
 */
const corpus = loadCorpus();
/**
 * SECRET_SAMPLES=n: every n-th secret line of the PII/secret corpus's train split joins training as a
 * benign line (secret-sample-lines.ts); 0, the default: none. REQUEST_SOURCES_TRAIN=1: WorkBench's
 * agent tasks and xSID's multilingual assistant requests are trained on; off by default, their dev
 * lines are measured only. On dev (rules + model, 14,798 lines with the two new dev sources), with
 * both on (SECRET_SAMPLES=4) and the secret scanners' documentation as benign pages: benign flagged
 * 54 -> 25 (xSID 20 of 1,740 -> 0, NotInject 8 -> 6), PII/secret dev lines flagged as attacks 54 -> 33
 * of 35,313, but recall 1,126 -> 1,095 of 1,317 (CyberSecEval 245 -> 228 of 300); without the pages
 * 1,080 (benign 21), without the samples 1,080, with a third of xSID 1,052, with every sample 1,057.
 * On lines the thresholds were not chosen on (chosen on dev half a, read on half b): recall 562 ->
 * 558 of 673, benign 27 -> 21 of 6,630. Every mix broke the keep rule's recall line.
 */
const SECRET_SAMPLES = Number(process.env.SECRET_SAMPLES ?? 0);
/**
 * REQUEST_SOURCES_TRAIN=languages: only the requests in languages no other training source has benign
 * text in (xSID's Danish, Indonesian, Italian, Kazakh, Lithuanian, Dutch, Serbian, Turkish). Without
 * them the model had met those languages only in CyberSecEval's machine-translated attacks (tagged
 * English), so their common words ("di", "qual è", "için", "sebuah") leaned to attack and xSID's dev
 * requests in them were flagged at random: Indonesian 6 of 153, Turkish 8 of 155, Italian 4 of 154.
 */
const REQUEST_SOURCES_MODE = process.env.REQUEST_SOURCES_TRAIN ?? "0";
/**
 * Authored attacks (and a few hard benign lines) in seven of those languages (train-multi-6.txt),
 * trained only with the requests (either mode), so that a language is not learned as benign as a
 * whole; left out otherwise, so the default run still makes the shipped file. Twenty-third round, on
 * dev (rules + model), against the shipped model (recall 1126 of 1317, xSID benign 20 of 1,740, user
 * benign 38): REQUEST_SOURCES_TRAIN=1 without them: recall 1079, xSID 0, user 11. =languages with
 * them: 1089 (CyberSecEval 245 -> 229, its Italian, Portuguese, Turkish and Indonesian lines among
 * them, caught before by their language's words alone; composed documents 229 -> 219), xSID 1 (by
 * line-order halves per language 1 of 866, 0 of 874), user 14. With REQUEST_WEIGHT 0.3: 1098 (235,
 * 223), xSID 1, user 14; 0.1: 1106 (240, 223), xSID 6, user 21. Each broke the keep rule's recall
 * line (2 lines); the learned scorer alone 0.711 (shipped) -> 0.678, 0.691, 0.700.
 * Twenty-fourth round, with CyberSecEval's lines tagged with their own languages (it, id, tr, pt, vi,
 * ko, th, tl, bn: extract-cyberseceval.ts), same dev (rules + model; shipped: 1126, benign 56, xSID 20):
 * retrained as the default run, 1119, benign 71 (xSID 35: id 14, tr 12, it 7; those languages had
 * attack weight and no benign text); =languages 1094, benign 31 (xSID 1); =languages with
 * REQUEST_WEIGHT 0.3, 1107 (CyberSecEval 245 -> 245, against 235 with the old tags), benign 34 (xSID
 * 1, composed look-alikes 1 -> 6). The lines lost are English ones (Arcanum 86 -> 78, composed
 * documents 229 -> 224, the guide's jailbreaks 3 -> 0): the user threshold rose 0.403 -> 0.445, set
 * by the rules' evaluation set's benign cases. The Prompt Engineering Guide's Italian, Portuguese,
 * Turkish and Korean train pages as benign documents: 1102 (xSID 13), with =languages and 0.3, 1076.
 */
const REQUEST_LANGUAGE_ATTACKS = "authored-train-request-languages";
const REQUEST_SOURCES_TRAIN = REQUEST_SOURCES_MODE === "1";
const REQUEST_SOURCES: ReadonlySet<string> = new Set(["workbench-agent-tasks", "xsid-assistant-requests"]);
const REQUEST_ONLY_LANGUAGES: ReadonlySet<string> = new Set(["da", "id", "it", "kk", "lt", "nl", "sr", "tr"]);
/** REQUEST_WEIGHT: the trained request lines' weight, times their source's (1: as any source). */
const REQUEST_WEIGHT = Number(process.env.REQUEST_WEIGHT ?? 1);
const requestLineTrained = (line: CorpusLine) =>
  REQUEST_SOURCES_TRAIN || (REQUEST_SOURCES_MODE === "languages" && REQUEST_ONLY_LANGUAGES.has(line.lang));
/**
 * SYSTEM_TRAIN=1: the train split's system prompts (fabric's patterns, 147) are trained on as benign
 * lines read as a user's text (how check_guardrails reads a text given with no source); their dev
 * lines stay out of training and the thresholds. Off. Twenty-seventh round, on dev (rules + model;
 * shipped: 1,124 of 1,317 attacks, benign 56, system prompts screened with no source 60 of 178, user
 * threshold 0.412, documents 0.407): system prompts with no source 60 -> 15 (fabric's own dev
 * patterns 42 -> 8; the held-back SWE-agent, AutoGen and OpenAI agents' prompts 18 -> 7), benign 56 ->
 * 36 (xSID 20 -> 10, NotInject 8 -> 2), but attacks 1,124 -> 1,075 (Arcanum 86 -> 68, CyberSecEval 242
 * -> 230, composed documents 229 -> 223): the user threshold rose to 0.481, held by the evaluation
 * set's benign cases (their fifth highest, a question about what a DAN prompt is, 0.400 -> 0.480);
 * documents 0.399. With REQUEST_SOURCES_TRAIN=languages, REQUEST_WEIGHT 0.3 and DISCUSSION_WEIGHT 3
 * as well: 1,081, benign 29 (xSID 2; composed look-alikes 1 -> 7), system prompts 23, user 0.446 (the
 * evaluation set), documents 0.416 (the pooled small document sources). Neither kept.
 */
const SYSTEM_TRAIN = (process.env.SYSTEM_TRAIN ?? "0") === "1";
/**
 * PUD_LANGUAGES_TRAIN=1: benign news and Wikipedia paragraphs (ud-pud-attack-languages) in six
 * languages the rest of training meets almost only in CyberSecEval's translated attacks (Indonesian,
 * Turkish, Italian, Portuguese, Korean, Thai), so that a language's common words stop reading as an
 * attack. Not requests: xSID's dev requests in those languages are lines of a kind training never saw.
 * Off. Thirtieth round, on dev (rules + model; shipped: 1,124 of 1,317 attacks, benign 71): =1 (its
 * paragraphs as a user's text and its pages as documents): user threshold 0.470 (held by the
 * evaluation set's benign cases), documents 0.390; attacks 1,052, benign 23: xSID 20 -> 2 (Indonesian
 * 6 -> 0, Turkish 8 -> 0, Italian 4 -> 1), CyberSecEval's false-refusal requests 15 -> 4 (Portuguese 5
 * and Italian 7 -> 0), NotInject 8 -> 3. Lost: CyberSecEval 242 -> 211 (Turkish 19 -> 12, Portuguese
 * 10 -> 6, Indonesian 9 -> 5, Korean 5 -> 2: lines caught before by their language's words), Arcanum
 * 86 -> 72, composed documents 229 -> 219. Read at the shipped user threshold 0.412: 1,084, benign 37;
 * at 0.36, 1,115, benign 57 (τ-bench briefs over their cap); at 0.33, 1,123, benign 83: below the
 * shipped model's 1,124 at 71. =user with PUD_WEIGHT 0.5 (paragraphs only): user 0.451, 1,070, benign
 * 30 (xSID 2, false-refusal 3, NotInject 6); at 0.412 and 0.407, 1,085, benign 38. A language's words
 * stop reading as an attack, and the attacks caught by them go with it.
 */
const PUD_LANGUAGES_SOURCE = "ud-pud-attack-languages";
const PUD_LANGUAGES_MODE = process.env.PUD_LANGUAGES_TRAIN ?? "0";
/** PUD_LANGUAGES_TRAIN=user: only its paragraphs read as a user's text, not its pages as documents. */
const pudLineTrained = (line: CorpusLine) =>
  PUD_LANGUAGES_MODE === "1" || (PUD_LANGUAGES_MODE === "user" && line.context === undefined);
/** PUD_WEIGHT: its lines' weight, times their source's. */
const PUD_WEIGHT = Number(process.env.PUD_WEIGHT ?? 1);
const lines = [...corpus.lines, ...secretSampleLines(SECRET_SAMPLES)]
  .map((line) =>
    SYSTEM_TRAIN && line.context === SYSTEM_CONTEXT && line.split === "train"
      ? { ...line, context: undefined }
      : line,
  )
  .filter(
    (line) =>
      line.context !== SYSTEM_CONTEXT &&
      (line.source !== REQUEST_LANGUAGE_ATTACKS || REQUEST_SOURCES_MODE !== "0") &&
      (line.source !== PUD_LANGUAGES_SOURCE || pudLineTrained(line)) &&
      (line.split !== "train" || !REQUEST_SOURCES.has(line.source) || requestLineTrained(line)),
  );
const { publicPresent } = corpus;
if (!publicPresent)
  console.warn(
    "train: .attack-corpus/public.jsonl is missing (npm run corpus:guardrails); training on authored lines only",
  );
const random = mulberry32(SEED);
const train = lines.filter((line) => line.split === "train");
const dev = lines.filter((line) => line.split === "dev");
const labelOf = (line: CorpusLine) => ATTACK_CLASSES.indexOf(line.kind);

// Attacks also arrive inside longer benign text (a web page, an email): half of the training
// attacks are embedded between benign train lines, and pairs of benign lines stay benign.
const benignTrain = train.filter((line) => line.kind === "benign");
const pick = () => benignTrain[Math.floor(random() * benignTrain.length)]?.text ?? "";
/** SOURCE_LANGUAGES: how a source in several languages is weighed (source-weights.ts and below). */
const SOURCE_LANGUAGES = sourceLanguagesMode(process.env.SOURCE_LANGUAGES);
/**
 * The languages a source's lines may be a part of their own in: those with benign training text; for
 * "rescale", outside the request sources (so that REQUEST_SOURCES_TRAIN does not change how the
 * attack sources weigh).
 */
const benignLanguages = new Set(
  benignTrain
    .filter(
      (line) =>
        SOURCE_LANGUAGES !== "rescale" ||
        (!REQUEST_SOURCES.has(line.source) &&
          line.source !== REQUEST_LANGUAGE_ATTACKS &&
          line.source !== PUD_LANGUAGES_SOURCE),
    )
    .map((line) => line.lang),
);
const partOf = languagePartOf(train, benignLanguages, SOURCE_LANGUAGES);
const balanceKey = (line: CorpusLine) => (BY_LANGUAGE ? `${line.source}|${partOf(line)}` : line.source);
const contextOf = (line: CorpusLine) => (line.context ?? "user") as ContentSource;
const texts: {
  text: string;
  label: number;
  source: string;
  context: ContentSource;
  lang: string;
  brief?: boolean;
  /** A wrapper twin (wrapper-twins.ts): the balance key of the attacks it was made from. */
  twinOf?: string;
}[] = train.map((line) => ({
  text: line.text,
  label: labelOf(line),
  source: balanceKey(line),
  context: contextOf(line),
  lang: line.lang,
  brief: BRIEF_SOURCES.has(line.source),
}));
for (const line of train) {
  if (line.kind !== "benign" && random() < 0.5)
    texts.push({
      text: `${pick()}\n\n${line.text}\n\n${pick()}`,
      label: labelOf(line),
      source: balanceKey(line),
      context: contextOf(line),
      lang: line.lang,
    });
  if (line.kind === "benign" && random() < 0.2)
    texts.push({
      text: `${line.text}\n${pick()}`,
      label: 0,
      source: balanceKey(line),
      context: contextOf(line),
      lang: line.lang,
      brief: BRIEF_SOURCES.has(line.source),
    });
}
/**
 * WRAPPER_TWINS=1: a benign twin of every training attack carried in a tool's or page's wrapper
 * (wrapper-twins.ts: 504 InjecAgent, 80 AgentDojo), weighing in total TWIN_SHARE times as much as the
 * source's wrapped attacks. Off: it fixes the training side (InjecAgent's benign responses flagged 16
 * of 46 -> 0, AgentDojo's 6 of 72 -> 3) but not dev, whose unseen wrappers' benign lines were already
 * clean (0 of 20, 0 of 35), and it costs the attacks there. Twentieth round, thresholds chosen on dev
 * half a, figures on half b (against the same training without twins): recall 542 -> 529 of 628,
 * benign 25 -> 26 (share 1) or 25 (0.4) of 5,709, documents and tool output with their source 196 ->
 * 191 of 206; tool-output AUC of the scorer alone 0.998 -> 0.986 (0.992 at 0.4).
 */
const WRAPPER_TWINS = (process.env.WRAPPER_TWINS ?? "0") === "1";
/** The twins' total weight as a share of their source's wrapped attacks'. */
const TWIN_SHARE = Number(process.env.TWIN_SHARE ?? 1);
if (WRAPPER_TWINS) {
  const pages = new Map<string, string[]>();
  for (const line of benignTrain)
    if (PARAGRAPH_SOURCES.includes(line.source))
      pages.set(line.lang, [...(pages.get(line.lang) ?? []), line.text]);
  for (const { text, attack } of wrapperTwins(train, pages, SEED))
    texts.push({
      text,
      label: 0,
      source: `${attack.source} wrapper twins|${attack.lang}`,
      context: contextOf(attack),
      lang: attack.lang,
      twinOf: balanceKey(attack),
    });
}
/** Benign lines of random mixed-script noise (random-texts.ts), read in each context in turn. */
const NOISE_LINES = Number(process.env.NOISE_LINES ?? 600);
for (const [index, text] of trainingNoise(NOISE_LINES, SEED).entries())
  texts.push({
    text,
    label: 0,
    source: "training-noise",
    context: (["user", "document", "tool_result"] as const)[index % 3] ?? "user",
    lang: "",
  });
const counts = new Array<number>(CLASS_COUNT).fill(0);
for (const { label } of texts) counts[label] = (counts[label] ?? 0) + 1;
/**
 * SOURCE_LANGUAGES: how a source in several languages (BY_LANGUAGE) is weighed. "parts": each
 * language part as a source of its own (√ of each part's lines), so a source weighs more the more
 * languages it is tagged in: CyberSecEval's retag (9 more parts) took its share of the injection
 * class's weight 25 -> 34 % (jailbreak 51 -> 61 %) and English's 49 -> 41 % (52 -> 38 %). "share": the
 * source weighs as √ of all its lines, shared among its languages by √ of each part's lines (a small
 * language within a source still weighs more per line than a large one). "attack-share": so for the
 * attack classes only. "fold": a source's attacks in languages with no benign training text are one
 * part (these three were dropped from source-weights.ts in the twenty-seventh round, rescale being
 * settled). Twenty-fifth round, retagged corpus, REQUEST_SOURCES_TRAIN=languages, on dev (rules + model;
 * shipped 1126 of 1317, benign 56, xSID 20, threshold 0.403): share, REQUEST_WEIGHT 0.3: 1062, benign
 * 26 (the guide's and UD's benign parts lose weight: the guide's pages set the document threshold,
 * 0.458); attack-share, 0.3: 1091 (CyberSecEval 245 -> 227, composed documents 229 -> 217), benign 36
 * (OpenAI agents' instructions 0 -> 3), 0.418; fold, 0.3: 1106 (Arcanum 86 -> 80, composed 229 -> 223),
 * benign 35 (composed look-alikes 1 -> 5), user 0.441, set by the evaluation set's English benign
 * lines about attacks (all of its five highest are English, so a cap per language would not move it).
 * None kept; xSID 1 in each. "rescale" (shipped; source-weights.ts: a source's lines in languages with no
 * benign training text outside the request sources weigh in its largest part, as English before the
 * retag): CyberSecEval's share of the injection class's weight, after the per-language balance, 17.20 %
 * before the retag, 26.51 % as parts, 17.22 % rescaled (jailbreak 17.01, 26.08, 17.25 %); every other
 * source within 0.5 points of what it had before the retag. Split by line count within the part, not
 * over the whole source: by line count over the source, its French, Spanish… lines (parts the retag
 * did not touch) would weigh half as much and each such language's attack side with them.
 * Twenty-sixth round, retagged corpus, dev (rules + model; the model before, trained on the old tags:
 * 1126 of 1317, benign 56, xSID 20, user threshold 0.403): rescale 1124 (CyberSecEval 245 -> 242,
 * InjecAgent 95 -> 96), benign 56, every benign source as before, user 0.412 (set by the evaluation
 * set's benign cases), documents 0.407; shipped. With REQUEST_SOURCES_TRAIN=languages and
 * REQUEST_WEIGHT 0.3: 1095, benign 36 (xSID 20 -> 1, composed look-alikes 1 -> 5), the document
 * threshold 0.429 set by the prompt-engineering guide's pages (composed documents 229 -> 220).
 */
const exampleWeight = sourceWeights(texts, {
  classCount: CLASS_COUNT,
  power: SOURCE_POWER,
  balance: SOURCE_BALANCE,
});
// Each feature counts once per text, as the scorer counts it once per block.
/**
 * Within each language, benign lines weigh as much in total as attacks (each side scaled towards
 * their mean, by at most LANGUAGE_BALANCE_LIMIT): otherwise a language with more attacks than benign
 * text (English) leans to "attack" as a whole, and over a long text its common n-grams add up.
 */
const LANGUAGE_BALANCE = (process.env.LANGUAGE_BALANCE ?? "1") === "1";
const LANGUAGE_BALANCE_LIMIT = Number(process.env.LANGUAGE_BALANCE_LIMIT ?? 2);
const languageTotals = new Map<string, { benign: number; attack: number }>();
for (const { label, source, lang } of texts) {
  const totals = languageTotals.get(lang) ?? { benign: 0, attack: 0 };
  if (label === 0) totals.benign += exampleWeight(label, source);
  else totals.attack += exampleWeight(label, source);
  languageTotals.set(lang, totals);
}
const languageFactor = (label: number, lang: string): number => {
  const totals = languageTotals.get(lang);
  if (!LANGUAGE_BALANCE || lang === "" || totals === undefined || totals.benign === 0 || totals.attack === 0)
    return 1;
  const mean = (totals.benign + totals.attack) / 2;
  const factor = mean / (label === 0 ? totals.benign : totals.attack);
  return Math.min(LANGUAGE_BALANCE_LIMIT, Math.max(1 / LANGUAGE_BALANCE_LIMIT, factor));
};
for (const [lang, totals] of languageTotals)
  console.log(
    `language ${lang || "(none)"}: benign weight ${totals.benign.toFixed(0)}, attacks ${totals.attack.toFixed(0)}`,
  );
const examples: Example[] = texts.map(({ text, label, source, context, lang, brief }) => {
  const plain = [...new Set(featuresOf(text))];
  const crossed = CONTEXT_FEATURES && readByAgentSource(context);
  const features = crossed ? [...plain, ...plain.map(crossedBucket)] : plain;
  const sourceName = source.split("|")[0] ?? "";
  return {
    features: Int32Array.from(features),
    norm: plain.length > 0 ? 1 / Math.sqrt(plain.length) : 0,
    label,
    weight:
      exampleWeight(label, source) *
      languageFactor(label, lang) *
      (brief && label === 0 ? BRIEF_WEIGHT : 1) *
      (label === 0 && DISCUSSION_SOURCES.has(sourceName) ? DISCUSSION_WEIGHT : 1) *
      (REQUEST_SOURCES.has(sourceName) ? REQUEST_WEIGHT : 1) *
      (sourceName === PUD_LANGUAGES_SOURCE ? PUD_WEIGHT : 1) *
      (label === 0 && sourceName === EVAL_SET_SOURCE ? EVAL_SET_WEIGHT : 1),
  };
});
if (WRAPPER_TWINS) {
  const wrappedAttacks = new Map<string, number>();
  const twinTotals = new Map<string, number>();
  for (const [index, { label, source, context, twinOf }] of texts.entries()) {
    const weight = examples[index]?.weight ?? 0;
    if (twinOf !== undefined) twinTotals.set(twinOf, (twinTotals.get(twinOf) ?? 0) + weight);
    else if (label !== 0 && readByAgentSource(context))
      wrappedAttacks.set(source, (wrappedAttacks.get(source) ?? 0) + weight);
  }
  for (const [index, { twinOf }] of texts.entries()) {
    const example = examples[index];
    if (twinOf === undefined || example === undefined) continue;
    example.weight *= (TWIN_SHARE * (wrappedAttacks.get(twinOf) ?? 0)) / (twinTotals.get(twinOf) ?? 1);
  }
  for (const [source, total] of twinTotals)
    console.log(
      `wrapper twins of ${source}: weight ${total.toFixed(1)} -> ${(TWIN_SHARE * (wrappedAttacks.get(source) ?? 0)).toFixed(1)}, ${TWIN_SHARE} times its wrapped attacks`,
    );
}
console.log(
  `train: ${examples.length} examples (${counts.join(" / ")} benign / injection / jailbreak), dev: ${dev.length}`,
);

const size = CLASS_COUNT << FEATURE_BITS;
const weights = new Float64Array(size);
const squared = new Float64Array(size).fill(1e-8);
const biases = new Float64Array(CLASS_COUNT);
const biasSquared = new Float64Array(CLASS_COUNT).fill(1e-8);
const order = examples.map((_, index) => index);
// CENTER: every class's weights are read as `weights - offset[class]`, offset kept at their mean over
// all buckets (updated with each step, so the centring is exact and costs nothing per step).
const BUCKETS = 1 << FEATURE_BITS;
const offset = new Float64Array(CLASS_COUNT);
const scores = new Float64Array(CLASS_COUNT);
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] ?? 0, order[index] ?? 0];
  }
  let loss = 0;
  for (const position of order) {
    const example = examples[position];
    if (example === undefined || example.features.length === 0) continue;
    const { norm } = example;
    for (let label = 0; label < CLASS_COUNT; label++) {
      let total = 0;
      for (const bucket of example.features) total += weights[bucket * CLASS_COUNT + label] ?? 0;
      total -= example.features.length * (offset[label] ?? 0);
      scores[label] = (biases[label] ?? 0) + total * norm;
    }
    const top = Math.max(...scores);
    let sum = 0;
    for (let label = 0; label < CLASS_COUNT; label++) sum += Math.exp((scores[label] ?? 0) - top);
    const { weight } = example;
    for (let label = 0; label < CLASS_COUNT; label++) {
      const probability = Math.exp((scores[label] ?? 0) - top) / sum;
      const gradient = weight * (probability - (label === example.label ? 1 : 0));
      if (label === example.label) loss -= weight * Math.log(Math.max(probability, 1e-12));
      biasSquared[label] = (biasSquared[label] ?? 0) + gradient * gradient;
      biases[label] = (biases[label] ?? 0) - (LEARNING_RATE * gradient) / Math.sqrt(biasSquared[label] ?? 1);
      const featureGradient = gradient * norm;
      const shift = offset[label] ?? 0;
      let moved = 0;
      for (const bucket of example.features) {
        const at = bucket * CLASS_COUNT + label;
        const step = featureGradient + L2 * ((weights[at] ?? 0) - shift);
        squared[at] = (squared[at] ?? 0) + step * step;
        const change = (LEARNING_RATE * step) / Math.sqrt(squared[at] ?? 1);
        weights[at] = (weights[at] ?? 0) - change;
        moved -= change;
      }
      if (CENTER) offset[label] = shift + moved / BUCKETS;
    }
  }
  console.log(`epoch ${epoch + 1}: loss ${(loss / examples.length).toFixed(4)}`);
}

for (let label = 0; label < CLASS_COUNT; label++)
  for (let bucket = 0; bucket < BUCKETS; bucket++) {
    const at = bucket * CLASS_COUNT + label;
    weights[at] = (weights[at] ?? 0) - (offset[label] ?? 0);
  }

// Benign as the reference class: a softmax is unchanged when benign's score is taken from every
// class's, so the file holds each attack class's weights and bias minus benign's (attack-model.ts),
// exact before rounding. int8 with one scale per attack class, set by its largest difference: two
// bytes a bucket, where three classes' own weights took three.
const scales = new Float64Array(ATTACK_WEIGHTS);
const referenceBiases = new Float64Array(ATTACK_WEIGHTS);
const quantized = new Int8Array(ATTACK_WEIGHTS << FEATURE_BITS);
const differenceOf = (bucket: number, attack: number) =>
  (weights[bucket * CLASS_COUNT + attack + 1] ?? 0) - (weights[bucket * CLASS_COUNT] ?? 0);
for (let attack = 0; attack < ATTACK_WEIGHTS; attack++) {
  referenceBiases[attack] = (biases[attack + 1] ?? 0) - (biases[0] ?? 0);
  let largest = 0;
  for (let bucket = 0; bucket < BUCKETS; bucket++)
    largest = Math.max(largest, Math.abs(differenceOf(bucket, attack)));
  const scale = largest / 127 || 1;
  scales[attack] = scale;
  for (let bucket = 0; bucket < BUCKETS; bucket++)
    quantized[bucket * ATTACK_WEIGHTS + attack] = Math.round(differenceOf(bucket, attack) / scale);
}

const userThresholdOnly = { user: 0.5, document: 0.5, tool_result: 0.5 };
const draft = {
  bits: FEATURE_BITS,
  biases: referenceBiases,
  scales,
  weights: quantized,
  threshold: 0.5,
  thresholds: userThresholdOnly,
  longThresholds: userThresholdOnly,
  contextFeatures: CONTEXT_FEATURES,
};
const scorer = createAttackScorer({ ...draft, bytes: 0 });
const scoreOf = (line: CorpusLine) => scorer.score(line.text, contextOf(line))?.attack ?? 0;

/**
 * DEV_HALF=a or b: thresholds chosen on that half of dev alone (a well-mixed bit of the line,
 * choose-thresholds.ts), so the other half tells what a change does on lines its thresholds were not
 * chosen on (every dev source's benign rate holds by construction on the lines that chose them).
 * Unset: all of dev, as shipped.
 */
const DEV_HALF = process.env.DEV_HALF ?? "";
/** How far above the highest dev random text a threshold stays: other seeds score a little higher. */
const RANDOM_MARGIN = Number(process.env.RANDOM_MARGIN ?? 0.02);
/** EVAL_SET_CAP=0: the user threshold is not held by the rules' evaluation set's benign cases (training lines). */
const EVAL_SET_CAP = (process.env.EVAL_SET_CAP ?? "1") === "1";
const { thresholds, longThresholds } = chooseThresholds(scorer, lines, {
  devHalf: DEV_HALF,
  evalSetCap: EVAL_SET_CAP,
  randomGuard: (process.env.RANDOM_GUARD ?? "1") === "1",
  randomMargin: RANDOM_MARGIN,
  log: (line) => console.log(line),
});
const userThreshold = thresholds.user;
// A system message is read with the user's threshold, as learned-detector.ts reads it.
const thresholdOf = (text: string, source: ContentSource) =>
  (text.length > LONG_TEXT_CHARS ? longThresholds : thresholds)[source === "system" ? "user" : source];
console.log(
  `thresholds: user ${userThreshold.toFixed(3)}, document and tool_result ${thresholds.document.toFixed(3)}; over ${LONG_TEXT_CHARS} characters ${longThresholds.user.toFixed(3)} and ${longThresholds.document.toFixed(3)}; dev attack recall of the learned scorer alone:`,
);
const caughtOf = (line: CorpusLine) => scoreOf(line) >= thresholdOf(line.text, contextOf(line));
for (const source of new Set(dev.map((line) => line.source))) {
  const attacks = dev.filter((line) => line.source === source && line.kind !== "benign");
  if (attacks.length === 0) continue;
  const caught = attacks.filter(caughtOf).length;
  console.log(`  ${source}: ${(caught / attacks.length).toFixed(3)} over ${attacks.length} lines`);
}
const devAttacks = dev.filter((line) => line.kind !== "benign");
const devCaught = devAttacks.filter(caughtOf).length;
console.log(
  `  all dev attacks: ${(devCaught / devAttacks.length).toFixed(3)} over ${devAttacks.length} lines`,
);

// Random text says nothing: no context may flag any of it.
let randomFlagged = 0;
let closest = { ratio: 0, what: "" };
for (const { kind, length, text } of devRandomTexts()) {
  for (const source of ["user", "document", "tool_result"] as const) {
    const attack = scorer.score(text, source)?.attack ?? 0;
    const ratio = attack / thresholdOf(text, source);
    if (ratio > closest.ratio) closest = { ratio, what: `${kind}, ${length} characters, as ${source}` };
    if (ratio >= 1 && randomFlagged++ < 8) {
      console.log(`  random text flagged: ${kind}, ${length} characters, as ${source}: ${attack.toFixed(3)}`);
    }
  }
}
console.log(
  `random text: ${randomFlagged} flagged; highest at ${(closest.ratio * 100).toFixed(0)} % of its threshold (${closest.what})`,
);

const file = encodeAttackModel({ ...draft, threshold: userThreshold, thresholds, longThresholds });
const out = process.env.OUT ?? join(import.meta.dirname, "../../src/guardrails/attacks/attack-model.bin");
writeFileSync(out, file);
console.log(`wrote ${out} (${(file.length / 1024).toFixed(0)} KB)`);
