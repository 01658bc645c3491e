import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PUBLIC_CORPUS } from "./load-corpus.js";
import type { PiiSecretLine, PiiSecretSplit } from "./pii-secret-line.js";

export type { PiiSecretLine } from "./pii-secret-line.js";

const root = join(import.meta.dirname, "../..");
export const PII_SECRET_CORPUS = join(root, ".attack-corpus/pii-secrets.jsonl");
export const PII_SECRET_SOURCES = join(import.meta.dirname, "pii-secret-sources.json");

export interface PiiSecretSource {
  id: string;
  repo: string;
  commit: string;
  format: string;
  paths: string[];
  /** detect-secrets plugins whose cases are PII (its public-IP detector), not secrets. */
  piiPlugins?: string[];
  /** Why a source moved between splits. */
  note?: string;
  /** labelled-lines: the file of labels (scripts/guardrails/labelled/) naming the source's lines. */
  labels?: string;
  /** NeMo-text-processing's telephone tests, WeTextProcessing's and PaddleSpeech's tests: the half of the texts (by a hash of each) this source holds. */
  half?: "a" | "b";
  /**
   * A source added after the corpus was split: its lines whose text an earlier source already holds
   * are dropped from it, so it never takes a line from a test source (dropTestLinesSeenInDev).
   */
  yields?: boolean;
  /** Recognizers-Text: the spec files read (PhoneNumberModel.json…) and the type each labels. */
  models?: Record<string, string>;
  /** BRAT standoff corpora: the source's entity types scored as a claimed type, and which (`NUMERO_TELEFONO` → `PHONE_NUMBER`). */
  types?: Record<string, string>;
  /** The language of every line, where the source is in one. */
  language?: string;
  evaluates: "pii" | "secret";
  split: PiiSecretSplit;
  licence: string;
}

interface Sources {
  claimed: Record<string, string>;
  /** Benign sources of the attack corpus read as negatives, per split (none for train). */
  benign: Partial<Record<PiiSecretSplit, string[]>>;
}

function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

/**
 * The held-out PII/secret corpus of one split: the labelled lines (`npm run corpus:pii-secrets`) and,
 * as negatives for both kinds, the benign lines of the attack corpus's sources named for that split in
 * pii-secret-sources.json (`npm run corpus:guardrails`). Either file may be missing: the bench says so.
 */
export function loadPiiSecretCorpus(split: PiiSecretSplit): {
  lines: PiiSecretLine[];
  labelledPresent: boolean;
  benignPresent: boolean;
  claimed: Record<string, string>;
} {
  const { benign, claimed } = JSON.parse(readFileSync(PII_SECRET_SOURCES, "utf8")) as Sources;
  const labelledPresent = existsSync(PII_SECRET_CORPUS);
  const benignPresent = existsSync(PUBLIC_CORPUS);
  const labelled = labelledPresent
    ? readJsonLines<PiiSecretLine>(PII_SECRET_CORPUS).filter((line) => line.split === split)
    : [];
  const benignSources = new Set(benign[split] ?? []);
  const benignLines = benignPresent
    ? readJsonLines<{ text: string; kind: string; source: string; licence: string }>(PUBLIC_CORPUS)
        .filter((line) => line.kind === "benign" && benignSources.has(line.source))
        .flatMap((line) =>
          (["pii", "secret"] as const).map(
            (evaluates): PiiSecretLine => ({
              text: line.text,
              evaluates,
              positive: false,
              types: [],
              unclaimed: [],
              source: line.source,
              split,
              licence: line.licence,
              origin: "attack corpus, benign",
            }),
          ),
        )
    : [];
  return { lines: [...labelled, ...benignLines], labelledPresent, benignPresent, claimed };
}
