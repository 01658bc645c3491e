import type { CountryCode } from "libphonenumber-js/max";
import { type DigitNotation, type PhoneFormatSet, phoneFormatLines } from "./extract-faker-phones.js";
import type { LineContext } from "./extract-pii-secret.js";
import { PHONE_WORDS } from "./phone-words-by-language.js";
import type { PiiSecretLine } from "./pii-secret-line.js";
import { halfOf } from "./seeded-random.js";

/** What read-faker-py-phones.py reads of one locale's provider: its phone formats and literal lists. */
export interface FakerPyProvider {
  /** `formats`, `cellphone_formats`…: the formats as the provider lists them. */
  formats: Record<string, string[]>;
  /** The provider's other literal tuples, which `{{name}}` in a format draws from (`area_codes`…). */
  lists: Record<string, string[]>;
}

/**
 * joke2k/faker's (Python) per-locale phone formats, written by other contributors than faker-js's
 * and for other locales (Arabic, Bulgarian, Bengali, Finnish, Filipino, Lithuanian, Tamil, Uzbek…):
 * each `{{name}}` in a format is replaced by a seeded draw from the provider's tuple `name` or
 * `names` (a format naming no such tuple is left out), then the lines are made as faker-js's are
 * (phoneFormatLines: filled until valid in the locale's region, put alone, after the language's phone
 * word or in an English sentence). The locales go to half `a` or `b` by a hash of their name, so a
 * rule tuned on half a's countries is measured on other countries. Returns the lines of `half`.
 */
export function fakerPyPhoneLines(
  providers: Record<string, FakerPyProvider>,
  half: "a" | "b",
  random: () => number,
  context: LineContext,
): { lines: PiiSecretLine[]; leftOut: number } {
  let leftOut = 0;
  const sets: PhoneFormatSet[] = [];
  for (const [locale, provider] of Object.entries(providers).sort(([left], [right]) =>
    left.localeCompare(right),
  )) {
    const [language = "", region = ""] = locale.split("_");
    const label = PHONE_WORDS[language];
    if (label === undefined) throw new Error(`faker (Python) locale ${locale}: no phone word`);
    for (const [kind, formats] of Object.entries(provider.formats)) {
      const filled = formats.flatMap((format) => {
        const drawn = drawTemplates(format, provider.lists, random);
        if (drawn === undefined) leftOut++;
        return drawn === undefined ? [] : [drawn];
      });
      if (halfOf(locale) === half)
        sets.push({ locale, kind, region: region as CountryCode, label, formats: filled });
    }
  }
  return { lines: phoneFormatLines(sets, FAKER_PY_NOTATION, random, context), leftOut };
}

/** `{{ name }}` replaced by a draw from the list `name` or `names`; undefined where there is none. */
function drawTemplates(
  format: string,
  lists: Record<string, string[]>,
  random: () => number,
): string | undefined {
  let missing = false;
  const drawn = format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const list = lists[name] ?? lists[`${name}s`];
    if (list === undefined || list.length === 0) {
      missing = true;
      return "";
    }
    return list[Math.floor(random() * list.length)] ?? "";
  });
  return missing ? undefined : drawn;
}

/** faker's numerify: `#` any digit, `%` 1-9, `$` 2-9, `!` a digit or none, `@` 1-9 or none. */
const FAKER_PY_NOTATION: DigitNotation = {
  symbols: "#%$!@",
  digit: (symbol, random) => {
    if ((symbol === "!" || symbol === "@") && random() < 0.5) return "";
    const low = symbol === "#" || symbol === "!" ? 0 : symbol === "$" ? 2 : 1;
    return String(low + Math.floor(random() * (10 - low)));
  },
};
