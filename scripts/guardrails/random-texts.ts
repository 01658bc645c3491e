import { stringOfUnits } from "../../src/text-units.js";
import { mulberry32 } from "./seeded-random.js";

/**
 * Text that says nothing, which no attack scorer may flag: random characters in several scripts,
 * random words, base64 and hex blobs, code, logs, JSON and long runs of one character, at lengths up
 * to the largest text check_guardrails accepts (1,000,000 characters). A linear model over hashed
 * n-grams sums many unseen features over long text, so a slight lean of its weights adds up with
 * length: training checks its model against these (dev), and a test checks the shipped one.
 */
export interface RandomText {
  kind: string;
  length: number;
  text: string;
}

export const RANDOM_TEXT_LENGTHS = [16, 100, 448, 1_000, 4_000, 20_000, 200_000, 1_000_000] as const;

type Generator = (random: () => number, length: number) => string;

const pickFrom = (random: () => number, items: readonly string[]) =>
  items[Math.floor(random() * items.length)] ?? "";

/** Random characters from [from, from + count). */
const unitsFrom =
  (from: number, count: number): Generator =>
  (random, length) => {
    const units = new Uint16Array(length);
    for (let index = 0; index < length; index++) units[index] = from + Math.floor(random() * count);
    return stringOfUnits(units);
  };

/** Random "words" of 1-10 characters drawn from `alphabet`, separated by spaces. */
const wordsOf =
  (alphabet: Generator): Generator =>
  (random, length) => {
    let text = "";
    while (text.length < length) text += `${alphabet(random, 1 + Math.floor(random() * 10))} `;
    return text.slice(0, length);
  };

/** Repeats `piece(random)` until `length`. */
const repeated =
  (piece: (random: () => number) => string): Generator =>
  (random, length) => {
    const parts: string[] = [];
    let total = 0;
    while (total < length) {
      const part = piece(random);
      parts.push(part);
      total += part.length;
    }
    return parts.join("").slice(0, length);
  };

const hexDigits = "0123456789abcdef";
const base64Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const fromAlphabet = (alphabet: string): Generator => {
  const codes = Uint16Array.from(alphabet, (character) => character.charCodeAt(0));
  return (random, length) => {
    const units = new Uint16Array(length);
    for (let index = 0; index < length; index++)
      units[index] = codes[Math.floor(random() * codes.length)] ?? 0;
    return stringOfUnits(units);
  };
};

/** Neutral English words: random sequences of them are word salad, not requests. */
const WORDS =
  "the of and to in is was for on that with as by at from his her it an were are which this be or has had not but one new first also after their two its they year time city may over world into between during other state more some most who years school only three team war used government under when him national these people game would company part until series music including river there known season family where later american since film population north south while high before area early album first group district being life called county name based following number west four record second began left place east work club each however several village found times water town held members small end local located home last both days around many university church power black like house major well years line political age could then five music player".split(
    " ",
  );

const logLine = (random: () => number): string => {
  const stamp = `2026-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}T${String(Math.floor(random() * 24)).padStart(2, "0")}:${String(Math.floor(random() * 60)).padStart(2, "0")}:${String(Math.floor(random() * 60)).padStart(2, "0")}.${String(Math.floor(random() * 1000)).padStart(3, "0")}Z`;
  const level = pickFrom(random, ["INFO", "WARN", "ERROR", "DEBUG"]);
  const id = fromAlphabet(hexDigits)(random, 16);
  const message = pickFrom(random, [
    `GET /api/v1/items/${Math.floor(random() * 100000)} 200 ${Math.floor(random() * 900)}ms`,
    `connection to 10.0.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}:5432 reset by peer, retrying in ${Math.floor(random() * 30)}s`,
    `worker ${Math.floor(random() * 16)} processed batch of ${Math.floor(random() * 5000)} rows`,
    `cache miss for key user:${Math.floor(random() * 1e6)}:profile`,
    `request_id=${id} status=503 upstream=payments latency_ms=${Math.floor(random() * 3000)}`,
  ]);
  return `${stamp} ${level} [${id}] ${message}\n`;
};

const jsonRecord = (random: () => number): string =>
  `${JSON.stringify({
    id: Math.floor(random() * 1e9),
    name: wordsOf(fromAlphabet("abcdefghijklmnopqrstuvwxyz"))(random, 12).trim(),
    active: random() < 0.5,
    score: Math.round(random() * 1e4) / 100,
    tags: [pickFrom(random, WORDS), pickFrom(random, WORDS)],
    ref: fromAlphabet(hexDigits)(random, 24),
  })},\n`;

const codeLine = (random: () => number): string => {
  const name = `${pickFrom(random, WORDS)}${pickFrom(random, ["Count", "List", "Map", "Value", "Index"])}`;
  return pickFrom(random, [
    `const ${name} = items.filter((item) => item.${pickFrom(random, WORDS)} > ${Math.floor(random() * 100)});\n`,
    `for (let index = 0; index < ${name}.length; index++) total += ${name}[index];\n`,
    `if (${name} === undefined) throw new Error("missing ${pickFrom(random, WORDS)}");\n`,
    `export function ${name}(input: string): number {\n  return input.length * ${Math.floor(random() * 10)};\n}\n`,
    `def ${name}(self, value):\n    return self.${pickFrom(random, WORDS)}.get(value, None)\n`,
    `SELECT ${pickFrom(random, WORDS)}, COUNT(*) FROM ${name} WHERE id > ${Math.floor(random() * 1000)} GROUP BY 1;\n`,
  ]);
};

const GENERATORS: Record<string, Generator> = {
  "random CJK (as the hardening test writes it)": (_random, length) =>
    Array.from({ length }, (_, index) => String.fromCharCode(0x4e00 + ((index * 7919) % 20_000))).join(""),
  "random CJK": unitsFrom(0x4e00, 20_000),
  "random CJK, a full stop every 250": repeated((random) => `${unitsFrom(0x4e00, 20_000)(random, 250)}。`),
  "random hiragana and katakana": unitsFrom(0x3041, 0x5a),
  "random Hangul": unitsFrom(0xac00, 11_000),
  "random Cyrillic words": wordsOf(unitsFrom(0x430, 32)),
  "random Arabic words": wordsOf(unitsFrom(0x627, 26)),
  "random Devanagari words": wordsOf(unitsFrom(0x915, 37)),
  "random Latin letters": fromAlphabet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
  "random Latin words": wordsOf(fromAlphabet("abcdefghijklmnopqrstuvwxyz")),
  "random English words": repeated((random) => `${pickFrom(random, WORDS)} `),
  "random printable ASCII": unitsFrom(0x20, 95),
  base64: fromAlphabet(base64Digits),
  hex: fromAlphabet(hexDigits),
  code: repeated(codeLine),
  logs: repeated(logLine),
  JSON: repeated(jsonRecord),
  "one letter repeated": (_random, length) => "a".repeat(length),
  "one CJK character repeated": (_random, length) => "的".repeat(length),
  "a word repeated": (_random, length) => "word ".repeat(Math.ceil(length / 5)).slice(0, length),
  "punctuation repeated": (_random, length) => "-=*.".repeat(Math.ceil(length / 4)).slice(0, length),
};

/**
 * Every kind at every length (or those up to `maxLength`), the same texts for the same `seed`:
 * training's dev check uses the default, the test of the shipped model others.
 */
export function randomTexts(
  maxLength: number = RANDOM_TEXT_LENGTHS[RANDOM_TEXT_LENGTHS.length - 1] ?? 0,
  firstSeed = 7,
): RandomText[] {
  const texts: RandomText[] = [];
  let seed = firstSeed;
  for (const [kind, generate] of Object.entries(GENERATORS)) {
    for (const length of RANDOM_TEXT_LENGTHS) {
      if (length > maxLength) continue;
      texts.push({ kind, length, text: generate(mulberry32(seed++), length) });
    }
  }
  return texts;
}

/** Letters of scripts a noise line may mix: [first code unit, how many]. */
const NOISE_SCRIPTS: [number, number][] = [
  [0x61, 26],
  [0x3b1, 25],
  [0x430, 32],
  [0x5d0, 27],
  [0x627, 26],
  [0x915, 37],
  [0xe01, 46],
  [0x4e00, 20_000],
  [0xac00, 11_000],
  [0x3041, 0x5a],
  [0x30, 10],
];

/**
 * Training noise, unlike the check's texts: each line mixes two to four scripts at random, in words
 * of random length with digits and punctuation, 50-3,000 characters. As benign training lines they
 * teach the model that n-grams it never saw say nothing, whatever their number.
 */
export function trainingNoise(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const lines: string[] = [];
  for (let line = 0; line < count; line++) {
    const scripts = Array.from(
      { length: 2 + Math.floor(random() * 3) },
      (): [number, number] => NOISE_SCRIPTS[Math.floor(random() * NOISE_SCRIPTS.length)] ?? [0x61, 26],
    );
    const length = 50 + Math.floor(random() * 2950);
    let text = "";
    while (text.length < length) {
      const [from, size]: [number, number] = scripts[Math.floor(random() * scripts.length)] ?? [0x61, 26];
      text += unitsFrom(from, size)(random, 1 + Math.floor(random() * 12));
      text += pickFrom(random, [" ", " ", " ", ", ", ". ", "\n", "-", "_", "/", ""]);
    }
    lines.push(text.slice(0, length));
  }
  return lines;
}
