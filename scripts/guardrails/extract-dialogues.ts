import type { LineContext } from "./extract-pii-secret.js";
import type { PiiSecretLine } from "./pii-secret-line.js";
import { fnv1a } from "./seeded-random.js";

/** One turn of a task-oriented dialogue: its text and the (slot, value) pairs its dialogue acts name. */
export interface DialogueTurn {
  text: string;
  acts: [slot: string, value: string][];
}

export interface Dialogue {
  id: string;
  turns: DialogueTurn[];
}

/**
 * The dialogue formats read: CrossWOZ's (Chinese) and MultiWOZ's (English), as ConvLab-2 ships them,
 * the Schema-Guided Dialogue dataset's own (English), and X-RiSAWOZ's (RiSAWOZ's Chinese dialogues and
 * their translations into French, Hindi, Korean, English and Hindi-English; the language is named per file).
 */
export type DialogueFormat = "crosswoz" | "multiwoz" | "sgd" | "risawoz";

export const DIALOGUE_FORMATS: readonly DialogueFormat[] = ["crosswoz", "multiwoz", "sgd", "risawoz"];

export function isDialogueFormat(name: string): name is DialogueFormat {
  return DIALOGUE_FORMATS.some((format) => format === name);
}

/**
 * The slots that hold a phone number, per format. X-RiSAWOZ names its domains' slot `phone number`
 * (`电话号码` in the Chinese original), but the hospital domain's `phone` (`电话`).
 */
const PHONE_SLOTS: Record<DialogueFormat, readonly string[]> = {
  crosswoz: ["电话"],
  multiwoz: ["Phone"],
  sgd: ["phone_number"],
  risawoz: ["phone number", "phone", "电话号码", "电话"],
};
const LANGUAGE: Record<DialogueFormat, string | undefined> = {
  crosswoz: "Chinese",
  multiwoz: "English",
  sgd: "English",
  risawoz: undefined,
};

/** One turn of a Schema-Guided Dialogue file: its actions' values and its frames' slot spans. */
interface SgdTurn {
  utterance: string;
  frames: {
    actions: { slot: string; values: string[] }[];
    slots: { slot: string; start: number; exclusive_end: number }[];
  }[];
}

/**
 * A Schema-Guided Dialogue file (`[{ dialogue_id, turns }]`) as dialogues: a turn's (slot, value)
 * pairs are its actions' values and the text of its frames' slot spans.
 */
function readSgdDialogues(data: { dialogue_id: string; turns: SgdTurn[] }[]): Dialogue[] {
  return data.map(({ dialogue_id, turns }) => ({
    id: dialogue_id,
    turns: turns.map(({ utterance, frames }) => ({
      text: utterance,
      acts: frames.flatMap((frame) => [
        ...frame.actions.flatMap((action) =>
          action.values.map((value): [string, string] => [action.slot, value]),
        ),
        ...frame.slots.map((slot): [string, string] => [
          slot.slot,
          utterance.slice(slot.start, slot.exclusive_end),
        ]),
      ]),
    })),
  }));
}

/**
 * An X-RiSAWOZ turn: the user's and the system's utterances (`[text, slot spans]` in the translated
 * files, the text alone in the Chinese original) and their acts `[act, domain, slot, value]`.
 */
interface RisawozTurn {
  user_utterance: [string, unknown] | string;
  system_utterance: [string, unknown] | string;
  user_actions: string[][];
  system_actions: string[][];
}

/**
 * An X-RiSAWOZ file (`[{ dialogue_id, dialogue: [turn] }]`) as dialogues of two turns per exchange, the
 * user's and the system's, each with its acts' (slot, value) pairs. The utterances' slot spans are not
 * read: in the translated files their offsets are often those of the text before translation.
 */
function readRisawozDialogues(data: { dialogue_id: string; dialogue: RisawozTurn[] }[]): Dialogue[] {
  const side = (utterance: [string, unknown] | string, actions: string[][]): DialogueTurn => ({
    text: typeof utterance === "string" ? utterance : utterance[0],
    acts: actions.map((action): [string, string] => [action[2] ?? "", action[3] ?? ""]),
  });
  return data.map(({ dialogue_id, dialogue }) => ({
    id: dialogue_id,
    turns: dialogue.flatMap((turn) => [
      side(turn.user_utterance, turn.user_actions),
      side(turn.system_utterance, turn.system_actions),
    ]),
  }));
}

const DIGIT = /[0-9]/;
const HAN = /\p{Script=Han}/u;
/** A phone value of six digits or more: shorter ones are annotation slips (`58` of a postcode). */
const PHONE_DIGITS = /(?:\d\D?){5}\d/;

/**
 * ConvLab-2's JSON of one split (`{ id: dialogue }`), or one Schema-Guided Dialogue file, as
 * dialogues, in the file's order.
 */
export function readDialogues(json: string, format: DialogueFormat): Dialogue[] {
  if (format === "sgd")
    return readSgdDialogues(JSON.parse(json) as { dialogue_id: string; turns: SgdTurn[] }[]);
  if (format === "risawoz")
    return readRisawozDialogues(JSON.parse(json) as { dialogue_id: string; dialogue: RisawozTurn[] }[]);
  const data = JSON.parse(json) as Record<string, unknown>;
  return Object.entries(data).map(([id, value]) => {
    if (format === "crosswoz") {
      const { messages } = value as { messages: { content: string; dialog_act: string[][] }[] };
      return {
        id,
        turns: messages.map((message) => ({
          text: message.content,
          acts: message.dialog_act.map((act): [string, string] => [act[2] ?? "", act[3] ?? ""]),
        })),
      };
    }
    const { log } = value as { log: { text: string; dialog_act?: Record<string, string[][]> }[] };
    return {
      id,
      turns: log.map((turn) => ({
        text: turn.text,
        acts: Object.values(turn.dialog_act ?? {}).flatMap((pairs) =>
          pairs.map((pair): [string, string] => [pair[0] ?? "", pair[1] ?? ""]),
        ),
      })),
    };
  });
}

/**
 * The numbers of a phone value: CrossWOZ lists several with spaces between (`65686553 65673663`),
 * MultiWOZ writes one with spaces in it (`871 550 1010`, `0 7 4 6 …`); a value of fewer digits is none.
 */
function phoneNumbersOf(value: string): string[] {
  const parts = value.split(/\s+/).filter((part) => part !== "");
  if (parts.length > 1 && parts.every((part) => PHONE_DIGITS.test(part))) return parts;
  return PHONE_DIGITS.test(value) ? [value.trim()] : [];
}

/**
 * Where a value of the format's acts stands in a turn's text. RiSAWOZ's Chinese original gives its act
 * values word-segmented (`0512 - 67603337`, `340 元` for `0512-67603337`, `340元`): when the value is not
 * in a Chinese text as given, it is looked for without the spaces (those round a dash first).
 */
function valueOccurrences(text: string, value: string, format: DialogueFormat): [number, number][] {
  const found = occurrences(text, value);
  if (found.length > 0 || format !== "risawoz" || !/\s/.test(value) || !HAN.test(text)) return found;
  const dashed = occurrences(text, joinDashes(value));
  return dashed.length > 0 ? dashed : occurrences(text, value.replace(/\s+/g, ""));
}

/** A phone value of RiSAWOZ's Chinese original with its dashes joined again (`139 - 6217 - 0368`). */
function joinedDashes(text: string, value: string, format: DialogueFormat): string {
  return format === "risawoz" && HAN.test(text) ? joinDashes(value) : value;
}

/** A word-segmented value's dashes joined again: `0512 - 67603337` as `0512-67603337`. */
function joinDashes(value: string): string {
  return value.replace(/\s*-\s*/g, "-");
}

/** Which half of a source's dialogues a dialogue falls in, by a hash of its id (FNV-1a): "a" or "b". */
export function dialogueHalf(id: string): "a" | "b" {
  return fnv1a(id) % 2 === 0 ? "a" : "b";
}

/** Every [start, end) where `value` occurs in `text`. */
function occurrences(text: string, value: string): [number, number][] {
  const found: [number, number][] = [];
  if (value === "") return found;
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + value.length))
    found.push([at, at + value.length]);
  return found;
}

/**
 * Turns of task-oriented dialogues written by people (crowd workers playing a user and a clerk),
 * labelled by the dialogue acts the source's annotators gave each turn, never by modelmux's detector.
 * Only turns with a digit are taken. A turn whose acts give a phone number (each number of a value
 * that lists several; six digits or more) found in its text is positive, with the numbers' spans; a turn with a phone
 * value not found as written is left out as weak. A turn without a phone value is negative when
 * every digit in it lies inside a value its acts name (a price, a time, an address, a reference
 * code, a count, a train id…): those numbers are labelled as something other than a phone number.
 * A turn with a digit no act accounts for is left out as weak (an unlabelled number could be a
 * phone number the annotators missed). Lines are split into halves by dialogue (`dialogueHalf`),
 * the half named after the source's id (`crosswoz-dialogues-a`): one half is tuned on, the other
 * reported. A text already taken from half a is not taken again from half b.
 */
export function dialogueLines(
  dialogues: Dialogue[],
  format: DialogueFormat,
  file: string,
  context: LineContext,
  language = LANGUAGE[format],
): PiiSecretLine[] {
  const lines: PiiSecretLine[] = [];
  for (const dialogue of dialogues) {
    const half = dialogueHalf(dialogue.id);
    dialogue.turns.forEach((turn, index) => {
      const { text } = turn;
      if (!DIGIT.test(text)) return;
      const phoneValues = turn.acts
        .filter(([slot]) => PHONE_SLOTS[format].includes(slot))
        .flatMap(([, value]) => phoneNumbersOf(joinedDashes(text, value, format)));
      const spans: [string, number, number][] = [];
      let unplaced = false;
      for (const value of new Set(phoneValues)) {
        const found = valueOccurrences(text, value, format);
        if (found.length === 0) unplaced = true;
        for (const [start, end] of found) spans.push(["PHONE_NUMBER", start, end]);
      }
      spans.sort((left, right) => left[1] - right[1]);
      const covered = new Array<boolean>(text.length).fill(false);
      for (const [, value] of turn.acts)
        for (const [start, end] of valueOccurrences(text, value, format)) covered.fill(true, start, end);
      let unexplained = false;
      for (let at = 0; at < text.length; at++)
        if (DIGIT.test(text.charAt(at)) && !covered[at]) unexplained = true;
      const positive = spans.length > 0;
      const excluded = unplaced || (!positive && unexplained) ? ("weak" as const) : undefined;
      lines.push({
        text,
        evaluates: "pii",
        positive,
        types: positive ? ["PHONE_NUMBER"] : [],
        unclaimed: [],
        ...(language === undefined ? {} : { language }),
        ...(positive ? { spans } : {}),
        ...(excluded === undefined ? {} : { excluded }),
        ...context,
        source: `${context.source}-${half}`,
        origin: `${file} ${dialogue.id} turn ${index}`,
      });
    });
  }
  return withoutHalfARepeats(lines);
}

/** The lines, less those of half b (source `…-b`) whose text is already a line of half a (`…-a`). */
export function withoutHalfARepeats(lines: PiiSecretLine[]): PiiSecretLine[] {
  const inHalfA = new Set(lines.filter((line) => line.source.endsWith("-a")).map((line) => line.text));
  return lines.filter((line) => line.source.endsWith("-a") || !inHalfA.has(line.text));
}
