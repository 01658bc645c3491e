// Benign twins of attacks carried in a tool's or a page's wrapper, for training only. InjecAgent's
// training side has 504 attacks in the JSON responses of 12 user tools and 46 benign responses of the
// same tools: a wrapper's keys and values were read as evidence of an attack (16 of the 46 benign
// responses flagged by the model trained on them). Each wrapped attack gets a twin with its payload
// replaced by benign sentences, so the wrapper weighs the same in both classes and only the payload
// tells them apart. Seeded: the same lines give the same twins.
import type { CorpusLine } from "./corpus-line.js";
import { mulberry32 } from "./seeded-random.js";

/** A benign line shares an attack's wrapper when their common start and end are this long together. */
export const MIN_WRAPPER_CHARS = 30;

export interface WrapperTwin {
  text: string;
  /** The attack line the twin was made from. */
  attack: CorpusLine;
}

const readByAgent = (line: CorpusLine) => line.context === "document" || line.context === "tool_result";

/**
 * The length of the attack's start that the benign line also starts with. A backslash before a quote
 * in the attack is read as the quote alone: InjecAgent's attacks are unquoted Python literals (`\"Doctor's
 * Appointment\"`) where its benign responses, filled from the template, are not.
 */
function commonPrefix(attack: string, benign: string): number {
  let at = 0;
  let other = 0;
  while (at < attack.length && other < benign.length) {
    if (attack[at] === "\\" && attack[at + 1] === '"' && benign[other] === '"') at++;
    else if (attack[at] !== benign[other]) break;
    at++;
    other++;
  }
  return at;
}

/** The same at the end, not reaching into the attack's first `from` characters. */
function commonSuffix(attack: string, benign: string, from: number): number {
  let at = attack.length - 1;
  let other = benign.length - 1;
  while (at >= from && other >= 0) {
    if (attack[at] === '"' && attack[at - 1] === "\\" && benign[other] === '"' && at - 1 >= from) at--;
    else if (attack[at] !== benign[other]) break;
    at--;
    other--;
  }
  return attack.length - 1 - at;
}

/** Characters a payload and a benign text may share at their edges: the cut must not fall inside them. */
const WORD_OR_STOP = /[\p{L}\p{N}.!?。！？]/u;

/** Cut back so that a word or full stop the payload and the benign text share stays with the payload. */
function prefixBoundary(text: string, end: number): number {
  let at = end;
  // An escape (`\n`) is wrapper, not a word.
  while (at > 0 && WORD_OR_STOP.test(text.charAt(at - 1)) && text.charAt(at - 2) !== "\\") at--;
  return at;
}

function suffixBoundary(text: string, length: number): number {
  let kept = length;
  while (kept > 0 && WORD_OR_STOP.test(text.charAt(text.length - kept))) kept--;
  return kept;
}

/** One to three consecutive sentences of a benign page. */
function sentencesOf(page: string, random: () => number): string {
  const sentences = page.split(/(?<=[.!?。！？])\s+/u).filter((sentence) => sentence.trim() !== "");
  if (sentences.length === 0) return page;
  const count = 1 + Math.floor(random() * 3);
  const start = Math.floor(random() * sentences.length);
  return sentences.slice(start, start + count).join(" ");
}

/**
 * For every attack read by an agent, the benign line of the same source and context whose wrapper
 * (common start and end) it shares most, if any; its twin is that wrapper around sentences drawn
 * from `pages` (benign pages of the attack's language, else English).
 */
export function wrapperTwins(lines: CorpusLine[], pages: Map<string, string[]>, seed: number): WrapperTwin[] {
  const random = mulberry32(seed);
  const benignBy = new Map<string, CorpusLine[]>();
  for (const line of lines)
    if (line.kind === "benign" && readByAgent(line)) {
      const key = `${line.source}|${line.context}`;
      benignBy.set(key, [...(benignBy.get(key) ?? []), line]);
    }
  const twins: WrapperTwin[] = [];
  for (const attack of lines) {
    if (attack.kind === "benign" || !readByAgent(attack)) continue;
    let best = { prefix: 0, suffix: 0 };
    for (const benign of benignBy.get(`${attack.source}|${attack.context}`) ?? []) {
      const prefix = prefixBoundary(attack.text, commonPrefix(attack.text, benign.text));
      const suffix = suffixBoundary(attack.text, commonSuffix(attack.text, benign.text, prefix));
      if (prefix + suffix > best.prefix + best.suffix) best = { prefix, suffix };
    }
    const pool = pages.get(attack.lang) ?? pages.get("en") ?? [];
    if (best.prefix + best.suffix < MIN_WRAPPER_CHARS || pool.length === 0) continue;
    const page = pool[Math.floor(random() * pool.length)] ?? "";
    const fill = sentencesOf(page, random);
    const text = `${attack.text.slice(0, best.prefix)}${fill}${attack.text.slice(attack.text.length - best.suffix)}`;
    twins.push({ text, attack });
  }
  return twins;
}
