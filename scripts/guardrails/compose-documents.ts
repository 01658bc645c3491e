// Composed documents (seeded: always the same lines): attacker instructions behind a framing that
// addresses an AI ("Note to AI assistants reading this: …", "[system] New instructions: …") in a
// benign carrier of some genre (an e-mail, a web page's comment, alt text or hidden div, a résumé,
// a review, a ticket, a calendar invite, PDF text, code, JSON, CSV, search results) are
// prompt_injection; the same carriers with a note to people that uses the same words ("Please ignore
// my previous email", "Note to reviewers", a developer's TODO, alt text describing a photo, a page
// about prompt injection), or with nothing in the slot, are benign. In nine languages.
//
// Split by family: every carrier genre, framing and note is on one side (by a hash of its id), and
// a line is composed only from one side's genres, framings, notes, attacker instructions and
// paragraphs, so a dev line shares no template with a training line.

import { LEXICONS } from "./composed-lexicon.js";
import { CARRIERS } from "./document-carriers.js";
import {
  ATTACK_FRAMINGS,
  BENIGN_NOTES,
  DEV_PAYLOADS,
  JAPANESE_PARAGRAPHS,
  type Language,
  TRAIN_PAYLOADS,
} from "./document-framings.js";
import type { ExtractedLine } from "./extract-injecagent.js";
import { fnv1a, mulberry32 } from "./seeded-random.js";

export type Side = "train" | "dev";
type BySide = Record<Side, Partial<Record<Language, string[]>>>;

export interface ComposedDocumentLine extends ExtractedLine {
  lang: Language;
  /** The carrier genre (document-carriers.ts). */
  genre: string;
  /** The framing or note family (document-framings.ts); "plain" for a carrier with a paragraph in its slot. */
  family: string;
}

/**
 * Carriers per side, each composed once as an attack; its benign twins: notes per carrier, and a
 * paragraph in the slot for every n-th carrier. In training the benign twins are four times the
 * attacks: the trainer weighs a source as the square root of its size within its class, and the
 * benign class has more sources, so this brings the twins near the attacks' total weight: 17 % of
 * the benign class against 22 % of the injection class (the first try, 1,600 attacks and 1,600
 * benign lines drawn apart, gave 28 % against 12 %, and e-mail headers themselves leaned to "attack").
 * In dev a note (one family in one language: a single sentence) is used at most twice, a paragraph
 * standing in after that: the trainer lets each dev source have 1 % of its benign documents flagged,
 * and with each note in about seven carriers one sentence (the Arabic AI disclosure, 0.70) set the
 * document threshold alone.
 */
export const DOCUMENT_COUNTS = {
  train: { carriers: 800, notesPerCarrier: 3, plainEvery: 1, noteRepeats: Number.POSITIVE_INFINITY },
  dev: { carriers: 240, notesPerCarrier: 1, plainEvery: 4, noteRepeats: 2 },
} as const;

/** English about four lines in ten, each other language about one in fourteen. */
const LANGUAGE_DRAW: Language[] = [
  "en",
  "en",
  "en",
  "en",
  "en",
  "en",
  "de",
  "fr",
  "es",
  "zh",
  "ja",
  "ru",
  "ar",
  "hi",
];
/**
 * The first salt (documents-0, -1, …) whose dev side has 6-8 of the 22 genres with one of the two
 * e-mail genres, one or two HTML genres and one or two tool outputs, and 4-5 of the 14 framings and
 * of the first 14 notes: so both sides have e-mails, pages and tool output, and no choice of which.
 * The five notes added later (AI policy, AI news, an AI camera mode, "the instructions above", a
 * prompt workshop) keep the side their hash gives them (all train).
 */
const SIDE_SALT = "documents-3";

/** FNV-1a of the salted id: a family's side, fixed by its name alone. */
export function sideOf(family: string): Side {
  return fnv1a(`${SIDE_SALT}:${family}`) % 3 === 0 ? "dev" : "train";
}

const capitalise = (text: string) => (text.charAt(0).toUpperCase() + text.slice(1)).trim();

/**
 * Attacker instructions by side: the train side has the composed phrase bank's payloads (system-prompt
 * extraction, overrides) and TRAIN_PAYLOADS, the dev side DEV_PAYLOADS; InjecAgent's attacker cases
 * (English) keep the side that source gives them.
 */
export function documentPayloads(injecAgent: Record<Side, string[]>): BySide {
  const payloads: BySide = { train: {}, dev: {} };
  for (const lang of Object.keys(TRAIN_PAYLOADS) as Language[]) {
    payloads.train[lang] = [...(LEXICONS[lang]?.payload ?? []).map(capitalise), ...TRAIN_PAYLOADS[lang]];
    payloads.dev[lang] = [...DEV_PAYLOADS[lang]];
  }
  payloads.train.en?.push(...injecAgent.train);
  payloads.dev.en?.push(...injecAgent.dev);
  return payloads;
}

/** Body paragraphs by side: the given ones (UD PUD, by its split) and the Japanese ones here. */
export function documentParagraphs(byLanguage: BySide): BySide {
  return {
    train: { ...byLanguage.train, ja: JAPANESE_PARAGRAPHS.filter((_, index) => index % 3 !== 2) },
    dev: { ...byLanguage.dev, ja: JAPANESE_PARAGRAPHS.filter((_, index) => index % 3 === 2) },
  };
}

/**
 * Composed document lines, both sides: each carrier (a genre filled with paragraphs) once with an
 * attack and, as benign twins with the very same text around the slot, with notes and with a
 * paragraph. The scaffolding (headers, tags, signatures) is then in both classes alike, and only
 * the slot tells them apart.
 */
export function composeDocumentLines(inputs: {
  payloads: BySide;
  paragraphs: BySide;
}): ComposedDocumentLine[] {
  const random = mulberry32(0xd0c5);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const lines: ComposedDocumentLine[] = [];
  for (const side of ["train", "dev"] as const) {
    const genres = Object.keys(CARRIERS).filter((genre) => sideOf(genre) === side);
    const framings = Object.keys(ATTACK_FRAMINGS).filter((family) => sideOf(family) === side);
    const notes = Object.keys(BENIGN_NOTES).filter((family) => sideOf(family) === side);
    const counts = DOCUMENT_COUNTS[side];
    const seen = new Set<string>();
    const uses = new Map<string, number>();
    for (let carriers = 0, tries = 0; carriers < counts.carriers && tries < counts.carriers * 20; tries++) {
      const lang = pick(LANGUAGE_DRAW);
      const paragraphs = inputs.paragraphs[side][lang] ?? [];
      const payloads = inputs.payloads[side][lang] ?? [];
      const genre = pick(genres);
      const carrier = CARRIERS[genre];
      const framing = pick(framings);
      const template = ATTACK_FRAMINGS[framing]?.[lang];
      if (paragraphs.length === 0 || payloads.length === 0 || carrier === undefined || template === undefined)
        continue;
      const [body, body2] = [pick(paragraphs), pick(paragraphs)];
      const renderSeed = Math.floor(random() * 2 ** 32);
      const render = (slot: string) => {
        const own = mulberry32(renderSeed);
        return carrier.render({
          body,
          body2,
          slot,
          pick: <T>(items: readonly T[]) => items[Math.floor(own() * items.length)] as T,
        });
      };
      const attack = render(template.replace("{p}", pick(payloads)));
      if (seen.has(attack)) continue;
      seen.add(attack);
      carriers++;
      const line = (text: string, kind: ComposedDocumentLine["kind"], family: string) =>
        lines.push({ text, kind, split: side, context: carrier.context, lang, genre, family });
      line(attack, "prompt_injection", framing);
      const twins = [...notes];
      for (let index = 0; index < counts.notesPerCarrier; index++) {
        const other = index + Math.floor(random() * (twins.length - index));
        [twins[index], twins[other]] = [twins[other] ?? "", twins[index] ?? ""];
        const note = twins[index] ?? "";
        const used = uses.get(`${note}|${lang}`) ?? 0;
        if (used >= counts.noteRepeats) {
          line(render(pick(paragraphs)), "benign", "plain");
          continue;
        }
        uses.set(`${note}|${lang}`, used + 1);
        line(render(BENIGN_NOTES[note]?.[lang] ?? ""), "benign", note);
      }
      if (carriers % counts.plainEvery === 0) line(render(pick(paragraphs)), "benign", "plain");
    }
  }
  return lines;
}
